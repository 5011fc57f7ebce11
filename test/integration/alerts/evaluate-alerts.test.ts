import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlertRule, evaluateAlerts } from '../../../src/app/alerts/index.ts';
import type { AppContext } from '../../../src/app/context.ts';
import type { AlertRuleSpecInput } from '../../../src/core/alerts/index.ts';
import { testContext } from '../../support/app-context.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.ts';
import { addWonDeal, deliveries, minutes, NOW, REVENUE_UNDER_10K, seedAlertTenant } from './alert-fixture.ts';

describe.each(databaseKinds)('evaluateAlerts on %s', (kind) => {
  let t: TestDatabase;
  let ctx: AppContext;
  const tenantId = `alerts-${randomBytes(4).toString('hex')}`;
  let seeded: Awaited<ReturnType<typeof seedAlertTenant>>;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    ctx = testContext(t.db);
    seeded = await seedAlertTenant(t.db, tenantId);
  }, 60_000);
  afterAll(async () => {
    await t?.dispose();
  });

  const rule = (spec: AlertRuleSpecInput) => createAlertRule(ctx, { tenantId, spec, source: 'chat' });
  const evaluate = (now: Date, ruleIds?: string[]) => evaluateAlerts(ctx, tenantId, { now, ruleIds });

  it('fires a threshold once per route, records it, and does nothing more when run again', async () => {
    // Last 7 complete days (11–17 Nov): 500 + 3000 + 2000 + 1500 = 7,000 signed.
    const r = await rule(REVENUE_UNDER_10K);
    const first = await evaluate(NOW, [r.id]);
    expect(first.errors).toEqual([]);
    expect(first.fired).toHaveLength(1);
    expect(first.fired[0]).toMatchObject({ scopeLabel: 'Company', sentTo: ['slack:C_SALES'] });
    expect(first.fired[0]!.headline).toContain('€7,000');
    const sent = await deliveries(ctx, tenantId);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ platform: 'slack', target: 'C_SALES', kind: 'alert', op: 'post' });
    expect(first.deliveryIds).toEqual([sent[0]!.id]);
    const state = await t.db.prisma.alertState.findFirstOrThrow({ where: { tenantId, ruleId: r.id } });
    expect(state).toMatchObject({ state: 'firing', lastValue: 7000 });
    expect(state.firingSince?.toISOString()).toBe(NOW.toISOString());
    expect(sent[0]!.idempotencyKey).toBe(`alert:${state.id}:${NOW.toISOString()}:slack:C_SALES`);

    // The same minute again (a retried job): nothing is written.
    const eventsBefore = await t.db.prisma.alertEvent.count({ where: { tenantId, ruleId: r.id } });
    const again = await evaluate(new Date(NOW.getTime() + 20_000), [r.id]);
    expect(again.fired).toEqual([]);
    expect(again.deliveryIds).toEqual([]);
    expect(await t.db.prisma.alertEvent.count({ where: { tenantId, ruleId: r.id } })).toBe(eventsBefore);
    // An hour and then 90 minutes later: still firing with the same figures, which the fired event already says:
    // no repeat before a day, no event, no write of the state; the rule records when it was evaluated.
    const later = await evaluate(minutes(60), [r.id]);
    expect(later.fired).toEqual([]);
    expect(later.repeated).toEqual([]);
    await evaluate(minutes(90), [r.id]);
    expect(await deliveries(ctx, tenantId)).toHaveLength(1);
    expect(await t.db.prisma.alertEvent.count({ where: { tenantId, ruleId: r.id } })).toBe(eventsBefore);
    const held = await t.db.prisma.alertState.findFirstOrThrow({ where: { tenantId, ruleId: r.id } });
    expect(held.lastEvaluated?.toISOString()).toBe(NOW.toISOString());
    expect(held.lastJudgement).toMatchObject({ decision: 'fired', value: 7000, bound: 10_000 });
    const stamped = await t.db.prisma.alertRule.findUniqueOrThrow({ where: { id: r.id } });
    expect(stamped.lastEvaluatedAt?.toISOString()).toBe(minutes(90).toISOString());

    // A big deal signed yesterday: the next evaluation resolves, with one thread reply and one update.
    await addWonDeal(t.db, tenantId, seeded.reps.bob, new Date('2026-11-17T10:00:00Z'), 5000);
    const resolved = await evaluate(minutes(120), [r.id]);
    expect(resolved.resolved).toHaveLength(1);
    const after = await deliveries(ctx, tenantId);
    expect(after).toHaveLength(3);
    const root = sent[0]!.idempotencyKey;
    expect(
      after.map((d) => [d.idempotencyKey.replace(/update:.*/, 'update:…'), d.kind, d.op, d.parentKey]),
    ).toEqual([
      [root, 'alert', 'post', null],
      [`${root}:resolve`, 'alert_reply', 'post', root],
      [`${root}:update:…`, 'alert', 'update', root],
    ]);
    const types = await t.db.prisma.alertEvent.findMany({
      where: { tenantId, ruleId: r.id },
      orderBy: { at: 'asc' },
      select: { type: true },
    });
    expect(types.map((e) => e.type)).toEqual(['fired', 'resolved']);
  });
});
