import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAlertRule,
  evaluateAlerts,
  findAlertRule,
  loadAlertsFile,
  previewAlertRule,
} from '../../../src/app/alerts/index.ts';
import type { AppContext } from '../../../src/app/context.ts';
import { type AlertRuleSpecInput, type AlertView, elapsedShare } from '../../../src/core/alerts/index.ts';
import { testContext } from '../../support/app-context.ts';
import { createTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { NOW, seedAlertTenant } from './alert-fixture.ts';

/** Each rule kind end to end on the small sales tenant (PGlite): what is judged, what fires, what it says. */
describe('alert kinds on pglite', () => {
  let t: TestDatabase;
  let ctx: AppContext;
  const tenantId = `kinds-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    t = await createTestDatabase('pglite');
    ctx = testContext(t.db);
    await seedAlertTenant(t.db, tenantId);
  }, 60_000);
  afterAll(async () => {
    await t?.dispose();
  });

  const channel = { to: 'channel', platform: 'slack', id: 'C_SALES' } as const;
  const rule = (spec: AlertRuleSpecInput) =>
    createAlertRule(ctx, { tenantId, spec: { routing: [channel], ...spec }, source: 'chat' });
  const evaluate = (now: Date, ruleIds: string[]) => evaluateAlerts(ctx, tenantId, { now, ruleIds });
  const postedView = async (stateId: string, target = 'C_SALES') => {
    const d = await t.db.prisma.delivery.findFirstOrThrow({
      where: {
        tenantId,
        idempotencyKey: { startsWith: `alert:${stateId}:` },
        op: 'post',
        kind: 'alert',
        target,
      },
    });
    return d.payload as unknown as AlertView;
  };

  it('pace: revenue at about half the pace of the monthly objective fires, with the expected figures', async () => {
    const r = await rule({
      name: 'Revenue pace',
      metric: 'revenue_signed',
      condition: { kind: 'pace', below: 0.8, grain: 'month' },
    });
    const s = await evaluate(NOW, [r.id]);
    expect(s.errors).toEqual([]);
    expect(s.fired).toHaveLength(1);
    // November to date: 1000 + 3000 + 500 + 2000 + 400 + 1500 = 8,400 of 30,000 × the working-day share.
    const share = elapsedShare(
      { start: new Date('2026-10-31T23:00:00Z'), end: new Date('2026-11-30T23:00:00Z') },
      NOW,
      'Europe/Paris',
      true,
    );
    const state = await t.db.prisma.alertState.findFirstOrThrow({ where: { tenantId, ruleId: r.id } });
    expect(state.lastValue).toBeCloseTo(8400 / (30_000 * share), 6);
    const view = await postedView(state.id);
    expect(view.kind).toBe('pace');
    expect(view.current?.start).toBe('2026-11-01T00:00:00+01:00');
    expect(view.headline).toMatch(/of the pace of its objective/);
  });

  it('pace: quiet early in the period, and says why', async () => {
    const r = await rule({
      name: 'Revenue pace early',
      metric: 'revenue_signed',
      condition: { kind: 'pace', below: 0.8, grain: 'month', minElapsed: 0.2 },
    });
    const s = await evaluate(new Date('2026-11-03T09:00:00Z'), [r.id]);
    expect(s.fired).toEqual([]);
    expect(s.skipped).toHaveLength(1);
    expect(s.skipped[0]!.reason).toMatch(/Too early in the period/);
  });

  it('anomaly: a day at 5× its weekday median fires, explained by the team that made it', async () => {
    const r = await rule({
      name: 'Web form spike',
      metric: 'leads',
      scope: { channel: 'web_form' },
      condition: { kind: 'anomaly', direction: 'up', lookbackDays: 3 },
    });
    const s = await evaluate(NOW, [r.id]);
    expect(s.errors).toEqual([]);
    expect(s.fired).toHaveLength(1);
    const state = await t.db.prisma.alertState.findFirstOrThrow({ where: { tenantId, ruleId: r.id } });
    expect(state.lastValue).toBe(25);
    const view = await postedView(state.id);
    expect(view.judgement).toMatchObject({ day: '2026-11-17', value: 25, baseline: 5 });
    expect(view.current?.start).toBe('2026-11-17T00:00:00+01:00');
    expect(view.compared?.label).toBe('the 8 previous Tuesdays');
    expect(view.contributors.map((c) => [c.label, c.share])).toEqual([['Paris', 1]]);
    expect(view.scopeLabel).toBe('channel web_form');
  });

  it('change: a fan-out by team fires for the team that moved, explained by its reps where reps may be shown', async () => {
    // Web-form leads: 11–17 Nov = 6 × 5 + 25 = 55 against 35 the week before (+57 %), all Paris (Alice).
    const r = await rule({
      name: 'Leads up by team',
      metric: 'leads',
      fanOut: 'team',
      condition: { kind: 'change', direction: 'rise', pct: 0.3, windowDays: 7 },
      routing: [channel, { to: 'channel', platform: 'slack', id: 'C_REPS' }],
    });
    const s = await evaluate(NOW, [r.id]);
    expect(s.errors).toEqual([]);
    expect(s.fired.map((f) => f.scopeLabel)).toEqual(['Team Paris']);
    expect(s.skipped.map((x) => x.scopeLabel)).toEqual(['Team Lyon']);
    const states = await t.db.prisma.alertState.findMany({ where: { tenantId, ruleId: r.id } });
    expect(states.map((x) => x.scopeKey.split(':')[0]).sort()).toEqual(['team', 'team']);
    const paris = states.find((x) => x.state === 'firing')!;
    expect(paris.lastValue).toBeCloseTo(55 / 35 - 1, 9);
    // C_REPS may show rep figures: the by-rep explanation is there; C_SALES gets the team alert without it.
    const view = await postedView(paris.id, 'C_REPS');
    expect(view.compared).toMatchObject({
      start: '2026-11-04T00:00:00+01:00',
      end: '2026-11-11T00:00:00+01:00',
    });
    expect(view.contributors).toEqual([
      expect.objectContaining({ key: expect.stringMatching(/^rep:/), label: 'Alice Martin', share: 1 }),
    ]);
    expect((await postedView(paris.id, 'C_SALES')).contributors).toEqual([]);
    expect(view.breakdownQuery).toBe('Leads by rep team Paris last 7 days');
  });

  it('threshold: pending for N evaluations before firing', async () => {
    const r = await rule({
      name: 'Revenue under 10k, twice',
      metric: 'revenue_signed',
      condition: { kind: 'threshold', op: 'below', value: 10_000 },
      lifecycle: { forEvaluations: 2 },
    });
    const first = await evaluate(NOW, [r.id]);
    expect(first.fired).toEqual([]);
    const pending = await t.db.prisma.alertState.findFirstOrThrow({ where: { tenantId, ruleId: r.id } });
    expect(pending).toMatchObject({ state: 'pending', pendingCount: 1 });
    // The same minute does not count twice.
    await evaluate(NOW, [r.id]);
    expect(
      (await t.db.prisma.alertState.findFirstOrThrow({ where: { tenantId, ruleId: r.id } })).pendingCount,
    ).toBe(1);
    const second = await evaluate(new Date(NOW.getTime() + 15 * 60_000), [r.id]);
    expect(second.fired).toHaveLength(1);
  });

  it('preview: replays each morning of the last 8 weeks through the lifecycle, EN and FR', async () => {
    // No revenue at all until 4 Nov (400): "no revenue in 7 days" fires from the first morning, resolves 5 Nov.
    const none = await previewAlertRule(
      ctx,
      tenantId,
      {
        name: 'No revenue',
        metric: 'revenue_signed',
        condition: { kind: 'threshold', op: 'below', value: 1 },
        routing: [channel],
      },
      { now: NOW, weeks: 8 },
    );
    expect(none.evaluations).toBe(56);
    expect(none.firings.map((f) => [f.at.toISOString(), f.resolvedAt?.toISOString()])).toEqual([
      ['2026-09-24T07:00:00.000Z', '2026-11-05T08:00:00.000Z'],
    ]);
    expect(none.lines).toEqual(['Would have fired once in the last 8 weeks: 24 Sept (lasted 42 days)']);
    const spike = await previewAlertRule(
      ctx,
      tenantId,
      {
        name: 'Pic de leads',
        metric: 'leads',
        scope: { channel: 'web_form' },
        condition: { kind: 'anomaly', direction: 'up' },
        routing: [channel],
        lang: 'fr',
      },
      { now: NOW, weeks: 8 },
    );
    expect(spike.lines).toEqual([
      'Se serait déclenchée 1 fois sur les 8 dernières semaines : 18 nov. (toujours active)',
    ]);
  });

  it('KPIBOT_ALERTS: file rules created, updated in place, deleted when removed; chat rules untouched', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kpibot-alerts-'));
    const file = path.join(dir, 'alerts.yaml');
    try {
      await writeFile(
        file,
        [
          'routing: ["slack:C_SALES"]',
          'alerts:',
          '  - name: File revenue',
          '    metric: revenue_signed',
          '    condition: { kind: threshold, op: below, value: 10000 }',
          '  - rule: leads channel web_form anomaly',
          '    name: File spike',
        ].join('\n'),
      );
      const first = await loadAlertsFile(ctx, file, { tenantId });
      expect(first).toMatchObject({ created: ['File revenue', 'File spike'], problems: [] });
      const revenue = await findAlertRule(ctx, tenantId, 'file revenue');
      expect(revenue).toMatchObject({ source: 'file', spec: { routing: [channel] } });
      expect(await loadAlertsFile(ctx, file, { tenantId })).toMatchObject({ created: [], unchanged: 2 });

      await writeFile(
        file,
        [
          'alerts:',
          '  - name: File revenue',
          '    metric: revenue_signed',
          '    condition: { kind: threshold, op: below, value: 20000 }',
          '    routing: [owner]',
        ].join('\n'),
      );
      const second = await loadAlertsFile(ctx, file, { tenantId });
      expect(second).toMatchObject({ created: [], updated: ['File revenue'], deleted: ['File spike'] });
      const updated = await findAlertRule(ctx, tenantId, 'File revenue');
      expect(updated?.id).toBe(revenue?.id);
      expect(updated?.spec?.condition).toMatchObject({ value: 20_000 });
      expect(await findAlertRule(ctx, tenantId, 'File spike')).toBeNull();
      expect(await findAlertRule(ctx, tenantId, 'Revenue pace')).not.toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
