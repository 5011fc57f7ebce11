import { QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepDeliveries } from '../../../jobs/deliver.ts';
import type { AppContext } from '../../../src/app/context.ts';
import { adminNotices } from '../../../src/app/sync/admin-notices.ts';
import { registerConnector, unregisterConnector } from '../../../src/connectors/registry.ts';
import { saveConversationRef } from '../../../src/teams/conversation-refs.ts';
import { type RunningWorker, startWorker } from '../../../src/worker.ts';
import { FakeSource, seedFakeSource } from '../../integration/sync/fake-connector.ts';
import { newQueuePrefix, redisUrl } from '../../integration/sync/sync-test-kit.ts';
import { testContext } from '../../support/app-context.ts';
import { createTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { type FakeBotConnector, startFakeBotConnector } from '../../support/fake-bot-connector.ts';
import { type FakeSlack, startFakeSlack } from '../../support/fake-slack.ts';
import { botAdded } from '../teams/activities.ts';
import { cardText } from '../teams/harness.ts';
import { BOT_TOKEN, SLACK_TOKENS, SLACK_USERS } from './delivery-kit.ts';

const TENANT = 'default';
const DIANE = { id: '29:1diane', name: 'Diane Admin', aadObjectId: 'aad-diane' };

describe('a source that cannot sync tells the admins in chat, once (#6)', () => {
  let t: TestDatabase;
  let slack: FakeSlack;
  let connector: FakeBotConnector;
  let ctx: AppContext;
  let worker: RunningWorker;
  let events: QueueEvents;
  const prefix = newQueuePrefix();
  const revoked = new FakeSource({ source: 'fake-revoked-admin', badCredentials: true });
  seedFakeSource(revoked, { owners: 1, leads: 3 });

  beforeAll(async () => {
    registerConnector({
      source: revoked.source,
      label: revoked.source,
      enabledBy: [],
      parseConfig: () => ({}),
      create: () => revoked.connector(),
    });
    t = await createTestDatabase('postgres');
    slack = await startFakeSlack({ users: SLACK_USERS, tokens: SLACK_TOKENS });
    connector = await startFakeBotConnector();
    ctx = testContext(t.db, {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: 'admin-notice-secret',
      SLACK_API_URL: slack.apiUrl,
    });
    const prisma = ctx.db.prisma;
    // Alice is an admin known in Slack; Diane an admin who installed the Teams app; Bob is no admin.
    await prisma.rep.createMany({
      data: [
        {
          tenantId: TENANT,
          name: 'Alice Admin',
          email: 'alice@acme.test',
          role: 'admin',
          slackUserId: 'U0ADMIN',
        },
        { tenantId: TENANT, name: 'Diane Admin', email: 'diane@acme.test', role: 'admin' },
        { tenantId: TENANT, name: 'Bob Rep', email: 'bob@acme.test', role: 'rep', slackUserId: 'U0BOB' },
      ],
    });
    const diane = await prisma.rep.findFirstOrThrow({ where: { email: 'diane@acme.test' } });
    await prisma.chatIdentity.create({
      data: { tenantId: TENANT, platform: 'teams', userId: DIANE.id, repId: diane.id, email: diane.email },
    });
    await saveConversationRef(
      prisma,
      botAdded({ serviceUrl: connector.serviceUrl, tenantId: TENANT, from: DIANE, scope: 'personal' }),
    );
    worker = await startWorker(ctx, {
      redisUrl,
      prefix,
      env: {},
      syncTargets: [],
      syncEveryMs: 0,
      deliver: { sweepEveryMs: 0, staleAfterMs: 0 },
    });
    events = new QueueEvents('sync', { connection: { url: redisUrl }, prefix });
    await events.waitUntilReady();
  }, 30_000);
  afterAll(async () => {
    await events?.close();
    if (worker) {
      for (const q of Object.values(worker.queues)) await q.obliterate({ force: true });
      await worker.close();
    }
    unregisterConnector(revoked.source);
    await connector?.close();
    await slack?.close();
    await t?.dispose();
  });

  it('two failed syncs and a sweep: one Slack DM and one Teams 1:1 card per admin, the notice marked delivered', async () => {
    for (let run = 0; run < 2; run++) {
      const job = await worker.queues.sync.add('sync', { tenantId: TENANT, source: revoked.source });
      await expect(job.waitUntilFinished(events, 20_000)).rejects.toThrow(/401 Unauthorized/);
    }
    await expect
      .poll(() => ctx.db.prisma.delivery.count({ where: { tenantId: TENANT, status: 'sent' } }), {
        timeout: 20_000,
      })
      .toBe(2);
    await sweepDeliveries(ctx, worker.queues.deliver, { staleAfterMs: 0 });

    const dms = slack.calls.filter((c) => c.method === 'chat.postMessage');
    expect(dms).toHaveLength(1);
    expect(dms[0]?.params.channel).toBe('D0ADMIN');
    const dm = slack.conversations.get('D0ADMIN')?.[0];
    expect(JSON.stringify(dm?.blocks)).toContain('fake-revoked-admin sync is failing');
    expect(JSON.stringify(dm?.blocks)).toContain('401 Unauthorized');
    expect(slack.calls.some((c) => c.method === 'conversations.open' && c.params.users === 'U0BOB')).toBe(
      false,
    );

    const cards = connector.sent.filter((s) => s.kind === 'post');
    expect(cards).toHaveLength(1);
    expect(cardText(cards[0]!.activity)).toContain('fake-revoked-admin sync is failing');

    const [notice] = await adminNotices(ctx.db.prisma, TENANT);
    expect(notice).toMatchObject({ source: revoked.source, deliveredAt: expect.any(String) });
    const keys = (await ctx.db.prisma.delivery.findMany({ where: { tenantId: TENANT } })).map(
      (d) => d.idempotencyKey,
    );
    expect(keys.sort()).toEqual([
      `notice:sync:${revoked.source}:${notice?.at}:U0ADMIN`,
      `notice:sync:${revoked.source}:${notice?.at}:user:${DIANE.id}`,
    ]);
  });
});
