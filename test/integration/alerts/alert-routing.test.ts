import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acknowledgeAlert,
  createAlertRule,
  deleteAlertRule,
  evaluateAlerts,
  explainAlert,
  findAlertRule,
  listAlertRules,
  setAlertRuleMuted,
  snoozeAlert,
} from '../../../src/app/alerts/index.ts';
import type { AppContext } from '../../../src/app/context.ts';
import type { AlertRuleSpecInput } from '../../../src/core/alerts/index.ts';
import { testContext } from '../../support/app-context.ts';
import { createTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { minutes, NOW, REVENUE_UNDER_10K, seedAlertTenant } from './alert-fixture.ts';

/** Routing, access, the lifecycle's actions and a bad stored rule, on PostgreSQL. */
describe('alert routing and lifecycle on postgres', () => {
  let t: TestDatabase;
  let ctx: AppContext;
  const tenantId = `routing-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    t = await createTestDatabase('postgres');
    ctx = testContext(t.db);
    await seedAlertTenant(t.db, tenantId);
  }, 60_000);
  afterAll(async () => {
    await t?.dispose();
  });

  const rule = (spec: AlertRuleSpecInput) => createAlertRule(ctx, { tenantId, spec, source: 'chat' });
  const evaluate = (now: Date, ruleIds: string[]) => evaluateAlerts(ctx, tenantId, { now, ruleIds });
  const deliveriesOf = async (ruleId: string) => {
    const states = await t.db.prisma.alertState.findMany({ where: { tenantId, ruleId } });
    const all = await t.db.prisma.delivery.findMany({ where: { tenantId }, orderBy: { createdAt: 'asc' } });
    return all.filter((d) => states.some((s) => d.idempotencyKey.startsWith(`alert:${s.id}:`)));
  };
  // Deals won over 11–17 Nov: Alice 2, Bob 1, Marc (a selling manager) 0; Zoé (Lyon) 1.
  const dealsWonByRep = {
    name: 'No deal this week',
    metric: 'deals_won',
    scope: { team: 'Paris' },
    fanOut: 'rep',
    condition: { kind: 'threshold', op: 'below', value: 1 },
  } as const;

  it('a by-rep alert goes to channels that may show rep figures, else to the rep and manager by DM', async () => {
    const r = await rule({
      ...dealsWonByRep,
      routing: [
        { to: 'channel', platform: 'slack', id: 'C_SALES' },
        { to: 'channel', platform: 'slack', id: 'C_REPS' },
      ],
    });
    const s = await evaluate(NOW, [r.id]);
    expect(s.errors).toEqual([]);
    expect(s.fired.map((f) => f.scopeLabel)).toEqual(['Marc Petit']);
    // Marc is both the rep and Paris' manager: one DM, plus the channel that may show rep figures.
    expect(s.fired[0]!.sentTo.sort()).toEqual(['slack:C_REPS', 'slack:U_MARC']);
    expect(s.fired[0]!.notes).toEqual(['Channel C_SALES does not show rep figures; sent by DM instead.']);
    const sent = await deliveriesOf(r.id);
    expect(sent.map((d) => d.target).sort()).toEqual(['C_REPS', 'U_MARC']);
    const states = await t.db.prisma.alertState.findMany({ where: { tenantId, ruleId: r.id } });
    expect(states.filter((x) => x.state === 'firing')).toHaveLength(1);
    expect(states).toHaveLength(3); // Alice, Bob, Marc
  });

  it('owner: the rep by DM; a rep without a chat account is told nowhere, and the summary says so', async () => {
    const marc = await rule({ ...dealsWonByRep, name: 'Owner route', routing: [{ to: 'owner' }] });
    const s = await evaluate(NOW, [marc.id]);
    expect(s.fired[0]!.sentTo).toEqual(['slack:U_MARC']);
    const zoe = await rule({
      name: 'Zoé revenue',
      metric: 'revenue_signed',
      scope: { rep: 'zoe@acme.test' },
      condition: { kind: 'threshold', op: 'below', value: 5000 },
      routing: [{ to: 'owner' }, { to: 'manager' }],
    });
    const z = await evaluate(NOW, [zoe.id]);
    expect(z.fired).toHaveLength(1);
    expect(z.fired[0]!.sentTo).toEqual([]);
    expect(z.fired[0]!.notes).toEqual([
      'Zoé Roux has no known Slack or Teams account (map them with /kpi map): no DM.',
      '"manager": no team manager for Zoé Roux.',
    ]);
    expect(await deliveriesOf(zoe.id)).toEqual([]);
  });

  it('a bad stored rule is skipped and recorded once; the others are evaluated', async () => {
    const good = await rule({
      ...REVENUE_UNDER_10K,
      name: 'Company revenue',
    });
    const bad = await t.db.prisma.alertRule.create({
      data: {
        tenantId,
        name: 'Hand-edited',
        kind: 'threshold',
        metric: 'revenue_signed',
        params: { condition: { kind: 'threshold', op: 'sideways', value: 1 } },
      },
    });
    const unknownTeam = await t.db.prisma.alertRule.create({
      data: {
        tenantId,
        name: 'Gone team',
        kind: 'threshold',
        metric: 'revenue_signed',
        scope: { team: 'Marseille' },
        params: { condition: { kind: 'threshold', op: 'below', value: 1 } },
        routing: [{ to: 'owner' }],
      },
    });
    const ids = [good.id, bad.id, unknownTeam.id];
    const s = await evaluate(NOW, ids);
    expect(s.fired.map((f) => f.ruleName)).toEqual(['Company revenue']);
    expect(s.errors.map((e) => [e.ruleName, e.message]).sort()).toEqual([
      ['Gone team', expect.stringMatching(/^I don't know the team “Marseille”\. Teams: /)],
      ['Hand-edited', 'condition.op: must be above or below'],
    ]);
    await evaluate(minutes(15), ids);
    const errors = await t.db.prisma.alertEvent.findMany({ where: { tenantId, type: 'error' } });
    expect(errors.map((e) => e.ruleId).sort()).toEqual([bad.id, unknownTeam.id].sort());
    const listed = await listAlertRules(ctx, tenantId);
    expect(listed.find((l) => l.id === bad.id)).toMatchObject({
      spec: null,
      problem: 'condition.op: must be above or below',
    });
    expect(listed.find((l) => l.id === good.id)).toMatchObject({ problem: null, states: { firing: 1 } });
  });

  it('ack stops the reminders and updates every copy; snooze reminds once when it ends', async () => {
    const acked = await rule({
      ...REVENUE_UNDER_10K,
      name: 'To ack',
      lifecycle: { repeatEveryMinutes: 60 },
    });
    const snoozed = await rule({ ...dealsWonByRep, name: 'To snooze', routing: [{ to: 'owner' }] });
    const fired = await evaluate(NOW, [acked.id, snoozed.id]);
    expect(fired.fired).toHaveLength(2);
    const ackState = fired.fired.find((f) => f.ruleId === acked.id)!.stateId;
    const snoozeState = fired.fired.find((f) => f.ruleId === snoozed.id)!.stateId;

    const view = await acknowledgeAlert(ctx, tenantId, ackState.slice(0, 8), 'U_MARC', minutes(10));
    expect(view.acked).toEqual({ by: 'U_MARC', at: minutes(10).toISOString() });
    const ackUpdates = (await deliveriesOf(acked.id)).filter((d) => d.op === 'update');
    expect(ackUpdates).toHaveLength(1);
    expect(ackUpdates[0]!.payload).toMatchObject({ acked: { by: 'U_MARC' } });

    const until = minutes(120);
    const snoozedView = await snoozeAlert(ctx, tenantId, snoozeState, until, 'U_MARC', minutes(10));
    expect(snoozedView.snoozedUntil).toBe(until.toISOString());

    // 61 minutes: the acked one does not repeat; the snoozed one waits.
    const s61 = await evaluate(minutes(61), [acked.id, snoozed.id]);
    expect(s61.repeated).toEqual([]);
    // After the snooze (and its repeat interval of a day not yet due), one reminder in the thread.
    const s130 = await evaluate(minutes(130), [acked.id, snoozed.id]);
    expect(s130.repeated.map((x) => x.ruleId)).toEqual([snoozed.id]);
    const replies = (await deliveriesOf(snoozed.id)).filter((d) => d.kind === 'alert_reply');
    expect(replies.map((d) => d.idempotencyKey.split(':').slice(-2).join(':'))).toEqual(['repeat:1']);
    expect(replies[0]!.parentKey).toBe(`alert:${snoozeState}:${NOW.toISOString()}:slack:U_MARC`);
    const types = await t.db.prisma.alertEvent.findMany({
      where: { tenantId, ruleId: acked.id },
      orderBy: { at: 'asc' },
    });
    expect(types.map((e) => [e.type, (e.detail as { decision?: string }).decision ?? null])).toEqual([
      ['fired', 'fired'],
      ['acked', null],
      ['evaluated', 'suppressed:acked'],
    ]);
  });

  it('repeats while firing, numbered in the thread', async () => {
    const r = await rule({
      ...REVENUE_UNDER_10K,
      name: 'Hourly',
      lifecycle: { repeatEveryMinutes: 60 },
    });
    await evaluate(NOW, [r.id]);
    await evaluate(minutes(61), [r.id]);
    await evaluate(minutes(90), [r.id]);
    await evaluate(minutes(122), [r.id]);
    const keys = (await deliveriesOf(r.id)).map((d) => d.idempotencyKey.split(':').slice(-2).join(':'));
    expect(keys).toEqual(['slack:C_SALES', 'repeat:1', 'repeat:2']);
  });

  it('mute: evaluated and recorded but told nothing; unmuted, the open alert is told', async () => {
    const r = await rule({
      ...REVENUE_UNDER_10K,
      name: 'Muted',
    });
    await setAlertRuleMuted(ctx, tenantId, r.name, true);
    const muted = await evaluate(NOW, [r.id]);
    expect(muted.fired).toEqual([]);
    expect(await deliveriesOf(r.id)).toEqual([]);
    const state = await t.db.prisma.alertState.findFirstOrThrow({ where: { tenantId, ruleId: r.id } });
    expect(state.state).toBe('firing');
    expect(state.lastJudgement).toMatchObject({ decision: 'suppressed:muted' });
    await setAlertRuleMuted(ctx, tenantId, r.id.slice(0, 8), false);
    const told = await evaluate(minutes(15), [r.id]);
    expect(told.fired).toHaveLength(1);
    expect(await deliveriesOf(r.id)).toHaveLength(1);
  });

  it('why: the alert by its id, with its latest judgement and history; delete closes it silently', async () => {
    const r = await rule({
      ...REVENUE_UNDER_10K,
      name: 'Explained',
    });
    const s = await evaluate(NOW, [r.id]);
    const why = await explainAlert(ctx, tenantId, s.fired[0]!.alertId, { lang: 'en' });
    expect(why?.rule).toMatchObject({ id: r.id, name: 'Explained' });
    expect(why?.view).toMatchObject({ status: 'firing', alertId: s.fired[0]!.alertId });
    expect(why?.latest).toMatchObject({ decision: 'fired', value: 7000, bound: 10_000 });
    expect(why?.latest?.reason).toMatch(/below the €10,000 threshold/);
    expect(why?.recent.map((e) => e.type)).toEqual(['fired']);
    expect((await explainAlert(ctx, tenantId, 'Explained', { lang: 'en' }))?.stateId).toBe(why?.stateId);

    const deleted = await deleteAlertRule(ctx, tenantId, 'explained', { now: minutes(5) });
    expect(deleted.deletedAt).not.toBeNull();
    expect(await findAlertRule(ctx, tenantId, 'Explained')).toBeNull();
    const state = await t.db.prisma.alertState.findFirstOrThrow({ where: { tenantId, ruleId: r.id } });
    expect(state.state).toBe('ok');
    expect(await deliveriesOf(r.id)).toHaveLength(1); // the original post only
    const after = await evaluate(minutes(30), [r.id]);
    expect(after.rules).toBe(0);
  });

  it('two evaluations racing (two workers, two minutes) tell once: the second yields', async () => {
    const racers = await Promise.all(
      ['Race A', 'Race B'].map((name) => rule({ ...REVENUE_UNDER_10K, name })),
    );
    const ids = racers.map((r) => r.id);
    const [a, b] = await Promise.all([evaluate(NOW, ids), evaluate(minutes(1), ids)]);
    expect(a.fired.length + b.fired.length).toBe(2);
    for (const r of racers) {
      expect(await deliveriesOf(r.id)).toHaveLength(1);
      expect(await t.db.prisma.alertState.count({ where: { tenantId, ruleId: r.id } })).toBe(1);
      const fired = await t.db.prisma.alertEvent.count({ where: { tenantId, ruleId: r.id, type: 'fired' } });
      expect(fired).toBe(1);
    }
  });
});
