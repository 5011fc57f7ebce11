import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIGEST_QUEUE, type DigestJobData } from '../../../jobs/digest.ts';
import { QUEUES } from '../../../jobs/queues.ts';
import { subscribe } from '../../../src/app/digest/subscriptions.ts';
import { markDirtyDays } from '../../../src/store/dirty-days.ts';
import { recomputeRollups } from '../../../src/store/rollups/index.ts';
import { newQueuePrefix, redisUrl } from '../../integration/sync/sync-test-kit.ts';
import { createTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { type FakeSlack, type FakeSlackUser, startFakeSlack } from '../../support/fake-slack.ts';
import { BOT_TOKEN, postCalls, SLACK_TOKENS } from '../delivery/delivery-kit.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const TENANT = 'default';
const REPS = 60;
const DUE = new Date('2026-11-16T07:30:00Z');

async function spawnWorker(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'digest-worker-child.ts')], {
    cwd: path.resolve(here, '../../..'),
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const lines = createInterface({ input: child.stdout! });
  await new Promise<void>((resolve, reject) => {
    lines.on('line', (line) => line === 'ready' && resolve());
    child.once('exit', (code) =>
      reject(new Error(`worker exited (${code}) before ready:\n${stderr.slice(-2000)}`)),
    );
  });
  return child;
}

describe('a worker killed (SIGKILL) in the middle of a digest run with per-rep DMs', () => {
  let t: TestDatabase;
  let fake: FakeSlack;
  const prefix = newQueuePrefix();
  const children: ChildProcess[] = [];
  const users: FakeSlackUser[] = Array.from({ length: REPS }, (_, i) => ({
    id: `U0R${String(i).padStart(3, '0')}`,
    name: `rep${i}`,
    email: `rep${i}@field.test`,
    locale: 'en-US',
    tz: 'Europe/Paris',
    realName: `Rep ${i}`,
  }));

  beforeAll(async () => {
    t = await createTestDatabase('postgres');
    fake = await startFakeSlack({ users, tokens: SLACK_TOKENS });
    const p = t.db.prisma;
    await p.tenant.create({ data: { id: TENANT, name: 'Field', tz: 'Europe/Paris' } });
    const team = await p.team.create({ data: { tenantId: TENANT, name: 'Field' } });
    const reps = await Promise.all(
      users.map((u, i) =>
        p.rep.create({
          data: {
            tenantId: TENANT,
            name: u.realName,
            email: u.email,
            teamId: team.id,
            slackUserId: u.id,
            role: i === 0 ? 'manager' : 'rep',
          },
        }),
      ),
    );
    const deals = reps.map((r, i) => ({
      tenantId: TENANT,
      source: 'fx',
      externalId: `d${i}`,
      ownerRepId: r.id,
      teamId: team.id,
      status: 'won' as const,
      amount: 100 * (i + 1),
      currency: 'EUR',
      createdAt: new Date('2026-10-01T10:00:00Z'),
      closedAt: new Date('2026-11-11T10:00:00Z'),
    }));
    await p.deal.createMany({ data: deals });
    await markDirtyDays(
      p,
      TENANT,
      'Europe/Paris',
      deals.flatMap((d) => [d.createdAt, d.closedAt]),
    );
    await recomputeRollups(t.db, TENANT);
  }, 60_000);
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    for (const name of [DIGEST_QUEUE, QUEUES.deliver]) {
      const queue = new Queue(name, { connection: { url: redisUrl }, prefix });
      await queue.obliterate({ force: true });
      await queue.close();
    }
    await fake?.close();
    await t?.dispose();
  });

  it('restarted, it finishes the run: every DM and the channel message posted exactly once', {
    timeout: 120_000,
  }, async () => {
    const p = t.db.prisma;
    const team = await p.team.findFirstOrThrow({ where: { tenantId: TENANT } });
    const sub = await subscribe(p, {
      tenantId: TENANT,
      platform: 'slack',
      target: 'C0FIELD',
      isUser: false,
      tz: 'Europe/Paris',
      scope: { teamId: team.id, teamName: 'Field', dmReps: true },
      metrics: ['revenue_signed', 'deals_won'],
    });
    const env = {
      CHILD_DATABASE_URL: t.url!,
      CHILD_REDIS_URL: redisUrl,
      CHILD_PREFIX: prefix,
      CHILD_SLACK_TOKEN: BOT_TOKEN,
      CHILD_SLACK_API_URL: fake.apiUrl,
    };
    const first = await spawnWorker(env);
    children.push(first);
    const queue = new Queue<DigestJobData>(DIGEST_QUEUE, { connection: { url: redisUrl }, prefix });
    await queue.add(
      'digest',
      { tenantId: TENANT, subscriptionId: sub.id, dueAt: DUE.getTime() },
      { attempts: 3 },
    );
    const dms = () => p.delivery.count({ where: { tenantId: TENANT, kind: 'digest_dm' } });
    // Killed once the first batch of DMs is in the outbox, while the rest are still being computed.
    await expect.poll(dms, { timeout: 60_000, interval: 20 }).toBeGreaterThan(0);
    first.kill('SIGKILL');
    await once(first, 'exit');
    const atKill = await dms();
    expect(atKill).toBeLessThan(REPS);

    const second = await spawnWorker(env);
    children.push(second);
    const sent = () => p.delivery.count({ where: { tenantId: TENANT, status: 'sent' } });
    await expect.poll(sent, { timeout: 90_000, interval: 200 }).toBe(REPS + 1);
    second.kill('SIGTERM');
    await once(second, 'exit');
    await queue.close();

    const rows = await p.delivery.findMany({ where: { tenantId: TENANT } });
    expect(rows).toHaveLength(REPS + 1);
    expect(new Set(rows.map((r) => r.target)).size).toBe(REPS + 1);
    for (const row of rows) expect(postCalls(fake, row.id)).toHaveLength(1);
    const posts = fake.calls.filter((c) => c.method === 'chat.postMessage');
    expect(posts).toHaveLength(REPS + 1);
    expect(fake.calls.filter((c) => c.method === 'files.completeUploadExternal')).toHaveLength(REPS + 1);
  });
});
