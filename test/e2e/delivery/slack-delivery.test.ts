import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryDispatch, openDeliveryDispatch } from '../../../jobs/deliver.ts';
import { type DeliverJobData, QUEUES } from '../../../jobs/queues.ts';
import type { AppContext } from '../../../src/app/context.ts';
import { enqueueDeliveries, findDelivery, registerRenderer } from '../../../src/app/delivery/index.ts';
import { type RunningWorker, startWorker, type WorkerOptions } from '../../../src/worker.ts';
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

const TENANT = 'default';
const CHART = Buffer.from('\x89PNG fake chart bytes');

registerRenderer('test_chart', {
  slack: (view) => ({
    text: String((view as { title: string }).title),
    files: [
      {
        filename: 'pipeline.png',
        title: 'Pipeline',
        altText: 'Pipeline by stage, last 8 weeks',
        contentBase64: CHART.toString('base64'),
      },
    ],
  }),
  teams: (view) => ({ text: String((view as { title: string }).title) }),
});

describe('deliver queue → Slack (real Redis and PostgreSQL, fake Slack Web API)', () => {
  let t: TestDatabase;
  let fake: FakeSlack;
  let ctx: AppContext;
  let worker: RunningWorker;
  const prefix = newQueuePrefix();
  const workerOptions = (): WorkerOptions => ({
    redisUrl,
    prefix,
    env: {},
    syncTargets: [],
    syncEveryMs: 0,
    deliver: { sweepEveryMs: 0, staleAfterMs: 0, parentWaitMs: 200 },
  });

  beforeAll(async () => {
    t = await createTestDatabase('postgres');
    fake = await startFakeSlack({ users: SLACK_USERS, tokens: SLACK_TOKENS, goneChannels: ['C0GONE'] });
    ctx = testContext(t.db, {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: 'delivery-test-secret',
      SLACK_API_URL: fake.apiUrl,
    });
    worker = await startWorker(ctx, workerOptions());
  });
  afterAll(async () => {
    if (worker) {
      await worker.queues.deliver.obliterate({ force: true });
      await worker.close();
    }
    await fake?.close();
    await t?.dispose();
  });

  it('a duplicated job and a job run twice post once', async () => {
    const k = key('dup');
    const [id] = (await enqueueDeliveries(ctx, [notice(TENANT, k)])) as [string];
    // The worker's dispatch, and a web process's (no deliver worker of its own), on the same queue.
    const web = openDeliveryDispatch({ redisUrl, prefix });
    await Promise.all([worker.dispatch([id, id]), worker.dispatch([id]), web.dispatch([id])]);
    await web.close();
    await worker.queues.deliver.add('deliver', { deliveryId: id }, { jobId: id });
    const row = await settled(ctx.db.prisma, TENANT, k);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, conversationId: 'C0SALES' });

    // The same delivery run again by another job (a stalled job re-run, a producer dispatching under another id).
    const again = await worker.queues.deliver.add('deliver', { deliveryId: id }, { jobId: `${id}-again` });
    await expect.poll(() => again.getState(), { timeout: 10_000 }).toBe('completed');
    expect(postCalls(fake, id)).toHaveLength(1);
    const [posted] = postsOf(fake, id);
    expect(posted).toMatchObject({ ts: row.messageId, text: `Notice ${k}`, channel: 'C0SALES' });
    expect(posted?.metadata).toEqual({ event_type: 'kpibot_delivery', event_payload: { delivery_id: id } });
    expect((await findDelivery(ctx.db.prisma, TENANT, k))?.attempts).toBe(1);
  });

  it('Slack answers 500 then 200: one post', async () => {
    const k = key('flaky');
    fake.failNext(1, { status: 500, method: 'chat.postMessage' });
    const ids = await enqueueDeliveries(ctx, [notice(TENANT, k)]);
    await worker.dispatch(ids);
    const row = await settled(ctx.db.prisma, TENANT, k);
    expect(row).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    const calls = postCalls(fake, row.id);
    expect(calls.map((c) => c.status)).toEqual([500, 200]);
    // The 500 may have come after Slack stored the message: the retry searched the channel first.
    expect(
      fake.calls.some(
        (c) =>
          c.method === 'conversations.history' &&
          c.params.channel === 'C0SALES' &&
          String(c.params.include_all_metadata) === 'true',
      ),
    ).toBe(true);
    expect(postsOf(fake, row.id)).toHaveLength(1);
  });

  it('Slack stored the message but answered 500: the retry finds it by its metadata and posts nothing', async () => {
    const k = key('lost-answer');
    fake.failNext(1, { status: 500, method: 'chat.postMessage', afterHandling: true });
    const ids = await enqueueDeliveries(ctx, [notice(TENANT, k)]);
    await worker.dispatch(ids);
    const row = await settled(ctx.db.prisma, TENANT, k);
    const posts = postsOf(fake, row.id);
    expect(posts).toHaveLength(1);
    expect(postCalls(fake, row.id)).toHaveLength(1);
    expect(row).toMatchObject({ status: 'sent', messageId: posts[0]?.ts, attempts: 2 });
  });

  it('an install without the history scopes cannot search: the retry posts, still once', async () => {
    const k = key('no-history-scope');
    fake.failNext(1, { status: 500, method: 'chat.postMessage' });
    fake.failNext(1, { error: 'missing_scope', method: 'conversations.history' });
    const ids = await enqueueDeliveries(ctx, [notice(TENANT, k)]);
    await worker.dispatch(ids);
    const row = await settled(ctx.db.prisma, TENANT, k);
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    expect(postCalls(fake, row.id).map((c) => c.status)).toEqual([500, 200]);
    expect(postsOf(fake, row.id)).toHaveLength(1);
  });

  it('an install without im:write still reaches a user: posted to the user id, the DM channel recorded', async () => {
    const k = key('no-im-write');
    fake.failNext(1, { error: 'missing_scope', method: 'conversations.open' });
    const ids = await enqueueDeliveries(ctx, [notice(TENANT, k, { target: 'U0ADMIN' })]);
    await worker.dispatch(ids);
    const row = await settled(ctx.db.prisma, TENANT, k);
    expect(row).toMatchObject({ status: 'sent', conversationId: 'D0ADMIN' });
    expect(postCalls(fake, row.id).map((c) => c.params.channel)).toEqual(['U0ADMIN']);
  });

  it('429 with Retry-After: the job waits that long, then posts once', async () => {
    const k = key('throttled');
    fake.failNext(1, { status: 429, method: 'chat.postMessage', headers: { 'retry-after': '2' } });
    const ids = await enqueueDeliveries(ctx, [notice(TENANT, k)]);
    await worker.dispatch(ids);
    const row = await settled(ctx.db.prisma, TENANT, k);
    const [throttled, accepted] = postCalls(fake, row.id);
    expect(throttled?.status).toBe(429);
    expect(accepted?.status).toBe(200);
    expect((accepted?.at ?? 0) - (throttled?.at ?? 0)).toBeGreaterThanOrEqual(2000);
    expect(postsOf(fake, row.id)).toHaveLength(1);
    // A 429 means Slack refused the message: nothing to search for before trying again.
    const between = fake.calls.filter(
      (c) => (c.at ?? 0) > (throttled?.at ?? 0) && (c.at ?? 0) < (accepted?.at ?? 0),
    );
    expect(between.filter((c) => c.method === 'conversations.history')).toEqual([]);
    // The delay was the job's (moveToDelayed), not a spent attempt: the job succeeded on its first attempt.
    const job = await worker.queues.deliver.getJob(row.id);
    expect(job?.attemptsMade).toBeLessThanOrEqual(1);
  });

  it('an update and a thread reply land on the root message', async () => {
    const root = key('root');
    const ids = await enqueueDeliveries(ctx, [
      notice(TENANT, `${root}:reply`, { parentKey: root }),
      notice(TENANT, `${root}:update`, {
        op: 'update',
        parentKey: root,
        view: { kind: 'info', lang: 'en', title: 'Acknowledged by Alice', lines: ['Updated'] },
      }),
      notice(TENANT, root),
    ]);
    // All dispatched at once, children first: they wait for the root to be posted.
    await worker.dispatch(ids);
    const [reply, update, posted] = [
      await settled(ctx.db.prisma, TENANT, `${root}:reply`),
      await settled(ctx.db.prisma, TENANT, `${root}:update`),
      await settled(ctx.db.prisma, TENANT, root),
    ];
    expect(posted.status).toBe('sent');
    expect(reply).toMatchObject({ status: 'sent', threadId: posted.messageId, conversationId: 'C0SALES' });
    expect(update).toMatchObject({ status: 'sent', messageId: posted.messageId });
    const channel = fake.conversations.get('C0SALES') ?? [];
    const rootMessage = channel.find((m) => m.ts === posted.messageId);
    expect(rootMessage).toMatchObject({ text: 'Acknowledged by Alice', edited: expect.anything() });
    const replyMessage = channel.find((m) => m.ts === reply.messageId);
    expect(replyMessage?.thread_ts).toBe(posted.messageId);
    expect(
      fake.calls.filter((c) => c.method === 'chat.update' && c.params.ts === posted.messageId),
    ).toHaveLength(1);
  });

  it('a DM to a user id goes to their DM channel, with the chart uploaded into its thread', async () => {
    const k = key('chart');
    const ids = await enqueueDeliveries(ctx, [
      notice(TENANT, k, { target: 'U0ADMIN', kind: 'test_chart', view: { title: 'Your week' } }),
    ]);
    await worker.dispatch(ids);
    const row = await settled(ctx.db.prisma, TENANT, k);
    expect(row).toMatchObject({ status: 'sent', conversationId: 'D0ADMIN', lastError: null });
    const dm = fake.conversations.get('D0ADMIN') ?? [];
    const fileMessage = dm.find((m) => m.thread_ts === row.messageId && m.files);
    expect(fileMessage?.files).toEqual([
      expect.objectContaining({
        name: 'pipeline.png',
        title: 'Pipeline',
        alt_txt: 'Pipeline by stage, last 8 weeks',
      }),
    ]);
    const fileId = fileMessage?.files?.[0]?.id as string;
    expect(fake.uploads.get(fileId)).toEqual(CHART);
    const complete = fake.calls.find((c) => c.method === 'files.completeUploadExternal');
    expect(complete?.params).toMatchObject({ channel_id: 'D0ADMIN', thread_ts: row.messageId });
  });

  it('channel_not_found fails at once, is not retried, and fails its reply', async () => {
    const k = key('gone');
    const ids = await enqueueDeliveries(ctx, [
      notice(TENANT, k, { target: 'C0GONE' }),
      notice(TENANT, `${k}:reply`, { target: 'C0GONE', parentKey: k }),
    ]);
    await worker.dispatch(ids);
    const row = await settled(ctx.db.prisma, TENANT, k);
    const reply = await settled(ctx.db.prisma, TENANT, `${k}:reply`);
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row.lastError).toContain('channel_not_found');
    expect(reply.status).toBe('failed');
    expect(reply.lastError).toContain('parent_failed');
    expect(postCalls(fake, row.id)).toHaveLength(1);
    expect(postCalls(fake, reply.id)).toHaveLength(0);
  });

  it('Redis lost the jobs: the next worker start dispatches the outbox again, once', async () => {
    await worker.close();
    const k = key('lost-jobs');
    const ids = await enqueueDeliveries(ctx, [notice(TENANT, k)]);
    const queue = new Queue<DeliverJobData>(QUEUES.deliver, { connection: { url: redisUrl }, prefix });
    await deliveryDispatch(queue)(ids);
    await queue.obliterate({ force: true });
    expect(await queue.getJobCounts()).toMatchObject({ waiting: 0, delayed: 0, active: 0 });
    await queue.close();
    worker = await startWorker(ctx, workerOptions());
    const row = await settled(ctx.db.prisma, TENANT, k);
    expect(row.status).toBe('sent');
    expect(postsOf(fake, row.id)).toHaveLength(1);
  });
});
