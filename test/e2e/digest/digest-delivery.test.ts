import { Queue, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DIGEST_QUEUE,
  type DigestJobData,
  digestProcessor,
  digestSchedulerId,
  reconcileDigestSchedulers,
} from '../../../jobs/digest.ts';
import type { AppContext } from '../../../src/app/context.ts';
import { findDelivery } from '../../../src/app/delivery/index.ts';
import { listSubscriptions, subscribe, unsubscribe } from '../../../src/app/digest/subscriptions.ts';
import { nextRuns } from '../../../src/core/digest/schedule.ts';
import { saveConversationRef } from '../../../src/teams/conversation-refs.ts';
import { type RunningWorker, startWorker } from '../../../src/worker.ts';
import { seedSalesTeam } from '../../integration/answers/sales-fixture.ts';
import { newQueuePrefix, redisUrl } from '../../integration/sync/sync-test-kit.ts';
import { testContext } from '../../support/app-context.ts';
import { createTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { type FakeBotConnector, startFakeBotConnector } from '../../support/fake-bot-connector.ts';
import { type FakeSlack, startFakeSlack } from '../../support/fake-slack.ts';
import { BOT_TOKEN, postCalls, SLACK_TOKENS, SLACK_USERS, settled } from '../delivery/delivery-kit.ts';
import { botAdded } from '../teams/activities.ts';

const SLACK_TENANT = 'default';
const TEAMS_TENANT = '5a2c0e4b-7d1f-4c3a-9b8e-0f6d2a1c3e5b';
const TEAMS_CHANNEL = '19:sales@thread.tacv2';
/** Monday 16 Nov 2026 08:30 in Paris: when the subscriptions below were due. */
const DUE = new Date('2026-11-16T07:30:00Z');

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('a due digest → the outbox → Slack and Teams (PostgreSQL, Redis, fake Slack API and Bot connector)', () => {
  let t: TestDatabase;
  let fake: FakeSlack;
  let connector: FakeBotConnector;
  let ctx: AppContext;
  let worker: RunningWorker;
  let digestQueue: Queue<DigestJobData>;
  let digestWorker: Worker;
  const prefix = newQueuePrefix();
  const startDigestWorker = () =>
    new Worker(DIGEST_QUEUE, digestProcessor({ ctx, queue: digestQueue, dispatch: worker.dispatch }), {
      connection: { url: redisUrl },
      prefix,
    });

  beforeAll(async () => {
    t = await createTestDatabase('postgres');
    fake = await startFakeSlack({ users: SLACK_USERS, tokens: SLACK_TOKENS });
    connector = await startFakeBotConnector();
    ctx = testContext(t.db, {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: 'digest-e2e-secret',
      SLACK_API_URL: fake.apiUrl,
    });
    await seedSalesTeam(t.db, SLACK_TENANT);
    await seedSalesTeam(t.db, TEAMS_TENANT);
    const from = { id: '29:1diane', name: 'Diane Admin', aadObjectId: 'aad-diane' };
    await saveConversationRef(
      ctx.db.prisma,
      botAdded({
        serviceUrl: connector.serviceUrl,
        tenantId: TEAMS_TENANT,
        from,
        scope: 'channel',
        conversationId: TEAMS_CHANNEL,
        teamId: TEAMS_CHANNEL,
      }),
    );
    worker = await startWorker(ctx, {
      redisUrl,
      prefix,
      env: {},
      syncTargets: [],
      syncEveryMs: 0,
      deliver: { sweepEveryMs: 0, staleAfterMs: 0, parentWaitMs: 200 },
    });
    digestQueue = new Queue<DigestJobData>(DIGEST_QUEUE, { connection: { url: redisUrl }, prefix });
    digestWorker = startDigestWorker();
  }, 60_000);
  afterAll(async () => {
    await digestWorker?.close();
    if (digestQueue) {
      await digestQueue.obliterate({ force: true });
      await digestQueue.close();
    }
    if (worker) {
      await worker.queues.deliver.obliterate({ force: true });
      await worker.close();
    }
    await fake?.close();
    await connector?.close();
    await t?.dispose();
  });

  it('one job scheduler per subscription with its cron and zone; BullMQ schedules the run we compute; unsubscribed → removed', async () => {
    const slack = await subscribe(ctx.db.prisma, {
      tenantId: SLACK_TENANT,
      platform: 'slack',
      target: 'C0SALES',
      isUser: false,
      tz: 'Europe/Paris',
      scope: {},
      metrics: ['revenue_signed', 'win_rate'],
    });
    const teams = await subscribe(ctx.db.prisma, {
      tenantId: TEAMS_TENANT,
      platform: 'teams',
      target: TEAMS_CHANNEL,
      isUser: false,
      tz: 'America/New_York',
      scope: {},
      metrics: ['revenue_signed', 'win_rate'],
    });
    const extra = await subscribe(ctx.db.prisma, {
      tenantId: SLACK_TENANT,
      platform: 'slack',
      target: 'C0EXTRA',
      isUser: false,
      cron: '0 9 * * 1-5',
      tz: 'Asia/Tokyo',
      scope: {},
    });
    const before = Date.now();
    expect(await reconcileDigestSchedulers(digestQueue, await listSubscriptions(ctx.db.prisma))).toEqual({
      upserted: 3,
      removed: [],
    });
    for (const sub of [slack, teams, extra]) {
      const scheduler = await digestQueue.getJobScheduler(digestSchedulerId(sub.id));
      expect(scheduler).toMatchObject({ pattern: sub.cron, tz: sub.tz });
      expect(scheduler!.next).toBe(nextRuns(sub.cron, sub.tz, new Date(before), 1)[0]!.getTime());
    }
    // Nothing changed: nothing rewritten. Then one unsubscribes and one changes its time.
    expect(
      (await reconcileDigestSchedulers(digestQueue, await listSubscriptions(ctx.db.prisma))).upserted,
    ).toBe(0);
    await unsubscribe(ctx.db.prisma, SLACK_TENANT, 'slack', 'C0EXTRA');
    await subscribe(ctx.db.prisma, { ...teams, cron: '45 7 * * 1', scope: {} });
    expect(await reconcileDigestSchedulers(digestQueue, await listSubscriptions(ctx.db.prisma))).toEqual({
      upserted: 1,
      removed: [digestSchedulerId(extra.id)],
    });
    expect(await digestQueue.getJobScheduler(digestSchedulerId(extra.id))).toBeUndefined();
    expect((await digestQueue.getJobScheduler(digestSchedulerId(teams.id)))?.pattern).toBe('45 7 * * 1');
  });

  it('a due run posts one Slack message with one chart upload in its thread, and one Teams card with the chart inline', async () => {
    const [slack, teams] = await Promise.all([
      listSubscriptions(ctx.db.prisma, SLACK_TENANT).then((s) => s.find((x) => x.target === 'C0SALES')!),
      listSubscriptions(ctx.db.prisma, TEAMS_TENANT).then((s) => s[0]!),
    ]);
    // The runs the schedulers add when the time comes (due Monday 08:30).
    for (const sub of [slack, teams]) {
      await digestQueue.add('digest', {
        tenantId: sub.tenantId,
        subscriptionId: sub.id,
        dueAt: DUE.getTime(),
      });
    }
    const slackKey = `digest:${slack.id}:2026-11-08T23:00:00.000Z`;
    const row = await settled(ctx.db.prisma, SLACK_TENANT, slackKey);
    expect(row).toMatchObject({ status: 'sent', kind: 'digest', conversationId: 'C0SALES' });
    const posts = postCalls(fake, row.id);
    expect(posts).toHaveLength(1);
    expect(String(posts[0]!.params.text)).toBe(
      'Weekly digest — Fixture, Week of 9 Nov 2026: Revenue signed €6,500 (▲ +1,525%)',
    );
    const uploads = fake.calls.filter((c) => c.method === 'files.completeUploadExternal');
    expect(uploads).toHaveLength(1);
    expect(uploads[0]!.params).toMatchObject({ channel_id: 'C0SALES', thread_ts: row.messageId });
    const urlCalls = fake.calls.filter((c) => c.method === 'files.getUploadURLExternal');
    expect(urlCalls).toHaveLength(1);
    expect(String(urlCalls[0]!.params.alt_txt ?? urlCalls[0]!.params.alt_text)).toMatch(
      /^Revenue signed by week over the last 12 weeks/,
    );
    const [png] = [...fake.uploads.values()];
    expect(pngSize(png!)).toEqual({ width: 800, height: 400 });

    // Teams: the week is cut in New York (the subscription's zone), the card carries the chart as a data URI.
    const teamsRow = await settled(
      ctx.db.prisma,
      TEAMS_TENANT,
      `digest:${teams.id}:2026-11-09T05:00:00.000Z`,
    );
    expect(teamsRow).toMatchObject({ status: 'sent', conversationId: TEAMS_CHANNEL });
    const cards = connector.sent.filter((s) => s.kind === 'post');
    expect(cards).toHaveLength(1);
    const attachment = (
      cards[0]!.activity.attachments as Array<{ contentType: string; content: { body: unknown[] } }>
    )[0]!;
    expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(Buffer.byteLength(JSON.stringify(attachment), 'utf8')).toBeLessThanOrEqual(28 * 1024);
    const image = attachment.content.body.find((e) => (e as { type: string }).type === 'Image') as {
      url: string;
      altText: string;
    };
    expect(image.altText).toMatch(/^Revenue signed by week/);
    const inline = Buffer.from(image.url.replace(/^data:image\/png;base64,/, ''), 'base64');
    expect(pngSize(inline)).toEqual({ width: 480, height: 240 });
  });

  it('the same run again, and again after a worker restart: no second message, upload or card', async () => {
    const slack = (await listSubscriptions(ctx.db.prisma, SLACK_TENANT)).find((x) => x.target === 'C0SALES')!;
    const key = `digest:${slack.id}:2026-11-08T23:00:00.000Z`;
    const row = (await findDelivery(ctx.db.prisma, SLACK_TENANT, key))!;
    // A retried job (another id, same due time), then the digest worker restarted and the job re-run.
    const retried = await digestQueue.add('digest', {
      tenantId: SLACK_TENANT,
      subscriptionId: slack.id,
      dueAt: DUE.getTime(),
    });
    await expect.poll(() => retried.getState(), { timeout: 15_000 }).toBe('completed');
    await digestWorker.close();
    digestWorker = startDigestWorker();
    const rerun = await digestQueue.add('digest', {
      tenantId: SLACK_TENANT,
      subscriptionId: slack.id,
      dueAt: DUE.getTime(),
    });
    await expect.poll(() => rerun.getState(), { timeout: 15_000 }).toBe('completed');
    expect((await rerun.getState()) && (await digestQueue.getJob(rerun.id!))?.returnvalue).toMatchObject({
      message: 'already_queued',
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(postCalls(fake, row.id)).toHaveLength(1);
    expect(fake.calls.filter((c) => c.method === 'files.completeUploadExternal')).toHaveLength(1);
    expect(connector.sent.filter((s) => s.kind === 'post')).toHaveLength(1);
    expect(await ctx.db.prisma.delivery.count({ where: { idempotencyKey: { startsWith: 'digest:' } } })).toBe(
      2,
    );
  });
});
