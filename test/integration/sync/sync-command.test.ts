import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileSyncSchedulers } from '../../../jobs/schedules.ts';
import { runSyncCommand } from '../../../src/cli/sync-command.ts';
import { UsageError } from '../../../src/cli/usage.ts';
import { registerConnector, unregisterConnector } from '../../../src/connectors/registry.ts';
import { type RunningWorker, startWorker } from '../../../src/worker.ts';
import { testContext } from '../../support/app-context.ts';
import { createTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { FakeSource, seedFakeSource } from './fake-connector.ts';
import { newQueuePrefix, newTenantId, redisUrl } from './sync-test-kit.ts';

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return { stream, text: () => text };
}

// Each command opens (and migrates) the database like the real CLI. In one process a second open waits ~10 s for
// the migration lock the previous open leaves held (src/store, reported), hence the few invocations here.
describe('kpibot sync (real PostgreSQL, real Redis)', () => {
  let t: TestDatabase;
  let dir: string;
  let env: Record<string, string>;
  let worker: RunningWorker;
  const tenantId = newTenantId('cli');
  const queuePrefix = newQueuePrefix();
  const revoked = new FakeSource({ source: 'fake-cli-revoked', badCredentials: true });
  seedFakeSource(revoked, { owners: 1, leads: 2 });

  beforeAll(async () => {
    registerConnector({
      source: revoked.source,
      label: 'revoked',
      enabledBy: [],
      parseConfig: () => ({}),
      create: () => revoked.connector(),
    });
    t = await createTestDatabase('postgres');
    dir = await mkdtemp(path.join(os.tmpdir(), 'kpibot-cli-drop-'));
    await writeFile(path.join(dir, 'leads.csv'), 'externalId,createdAt\nL1,2026-11-02\nL2,2026-11-03\n');
    const old = new Date(Date.now() - 60_000);
    await utimes(path.join(dir, 'leads.csv'), old, old);
    env = {
      DATABASE_URL: t.url!,
      REDIS_URL: redisUrl,
      KPIBOT_CSV_DIR: dir,
      KPIBOT_SYNC_TENANT: tenantId,
      KPIBOT_TZ: 'Europe/Paris',
      LOG_LEVEL: 'silent',
    };
    worker = await startWorker(testContext(t.db, env), {
      redisUrl,
      prefix: queuePrefix,
      env,
      syncTargets: [],
    });
  });
  afterAll(async () => {
    if (worker) {
      for (const q of Object.values(worker.queues)) await q.obliterate({ force: true });
      await worker.close();
    }
    unregisterConnector(revoked.source);
    await rm(dir, { recursive: true, force: true });
    await t?.dispose();
  });

  const run = async (argv: string[]) => {
    const stdout = capture();
    const stderr = capture();
    const code = await runSyncCommand(
      argv,
      { stdout: stdout.stream, stderr: stderr.stream, env },
      { queuePrefix },
    );
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  };

  it('syncs the configured sources now, then rolls up', async () => {
    const r = await run([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^csv: 2 new, 0 updated, 0 deleted, 0 rejected \(1 page, \d+\.\d s\)\n$/);
    expect(r.stderr).toMatch(/KPI rollups updated for 2 day\(s\)/);
    expect(await t.db.prisma.lead.count({ where: { tenantId } })).toBe(2);
  });

  it('a source that refuses the credentials: exit 1 and what to do', async () => {
    const r = await run([revoked.source]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${revoked.source}: failed — 401 Unauthorized`);
    expect(r.stderr).toContain(`Fix the ${revoked.source} settings or credentials`);
  });

  it('--status lists sources, last success, last error, next run, notices and failed jobs', async () => {
    await reconcileSyncSchedulers(worker.queues.sync, [{ tenantId, source: 'csv' }], 15 * 60_000);
    const events = new QueueEvents('sync', { connection: { url: redisUrl }, prefix: queuePrefix });
    await events.waitUntilReady();
    const job = await worker.queues.sync.add('sync', { tenantId, source: revoked.source });
    await expect(job.waitUntilFinished(events, 20_000)).rejects.toThrow();
    await events.close();

    const r = await run(['--status']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(
      `Sync status of tenant ${tenantId} (times in Europe/Paris; scheduled every 15 min)`,
    );
    expect(lines[1]).toMatch(/source\s+last success\s+last run\s+next run\s+last error/);
    const csv = lines.find((l) => l.trim().startsWith('csv '));
    expect(csv).toMatch(
      /csv\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+succeeded \d{4}-\d\d-\d\d \d\d:\d\d\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+—/,
    );
    const bad = lines.find((l) => l.includes(`${revoked.source} (not configured)`));
    expect(bad).toMatch(/—\s+failed .*401 Unauthorized/);
    expect(r.stdout).toContain("Notices for the tenant's admins:");
    expect(r.stdout).toMatch(new RegExp(`${revoked.source} since .*: 401 Unauthorized.*\\(not told yet\\)`));
    expect(r.stdout).toMatch(
      new RegExp(`Failed sync jobs \\(kept 7 days\\):\\n  ${revoked.source} .* after 1 attempt: .*401`),
    );

    const json = JSON.parse((await run(['--status', '--json'])).stdout) as {
      sources: { source: string }[];
      redis: string;
    };
    expect(json.redis).toBe('ok');
    expect(json.sources.map((s) => s.source)).toEqual(['csv', revoked.source]);
  });

  it('bad usage is exit code 2 material (UsageError)', async () => {
    await expect(run(['nope'])).rejects.toThrow(UsageError);
    await expect(run(['--bogus'])).rejects.toThrow(UsageError);
    const noSources = { ...env, KPIBOT_CSV_DIR: '' };
    await expect(
      runSyncCommand([], { stdout: new PassThrough(), stderr: new PassThrough(), env: noSources }),
    ).rejects.toThrow(/No source is configured/);
  });
});
