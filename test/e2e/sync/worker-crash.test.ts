import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSync } from '../../../src/app/run-sync.ts';
import { dataChecksum, newQueuePrefix, newTenantId, redisUrl } from '../../integration/sync/sync-test-kit.ts';
import { testContext } from '../../support/app-context.ts';
import { createTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { crashTestSource } from './crash-source.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');

/** A worker in its own process; `until` resolves when a stdout line matches. */
function startChild(env: Record<string, string>) {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(here, 'sync-worker-child.ts')],
    {
      cwd: repoRoot,
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
    for (const w of [...waiters]) {
      const match = out.match(w.pattern);
      if (match) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(match[0]);
      }
    }
  });
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    until: (pattern: RegExp, timeoutMs: number) =>
      new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `no ${pattern} within ${timeoutMs} ms\nstdout:\n${out.slice(-2000)}\nstderr:\n${err.slice(-2000)}`,
              ),
            ),
          timeoutMs,
        );
        waiters.push({
          pattern,
          resolve: (line) => {
            clearTimeout(timer);
            resolve(line);
          },
        });
        void exited.then((code) =>
          reject(new Error(`worker exited (${code}) before ${pattern}\n${err.slice(-2000)}`)),
        );
      }),
  };
}

describe('a worker killed mid-sync (SIGKILL) and restarted', () => {
  let t: TestDatabase;
  const prefix = newQueuePrefix();
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    t = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    const queue = new Queue('sync', { connection: { url: redisUrl }, prefix });
    await queue.obliterate({ force: true });
    await queue.close();
    await t?.dispose();
  });

  it('ends with the same database as an uninterrupted sync', { timeout: 60_000 }, async () => {
    const control = newTenantId('crash-control');
    const tenantId = newTenantId('crash');
    await runSync(testContext(t.db), { tenantId: control, connector: crashTestSource().connector() });

    const env = {
      CHILD_DATABASE_URL: t.url!,
      CHILD_REDIS_URL: redisUrl,
      CHILD_PREFIX: prefix,
      CHILD_TENANT: tenantId,
    };
    const first = startChild({ ...env, CHILD_ENQUEUE: '1' });
    children.push(first.child);
    await first.until(/page leads 9\n/, 30_000);
    first.child.kill('SIGKILL');
    await first.exited;

    const midway = await dataChecksum(t.db, tenantId);
    expect(midway.leads).toBeGreaterThan(0);
    expect(midway.leads).toBeLessThan(600);
    expect(midway.deals).toBe(0);

    const second = startChild(env);
    children.push(second.child);
    const completed = await second.until(/completed .*\n/, 40_000);
    expect(completed).toMatch(/"status":"succeeded"/);
    second.child.kill('SIGTERM');
    await second.exited;

    expect(await dataChecksum(t.db, tenantId)).toEqual(await dataChecksum(t.db, control));
    const runs = await t.db.prisma.syncRun.findMany({ where: { tenantId }, orderBy: { startedAt: 'asc' } });
    expect(runs.map((r) => r.status)).toEqual(['failed', 'succeeded']);
    expect(JSON.stringify(runs[0]?.errors)).toContain('interrupted');
    // The resumed run started from the committed cursors: it read fewer lead pages than a whole sync.
    expect(runs[1]!.inserted).toBeLessThan(4 + 600 + 200);
  });
});
