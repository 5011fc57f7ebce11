import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlertRule, evaluateAlerts } from '../../../src/app/alerts/index.ts';
import '../../../src/app/delivery/alert-renderer.ts';
import { deliverPending } from '../../../src/app/delivery/index.ts';
import { saveConversationRef } from '../../../src/teams/conversation-refs.ts';
import { createWorkerTeamsSender } from '../../../src/teams/teams-sender.ts';
import { NOW } from '../../integration/answers/sales-fixture.ts';
import { parisWinRateRule } from '../../integration/chat-commands/paris-rule.ts';
import type { SentActivity } from '../../support/fake-bot-connector.ts';
import { botAdded, type TeamsUser, teamsMessage } from './activities.ts';
import { adaptiveCardOf, cardText, startTeamsHarness, TENANT, type TeamsHarness, USERS } from './harness.ts';

const CHANNEL = '19:sales@thread.tacv2';

type CardAction = { type: string; title: string; data: Record<string, unknown> };
const actionsOf = (activity: Record<string, unknown>): CardAction[] =>
  (adaptiveCardOf(activity)?.content.actions ?? []) as CardAction[];

/**
 * An alert card posted to the team channel by the outbox, then its Action.Submit buttons clicked as Teams sends
 * them: a message activity in the card's thread, `value` = the button's data, `replyToId` = the card.
 */
describe('alert card buttons in Teams (fake Bot Connector)', () => {
  let h: TeamsHarness;
  let posted: SentActivity;
  let stateId: string;
  const state = () => h.db.db.prisma.alertState.findUniqueOrThrow({ where: { id: stateId } });
  const deliver = () =>
    deliverPending(h.ctx, { teams: createWorkerTeamsSender(h.ctx) }, { tenantId: TENANT });
  const press = async (from: TeamsUser, value: unknown): Promise<SentActivity> => {
    const before = h.connector.sent.length;
    const activity = {
      ...teamsMessage('', {
        serviceUrl: h.connector.serviceUrl,
        tenantId: TENANT,
        from,
        scope: 'channel',
        conversationId: `${CHANNEL};messageid=${posted.id}`,
        teamId: CHANNEL,
        value,
      }),
      replyToId: posted.id,
    };
    const res = await h.post(activity);
    expect(res.status).toBe(200);
    const sent = await h.connector.waitForSent(before + 1);
    return sent[before]!;
  };

  beforeAll(async () => {
    h = await startTeamsHarness();
    await saveConversationRef(
      h.ctx.db.prisma,
      botAdded({
        serviceUrl: h.connector.serviceUrl,
        tenantId: TENANT,
        from: USERS.marc,
        scope: 'channel',
        conversationId: CHANNEL,
        teamId: CHANNEL,
      }),
    );
    const rule = await createAlertRule(h.ctx, {
      tenantId: TENANT,
      source: 'chat',
      spec: parisWinRateRule({ to: 'channel', platform: 'teams', id: CHANNEL }),
    });
    await evaluateAlerts(h.ctx, TENANT, { now: NOW, ruleIds: [rule.id] });
    stateId = (
      await h.db.db.prisma.alertState.findFirstOrThrow({ where: { tenantId: TENANT, ruleId: rule.id } })
    ).id;
    expect((await deliver()).sent).toBe(1);
    posted = h.connector.sent.find((s) => s.kind === 'post' && s.conversationId === CHANNEL)!;
    expect(actionsOf(posted.activity).map((a) => a.title)).toEqual([
      'Ack',
      'Snooze 1 day',
      'Snooze 1 week',
      'Open breakdown',
    ]);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('refuses a rep acting on a team alert, in a short reply, and changes nothing', async () => {
    const ack = actionsOf(posted.activity).find((a) => a.title === 'Ack')!;
    const reply = await press(USERS.alice, ack.data);
    expect(reply.kind).toBe('reply');
    expect(cardText(reply.activity)).toMatch(/Only the rep concerned, a manager of their team or an admin/);
    expect(h.connector.sent.some((s) => s.kind === 'update')).toBe(false);
    expect((await state()).ackedAt).toBeNull();
  });

  it('acknowledges on the manager’s click: the clicked card is updated in place (updateActivity)', async () => {
    const ack = actionsOf(posted.activity).find((a) => a.title === 'Ack')!;
    const update = await press(USERS.marc, ack.data);
    expect(update.kind).toBe('update');
    expect(update.activityId).toBe(posted.id);
    expect(cardText(update.activity)).toContain('Acknowledged by **Marc Petit**');
    expect(actionsOf(update.activity).map((a) => a.title)).toEqual(['Open breakdown']);
    expect((await state()).ackedBy).toBe('Marc Petit');
    // The outbox updates every copy too (here the same card, by its stored activity id).
    const before = h.connector.sent.length;
    await deliver();
    const outboxUpdate = h.connector.sent.slice(before).find((s) => s.kind === 'update');
    expect(outboxUpdate?.activityId).toBe(posted.id);
  });

  it('opens the breakdown through the question path', async () => {
    const breakdown = actionsOf(posted.activity).find((a) => a.title === 'Open breakdown')!;
    const reply = await press(USERS.marc, breakdown.data);
    expect(cardText(reply.activity)).toMatch(/Win rate/);
  });
});
