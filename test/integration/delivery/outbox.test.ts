import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../src/app/context.ts';
import {
  DeliveryError,
  type DeliverySenders,
  deliverOne,
  deliverPending,
  enqueueDeliveries,
  findDelivery,
  type OutboundMessage,
  type PlatformSender,
  type RenderedSlack,
} from '../../../src/app/delivery/index.ts';
import { testContext } from '../../support/app-context.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.ts';

/**
 * The outbox's state machine over the real databases. The platform is an in-process recorder here (the Slack and
 * Teams senders against their fake servers are tested in test/e2e/delivery); it plays the platform's side only.
 */
function recordingSlack() {
  const posts: Array<{ conversationId: string; deliveryId: string; text: string; threadRootId?: string }> =
    [];
  const updates: Array<{ conversationId: string; messageId: string; text: string }> = [];
  const failNext: DeliveryError[] = [];
  let ts = 0;
  const sender: PlatformSender<RenderedSlack> = {
    resolveConversation: async (_t, target) => (target.startsWith('U') ? `D${target.slice(1)}` : target),
    post: async (req) => {
      const failure = failNext.shift();
      if (failure) throw failure;
      ts += 1;
      posts.push({
        conversationId: req.conversationId,
        deliveryId: req.deliveryId,
        text: req.content.text,
        ...(req.threadRootId ? { threadRootId: req.threadRootId } : {}),
      });
      return { messageId: `1700000000.${String(ts).padStart(6, '0')}`, threadId: req.threadRootId ?? null };
    },
    update: async (req) => {
      updates.push({ conversationId: req.conversationId, messageId: req.messageId, text: req.content.text });
    },
    findPosted: async () => null,
  };
  return { sender, posts, updates, failNext };
}

const notice = (key: string, extra: Partial<OutboundMessage> = {}): OutboundMessage => ({
  tenantId: 't1',
  platform: 'slack',
  target: 'C0SALES',
  idempotencyKey: key,
  kind: 'notice',
  op: 'post',
  view: { kind: 'info', lang: 'en', title: `title ${key}`, lines: ['a line'] },
  ...extra,
});

describe.each(databaseKinds)('delivery outbox on %s', (kind) => {
  let tdb: TestDatabase;
  let ctx: AppContext;
  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    ctx = testContext(tdb.db);
  });
  afterAll(async () => tdb?.dispose());

  it('enqueues inside a transaction; the same key twice is one row', async () => {
    const ids = await ctx.db.prisma.$transaction((tx) => enqueueDeliveries(tx, [notice('k1'), notice('k1')]));
    expect(ids[0]).toBe(ids[1]);
    const again = await enqueueDeliveries(ctx, [notice('k1', { view: { changed: true } })]);
    expect(again).toEqual([ids[0]]);
    expect(await ctx.db.prisma.delivery.count({ where: { idempotencyKey: 'k1' } })).toBe(1);
  });

  it('a rolled-back producer transaction leaves no delivery', async () => {
    await expect(
      ctx.db.prisma.$transaction(async (tx) => {
        await enqueueDeliveries(tx, [notice('rolled-back')]);
        throw new Error('producer failed');
      }),
    ).rejects.toThrow('producer failed');
    expect(await findDelivery(ctx.db.prisma, 't1', 'rolled-back')).toBeNull();
  });

  it('sends once however often it is asked; reply and update land on the root', async () => {
    const slack = recordingSlack();
    const senders: DeliverySenders = { slack: slack.sender };
    const [rootId, replyId, updateId] = await enqueueDeliveries(ctx, [
      notice('root'),
      notice('root:reply', { parentKey: 'root' }),
      notice('root:update', { op: 'update', parentKey: 'root' }),
    ]);
    const early = await deliverOne(ctx, replyId as string, senders);
    expect(early).toMatchObject({ status: 'retry', reason: "waiting for parent 'root'" });
    const first = await deliverOne(ctx, rootId as string, senders);
    const second = await deliverOne(ctx, rootId as string, senders);
    expect(first).toMatchObject({ status: 'sent', already: false });
    expect(second).toMatchObject({ status: 'sent', already: true });
    expect(await deliverOne(ctx, replyId as string, senders)).toMatchObject({ status: 'sent' });
    expect(await deliverOne(ctx, updateId as string, senders)).toMatchObject({ status: 'sent' });
    const root = await findDelivery(ctx.db.prisma, 't1', 'root');
    expect(slack.posts.map((p) => p.deliveryId)).toEqual([rootId, replyId]);
    expect(slack.posts[1]?.threadRootId).toBe(root?.messageId);
    expect(slack.updates).toEqual([
      { conversationId: 'C0SALES', messageId: root?.messageId, text: 'title root:update' },
    ]);
    const reply = await findDelivery(ctx.db.prisma, 't1', 'root:reply');
    expect(reply).toMatchObject({ status: 'sent', threadId: root?.messageId, attempts: 1 });
  });

  it('a permanent error fails the row and its replies; a transient one is retried', async () => {
    const slack = recordingSlack();
    const senders: DeliverySenders = { slack: slack.sender };
    const [goneId, childId, flakyId] = await enqueueDeliveries(ctx, [
      notice('gone'),
      notice('gone:reply', { parentKey: 'gone' }),
      notice('flaky', { target: 'U0ADMIN' }),
    ]);
    slack.failNext.push(new DeliveryError('channel_not_found', 'channel_not_found', { permanent: true }));
    expect(await deliverOne(ctx, goneId as string, senders)).toMatchObject({ status: 'failed' });
    expect(await deliverOne(ctx, childId as string, senders)).toMatchObject({ status: 'failed' });
    slack.failNext.push(new DeliveryError('http_500', 'server error', { mayHavePosted: false }));
    expect(await deliverOne(ctx, flakyId as string, senders)).toMatchObject({
      status: 'retry',
      delayMs: null,
    });
    expect(await findDelivery(ctx.db.prisma, 't1', 'flaky')).toMatchObject({
      status: 'pending',
      attempts: 1,
    });
    const summary = await deliverPending(ctx, senders, { tenantId: 't1', sleep: async () => {} });
    expect(summary.failed).toBe(0);
    expect(await findDelivery(ctx.db.prisma, 't1', 'flaky')).toMatchObject({
      status: 'sent',
      conversationId: 'D0ADMIN',
      attempts: 2,
    });
    expect(slack.posts.filter((p) => p.deliveryId === flakyId)).toHaveLength(1);
  });
});
