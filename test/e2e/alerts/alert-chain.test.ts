import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlertRule } from '../../../src/app/alerts/index.ts';
import type { AppContext } from '../../../src/app/context.ts';
import { registerConnector, unregisterConnector } from '../../../src/connectors/registry.ts';
import { saveConversationRef } from '../../../src/teams/conversation-refs.ts';
import { createWorkerTeamsSender } from '../../../src/teams/teams-sender.ts';
import { type RunningWorker, startWorker } from '../../../src/worker.ts';
import { FakeSource } from '../../integration/sync/fake-connector.ts';
import { newQueuePrefix, redisUrl } from '../../integration/sync/sync-test-kit.ts';
import { testContext } from '../../support/app-context.ts';
import { createTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { type FakeBotConnector, startFakeBotConnector } from '../../support/fake-bot-connector.ts';
import { type FakeSlack, startFakeSlack } from '../../support/fake-slack.ts';
import { BOT_TOKEN, SLACK_TOKENS, SLACK_USERS } from '../delivery/delivery-kit.ts';
import { botAdded } from '../teams/activities.ts';
import { cardText } from '../teams/harness.ts';

/** SLACK_BOT_TOKEN serves the default tenant; its Teams channel reference is stored under the same tenant. */
const TENANT = 'default';
const SLACK_CHANNEL = 'C0SALES';
const TEAMS_CHANNEL = '19:sales@thread.tacv2';

describe('data change → sync → rollup → alerts → deliver (real worker, Redis, PostgreSQL, fake Slack and Bot Connector)', () => {
  let t: TestDatabase;
  let slack: FakeSlack;
  let connector: FakeBotConnector;
  let ctx: AppContext;
  let worker: RunningWorker;
  const crm = new FakeSource({ source: 'fake-alerts-crm' });
  const yesterday = DateTime.now()
    .setZone('Europe/Paris')
    .startOf('day')
    .minus({ days: 1 })
    .set({ hour: 11 });
  let n = 0;
  const addLeads = (count: number) => {
    for (let i = 0; i < count; i++) {
      crm.putLead({
        externalId: `L${++n}`,
        createdAt: yesterday.plus({ minutes: n }).toJSDate(),
        name: `Lead ${n}`,
        channel: 'web_form',
        owner: 'u1',
        qualifiedAt: null,
      });
    }
  };
  const sync = async () => {
    const job = await worker.queues.sync.add('sync', { tenantId: TENANT, source: crm.source });
    await expect.poll(async () => job.isCompleted(), { timeout: 20_000 }).toBe(true);
  };
  const alertDeliveries = () =>
    ctx.db.prisma.delivery.findMany({ where: { tenantId: TENANT, kind: { startsWith: 'alert' } } });
  const slackPosts = () =>
    slack.calls.filter((c) => c.method === 'chat.postMessage' && c.params.channel === SLACK_CHANNEL);
  const teamsPosts = () =>
    connector.sent.filter((s) => s.kind === 'post' && s.conversationId === TEAMS_CHANNEL);

  beforeAll(async () => {
    registerConnector({
      source: crm.source,
      label: 'fake CRM',
      enabledBy: [],
      parseConfig: () => ({}),
      create: () => crm.connector(),
    });
    crm.putOwner({ name: 'Owner 1', email: 'owner1@example.com', crmOwnerId: 'u1' });
    t = await createTestDatabase('postgres');
    slack = await startFakeSlack({ users: SLACK_USERS, tokens: SLACK_TOKENS });
    connector = await startFakeBotConnector();
    ctx = testContext(t.db, {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: 'alerts-e2e-secret',
      SLACK_API_URL: slack.apiUrl,
    });
    await saveConversationRef(
      ctx.db.prisma,
      botAdded({
        serviceUrl: connector.serviceUrl,
        tenantId: TENANT,
        from: { id: '29:1diane', name: 'Diane Admin', aadObjectId: 'aad-diane' },
        scope: 'channel',
        conversationId: TEAMS_CHANNEL,
        teamId: TEAMS_CHANNEL,
      }),
    );
    await createAlertRule(ctx, {
      tenantId: TENANT,
      source: 'chat',
      spec: {
        name: 'Web-form leads over 5 a week',
        metric: 'leads',
        condition: { kind: 'threshold', op: 'above', value: 5, windowDays: 7 },
        routing: [
          { to: 'channel', platform: 'slack', id: SLACK_CHANNEL },
          { to: 'channel', platform: 'teams', id: TEAMS_CHANNEL },
        ],
      },
    });
    worker = await startWorker(ctx, {
      redisUrl,
      prefix: newQueuePrefix(),
      env: {},
      syncTargets: [],
      syncEveryMs: 0,
      alertsEveryMs: 0,
      deliver: { sweepEveryMs: 0, parentWaitMs: 200 },
      deliverySenders: {
        slack:
          (await import('../../../src/slack/delivery/slack-sender.ts')).createSlackSender(ctx) ?? undefined,
        teams: createWorkerTeamsSender(ctx, { retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 50 } }),
      },
    });
  }, 60_000);
  afterAll(async () => {
    if (worker) {
      for (const q of Object.values(worker.queues)) await q.obliterate({ force: true });
      await worker.close();
    }
    unregisterConnector(crm.source);
    await connector?.close();
    await slack?.close();
    await t?.dispose();
  });

  it('under the bound: the chain runs to the evaluation and posts nothing', async () => {
    addLeads(3);
    await sync();
    await expect
      .poll(() => ctx.db.prisma.alertState.count({ where: { tenantId: TENANT } }), { timeout: 20_000 })
      .toBe(1);
    const state = await ctx.db.prisma.alertState.findFirstOrThrow({ where: { tenantId: TENANT } });
    expect(state).toMatchObject({ state: 'ok', lastValue: 3 });
    expect(await alertDeliveries()).toEqual([]);
  });

  it('a sync that crosses the bound posts the alert once in Slack and once in Teams; syncing again adds nothing', async () => {
    addLeads(4);
    await sync();
    await expect
      .poll(async () => (await alertDeliveries()).map((d) => d.status).sort(), { timeout: 30_000 })
      .toEqual(['sent', 'sent']);
    expect(slackPosts()).toHaveLength(1);
    expect(String(slackPosts()[0]!.params.text)).toContain('Leads');
    expect(teamsPosts()).toHaveLength(1);
    expect(cardText(teamsPosts()[0]!.activity)).toContain('Web-form leads over 5 a week');

    // Nothing changed: the next sync's chain evaluates again and tells nobody.
    const evaluations = async () => (await worker.queues.alerts.getJobCounts('completed')).completed ?? 0;
    const before = await evaluations();
    await sync();
    await expect.poll(evaluations, { timeout: 20_000 }).toBe(before + 1);
    expect(await alertDeliveries()).toHaveLength(2);
    expect(slackPosts()).toHaveLength(1);
    expect(teamsPosts()).toHaveLength(1);
  });
});
