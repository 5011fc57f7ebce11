import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../src/app/context.ts';
import { enqueueDeliveries, type OutboundMessage } from '../../../src/app/delivery/index.ts';
import { saveConversationRef } from '../../../src/teams/conversation-refs.ts';
import { createWorkerTeamsSender } from '../../../src/teams/teams-sender.ts';
import { type RunningWorker, startWorker } from '../../../src/worker.ts';
import { newQueuePrefix, redisUrl } from '../../integration/sync/sync-test-kit.ts';
import { testContext } from '../../support/app-context.ts';
import { createTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { type FakeBotConnector, startFakeBotConnector } from '../../support/fake-bot-connector.ts';
import { botAdded } from '../teams/activities.ts';
import { cardText } from '../teams/harness.ts';
import { key, settled } from './delivery-kit.ts';

const TENANT = '5a2c0e4b-7d1f-4c3a-9b8e-0f6d2a1c3e5b';
const CHANNEL = '19:sales@thread.tacv2';
const DIANE = { id: '29:1diane', name: 'Diane Admin', aadObjectId: 'aad-diane' };

const card = (
  idempotencyKey: string,
  title: string,
  extra: Partial<OutboundMessage> = {},
): OutboundMessage => ({
  tenantId: TENANT,
  platform: 'teams',
  target: CHANNEL,
  idempotencyKey,
  kind: 'notice',
  op: 'post',
  view: { kind: 'info', lang: 'en', title, lines: ['One line'] },
  ...extra,
});

describe('deliver queue → Teams (real Redis, embedded PostgreSQL, fake Bot Connector)', () => {
  let t: TestDatabase;
  let connector: FakeBotConnector;
  let ctx: AppContext;
  let worker: RunningWorker;
  let personalChat: string;

  beforeAll(async () => {
    t = await createTestDatabase('pglite');
    connector = await startFakeBotConnector();
    ctx = testContext(t.db);
    const where = { serviceUrl: connector.serviceUrl, tenantId: TENANT, from: DIANE };
    // The references Teams gives when the app is added to a team channel and installed by Diane.
    await saveConversationRef(
      ctx.db.prisma,
      botAdded({ ...where, scope: 'channel', conversationId: CHANNEL, teamId: CHANNEL }),
    );
    await saveConversationRef(ctx.db.prisma, botAdded({ ...where, scope: 'personal' }));
    const personal = await ctx.db.prisma.conversationRef.findFirstOrThrow({ where: { kind: 'personal' } });
    personalChat = personal.conversationId;
    worker = await startWorker(ctx, {
      redisUrl,
      prefix: newQueuePrefix(),
      env: {},
      syncTargets: [],
      syncEveryMs: 0,
      deliver: { sweepEveryMs: 0, parentWaitMs: 200 },
      // The notifier's policy, kept short here: two tries per job attempt, then the job's own backoff.
      deliverySenders: {
        teams: createWorkerTeamsSender(ctx, { retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 50 } }),
      },
    });
  }, 30_000);
  afterAll(async () => {
    if (worker) {
      await worker.queues.deliver.obliterate({ force: true });
      await worker.close();
    }
    await connector?.close();
    await t?.dispose();
  });

  it('one card, then its update and its thread reply on its activity id, once each despite duplicate jobs', async () => {
    connector.reset();
    const root = key('teams-root');
    const ids = await enqueueDeliveries(ctx, [
      card(root, 'Win rate below 40%'),
      card(`${root}:update`, 'Win rate below 40% (acknowledged)', { op: 'update', parentKey: root }),
      card(`${root}:resolve`, 'Resolved after 2 h', { parentKey: root }),
    ]);
    await worker.dispatch(ids);
    await worker.dispatch(ids);
    const posted = await settled(ctx.db.prisma, TENANT, root);
    const update = await settled(ctx.db.prisma, TENANT, `${root}:update`);
    const reply = await settled(ctx.db.prisma, TENANT, `${root}:resolve`);
    const rootId = posted.messageId as string;

    const posts = connector.sent.filter((s) => s.kind === 'post');
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ conversationId: CHANNEL, id: rootId });
    expect(cardText(posts[0]!.activity)).toContain('Win rate below 40%');
    const updates = connector.sent.filter((s) => s.kind === 'update');
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ conversationId: CHANNEL, activityId: rootId });
    expect(cardText(updates[0]!.activity)).toContain('(acknowledged)');
    const replies = connector.sent.filter((s) => s.kind === 'reply');
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({
      conversationId: `${CHANNEL};messageid=${rootId}`,
      activityId: rootId,
    });
    expect(update).toMatchObject({ status: 'sent', messageId: rootId });
    expect(reply).toMatchObject({ status: 'sent', threadId: rootId, messageId: replies[0]?.id });
  });

  it('the connector answers 500 then 201: one card', async () => {
    connector.reset();
    connector.failNextSends(1, 500);
    const k = key('teams-flaky');
    await worker.dispatch(await enqueueDeliveries(ctx, [card(k, 'After a 500')]));
    const row = await settled(ctx.db.prisma, TENANT, k);
    // botbuilder's HTTP pipeline retries a 5xx itself; whoever retries, the card goes out once.
    expect(row).toMatchObject({ status: 'sent', lastError: null });
    expect(connector.requests.filter((r) => r.status === 500)).toHaveLength(1);
    expect(connector.sent.filter((s) => s.kind === 'post')).toHaveLength(1);
  });

  it("500s that outlast botbuilder's own retries: the job retries later, and the card still goes out once", async () => {
    connector.reset();
    connector.failNextSends(8, 503);
    const k = key('teams-outage');
    await worker.dispatch(await enqueueDeliveries(ctx, [card(k, 'After an outage')]));
    const row = await settled(ctx.db.prisma, TENANT, k);
    expect(row).toMatchObject({ status: 'sent', lastError: null });
    expect(row.attempts).toBeGreaterThan(1);
    expect(connector.requests.filter((r) => r.status === 503)).toHaveLength(8);
    expect(connector.sent.filter((s) => s.kind === 'post')).toHaveLength(1);
  });

  it('a user:<Entra id> target is their 1:1 chat with the bot', async () => {
    connector.reset();
    const k = key('teams-dm');
    await worker.dispatch(
      await enqueueDeliveries(ctx, [card(k, 'Just for you', { target: 'user:aad-diane' })]),
    );
    const row = await settled(ctx.db.prisma, TENANT, k);
    expect(row).toMatchObject({ status: 'sent', conversationId: personalChat });
    expect(connector.sent).toEqual([expect.objectContaining({ kind: 'post', conversationId: personalChat })]);
  });

  it('a removed bot (403) or an unknown conversation fails at once, without retries', async () => {
    connector.reset();
    connector.failNextSends(1, 403);
    const removed = key('teams-403');
    const unknown = key('teams-unknown');
    await worker.dispatch(
      await enqueueDeliveries(ctx, [
        card(removed, 'Nobody'),
        card(unknown, 'Nowhere', { target: '19:gone@thread.v2' }),
      ]),
    );
    const a = await settled(ctx.db.prisma, TENANT, removed);
    const b = await settled(ctx.db.prisma, TENANT, unknown);
    expect(a).toMatchObject({ status: 'failed', attempts: 1 });
    expect(a.lastError).toContain('teams_http_403');
    expect(b).toMatchObject({ status: 'failed', attempts: 1 });
    expect(b.lastError).toContain('teams_conversation_unknown');
    expect(connector.requests.filter((r) => r.path.includes('/activities'))).toHaveLength(1);
  });
});
