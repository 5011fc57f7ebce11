import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlertRule, evaluateAlerts } from '../../../src/app/alerts/index.ts';
import '../../../src/app/delivery/alert-renderer.ts';
import { deliverPending } from '../../../src/app/delivery/index.ts';
import { createSlackSender } from '../../../src/slack/delivery/slack-sender.ts';
import { NOW } from '../../integration/answers/sales-fixture.ts';
import { parisWinRateRule } from '../../integration/chat-commands/paris-rule.ts';
import type { ApiCall } from '../../support/fake-slack.ts';
import { type SlackHarness, startSlackHarness } from './slack-harness.ts';
import { buttonClick, type Workspace } from './slack-payloads.ts';

const WS: Workspace = { teamId: 'T0ACME', botUserId: 'UKPIBOT' };
const TOKEN = 'xoxb-acme-alerts';
const TENANT = 'default';

type Button = { action_id: string; value: string };
const buttonsOf = (blocks: unknown): Button[] =>
  ((blocks ?? []) as Array<{ type: string; elements?: Button[] }>).flatMap((b) =>
    b.type === 'actions' ? (b.elements ?? []) : [],
  );
const textOf = (body: Record<string, unknown>) => `${body.text}\n${JSON.stringify(body.blocks)}`;
const blocksOf = (call: ApiCall): unknown =>
  typeof call.params.blocks === 'string' ? JSON.parse(call.params.blocks) : call.params.blocks;

/**
 * An alert posted to #sales by the outbox, then its buttons clicked as Slack sends block_actions: signed with the
 * signing secret, for real users of the fixture team (Marc manages Paris, Alice is one of its reps).
 */
describe('alert buttons in Slack (signed block_actions, fake Slack Web API)', () => {
  let h: SlackHarness;
  let stateId: string;
  let buttons: Button[];
  let rootTs: string;
  const button = (prefix: string) => buttons.find((b) => b.action_id.startsWith(prefix))!;
  const click = (userId: string, b: Button, responseId: string, headers?: Record<string, string>) =>
    h.post(
      buttonClick(WS, {
        userId,
        channelId: 'C0SALES',
        actionId: b.action_id,
        value: b.value,
        responseUrl: h.fake.responseUrl(responseId),
      }),
      headers,
    );
  const state = () => h.t.db.prisma.alertState.findUniqueOrThrow({ where: { id: stateId } });
  const deliver = () => deliverPending(h.ctx, { slack: createSlackSender(h.ctx)! }, { tenantId: TENANT });

  beforeAll(async () => {
    h = await startSlackHarness({
      env: () => ({ SLACK_BOT_TOKEN: TOKEN }),
      tokens: {
        [TOKEN]: { teamId: WS.teamId, teamName: 'Acme', botUserId: WS.botUserId, botId: 'B0KPIBOT' },
      },
      seedTenants: [TENANT],
    });
    const rule = await createAlertRule(h.ctx, {
      tenantId: TENANT,
      source: 'chat',
      spec: parisWinRateRule({ to: 'channel', platform: 'slack', id: 'C0SALES' }),
    });
    await evaluateAlerts(h.ctx, TENANT, { now: NOW, ruleIds: [rule.id] });
    stateId = (
      await h.t.db.prisma.alertState.findFirstOrThrow({ where: { tenantId: TENANT, ruleId: rule.id } })
    ).id;
    expect((await deliver()).sent).toBe(1);
    const posted = h.fake.calls.find(
      (c) => c.method === 'chat.postMessage' && c.params.channel === 'C0SALES',
    )!;
    buttons = buttonsOf(blocksOf(posted));
    expect(buttons.map((b) => b.action_id)).toEqual([
      'kpi_alert_ack',
      'kpi_alert_snooze:1d',
      'kpi_alert_snooze:7d',
      'kpi_alert_breakdown',
    ]);
    const root = await h.t.db.prisma.delivery.findFirstOrThrow({
      where: { tenantId: TENANT, kind: 'alert' },
    });
    rootTs = root.messageId!;
  });
  afterAll(async () => {
    await h?.dispose();
  });

  it('rejects a forged click with 401 and changes nothing', async () => {
    const ack = button('kpi_alert_ack');
    const ts = String(Math.floor(Date.now() / 1000));
    const res = await click('UMARC', ack, 'forged', {
      'x-slack-request-timestamp': ts,
      'x-slack-signature': `v0=${'0'.repeat(64)}`,
    });
    expect(res.status).toBe(401);
    expect((await state()).ackedAt).toBeNull();
    expect(h.fake.responses.some((r) => r.id === 'forged')).toBe(false);
  });

  it('tells a rep who may not act on a team alert, privately, and leaves it as it is', async () => {
    const res = await click('UALICE', button('kpi_alert_snooze:1d'), 'alice-snooze');
    expect(res.status).toBe(200);
    const refusal = await h.fake.waitForResponse((r) => r.id === 'alice-snooze');
    expect(refusal.body.response_type).toBe('ephemeral');
    expect(refusal.body.replace_original).toBe(false);
    expect(textOf(refusal.body)).toMatch(/Only the rep concerned, a manager of their team or an admin/);
    const s = await state();
    expect(s.snoozedUntil).toBeNull();
    expect(s.ackedAt).toBeNull();
  });

  it('opens the breakdown for the one who clicked only', async () => {
    await click('UMARC', button('kpi_alert_breakdown'), 'breakdown');
    const answer = await h.fake.waitForResponse((r) => r.id === 'breakdown');
    expect(answer.body.response_type).toBe('ephemeral');
    expect(answer.body.replace_original).toBe(false);
    expect(textOf(answer.body)).toMatch(/Win rate/);
  });

  it('acknowledges on a manager’s signed click: state acked, message replaced in place, other copies updated', async () => {
    const res = await click('UMARC', button('kpi_alert_ack'), 'marc-ack');
    expect(res.status).toBe(200);
    const replaced = await h.fake.waitForResponse((r) => r.id === 'marc-ack');
    expect(replaced.body.replace_original).toBe(true);
    expect(textOf(replaced.body)).toContain('Acknowledged by *Marc Petit*');
    expect(buttonsOf(replaced.body.blocks).map((b) => b.action_id)).toEqual(['kpi_alert_breakdown']);
    const s = await state();
    expect(s.ackedBy).toBe('Marc Petit');
    expect(s.ackedAt).not.toBeNull();
    // Every posted copy gets an update through the outbox: here the one root, by chat.update on its ts.
    const update = await h.t.db.prisma.delivery.findFirstOrThrow({
      where: { tenantId: TENANT, op: 'update' },
    });
    expect(update.kind).toBe('alert');
    await deliver();
    const updated = h.fake.calls.find((c) => c.method === 'chat.update' && c.params.ts === rootTs);
    expect(updated && textOf(updated.params as Record<string, unknown>)).toContain(
      'Acknowledged by *Marc Petit*',
    );
  });

  it('snoozes a week from a copy still showing the button, for its manager', async () => {
    await click('UMARC', button('kpi_alert_snooze:7d'), 'marc-snooze');
    const replaced = await h.fake.waitForResponse((r) => r.id === 'marc-snooze');
    expect(replaced.body.replace_original).toBe(true);
    expect((await state()).snoozedUntil?.toISOString()).toBe(
      new Date(NOW.getTime() + 7 * 86_400_000).toISOString(),
    );
  });
});
