import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryDispatch } from '../../../jobs/deliver.ts';
import { type DeliverJobData, QUEUES } from '../../../jobs/queues.ts';
import { enqueueDeliveries, findDelivery } from '../../../src/app/delivery/index.ts';
import { newQueuePrefix, redisUrl } from '../../integration/sync/sync-test-kit.ts';
import { testContext } from '../../support/app-context.ts';
import { createTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { type FakeSlack, startFakeSlack } from '../../support/fake-slack.ts';
import {
  BOT_TOKEN,
  key,
  notice,
  postCalls,
  postsOf,
  SLACK_TOKENS,
  SLACK_USERS,
  settled,
} from './delivery-kit.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Spawns the worker child; resolves once it printed "ready". Its stderr is kept for failure messages. */
async function spawnWorker(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; stderr: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'deliver-worker-child.ts')], {
    cwd: path.resolve(here, '../../..'),
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const lines = createInterface({ input: child.stdout! });
  const ready = new Promise<void>((resolve, reject) => {
    lines.on('line', (line) => line === 'ready' && resolve());
    child.once('exit', (code) =>
      reject(new Error(`worker exited (${code}) before ready:\n${stderr.slice(-2000)}`)),
    );
  });
  await ready;
  return { child, stderr: () => stderr };
}

describe('a worker killed (SIGKILL) between the Slack post and its commit', () => {
  let t: TestDatabase;
  let fake: FakeSlack;
  const prefix = newQueuePrefix();
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    t = await createTestDatabase('postgres');
    fake = await startFakeSlack({ users: SLACK_USERS, tokens: SLACK_TOKENS });
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    const queue = new Queue(QUEUES.deliver, { connection: { url: redisUrl }, prefix });
    await queue.obliterate({ force: true });
    await queue.close();
    await fake?.close();
    await t?.dispose();
  });

  it('restarted, it finds the message in the channel and posts nothing more', {
    timeout: 60_000,
  }, async () => {
    const ctx = testContext(t.db);
    const env = {
      CHILD_DATABASE_URL: t.url!,
      CHILD_REDIS_URL: redisUrl,
      CHILD_PREFIX: prefix,
      CHILD_SLACK_TOKEN: BOT_TOKEN,
      CHILD_SLACK_API_URL: fake.apiUrl,
    };
    const k = key('crash');
    const [id] = (await enqueueDeliveries(ctx, [notice('default', k)])) as [string];
    // Slack stores the message, then the answer is held: the worker dies not knowing it was posted.
    const held = fake.holdNext('chat.postMessage');
    const first = await spawnWorker(env);
    children.push(first.child);
    const queue = new Queue<DeliverJobData>(QUEUES.deliver, { connection: { url: redisUrl }, prefix });
    await deliveryDispatch(queue)([id]);
    await held.arrived;
    first.child.kill('SIGKILL');
    await once(first.child, 'exit');
    held.release();
    expect(await findDelivery(ctx.db.prisma, 'default', k)).toMatchObject({
      status: 'sending',
      messageId: null,
    });
    expect(postsOf(fake, id)).toHaveLength(1);

    const second = await spawnWorker(env);
    children.push(second.child);
    const row = await settled(ctx.db.prisma, 'default', k);
    second.child.kill('SIGTERM');
    await once(second.child, 'exit');
    await queue.close();

    const posts = postsOf(fake, id);
    expect(posts).toHaveLength(1);
    expect(postCalls(fake, id)).toHaveLength(1);
    expect(row).toMatchObject({ status: 'sent', messageId: posts[0]?.ts, attempts: 2 });
    expect(
      fake.calls.some((c) => c.method === 'conversations.history' && c.params.channel === 'C0SALES'),
    ).toBe(true);
  });
});
