import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AskRequest, type AskResult, ask } from '../../../src/app/ask.ts';
import type { AppContext } from '../../../src/app/context.ts';
import { renderAnswerText } from '../../../src/cli/render-answer.ts';
import type { KpiAnswer } from '../../../src/core/answer.ts';
import { forgetTenantSettings } from '../../../src/store/tenants.ts';
import { testContext } from '../../support/app-context.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.ts';
import { NOW, seedSalesTeam } from './sales-fixture.ts';

describe.each(databaseKinds)('answers on %s', (kind) => {
  let t: TestDatabase;
  let ctx: AppContext;
  const tenantId = `answers-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    ctx = testContext(t.db);
    await seedSalesTeam(t.db, tenantId);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const run = (text: string, more: Partial<AskRequest> = {}): Promise<AskResult> =>
    ask(ctx, { tenantId, text, user: { system: true }, now: NOW, ...more });
  async function answer(text: string, more: Partial<AskRequest> = {}): Promise<KpiAnswer> {
    const r = await run(text, more);
    if (r.kind !== 'answer') throw new Error(`expected an answer to "${text}", got ${JSON.stringify(r)}`);
    return r.answer;
  }

  it('answers win rate last week with the exact range, parts and comparison', async () => {
    const a = await answer('win rate last week');
    expect(a.metric).toMatchObject({ name: 'win_rate', format: 'percent', direction: 'up_is_good' });
    expect(a.period).toEqual({
      start: '2026-11-09T00:00:00+01:00',
      end: '2026-11-16T00:00:00+01:00',
      label: 'last week',
      tz: 'Europe/Paris',
    });
    expect([a.value, a.numerator, a.denominator]).toEqual([0.5, 4, 8]);
    expect(a.comparison).toMatchObject({ value: 0.25, delta: 0.25, change: 1 });
    expect(a.comparison?.period.start).toBe('2026-11-02T00:00:00+01:00');
    expect(a.definition).toMatch(/won/i);
    expect(a.warnings).toEqual([]);
  });

  it('breaks down by rep with names, best first', async () => {
    const a = await answer('win rate by rep last week');
    expect(a.breakdownBy).toBe('rep');
    expect(a.breakdown.map((r) => [r.label, r.value, r.numerator, r.denominator])).toEqual([
      ['Zoé Roux', 1, 1, 1],
      ['Alice Martin', 2 / 3, 2, 3],
      ['Bob Durand', 0.25, 1, 4],
    ]);
  });

  it('prorates the monthly objective over a week and paces a to-date month', async () => {
    const week = await answer('revenue signed last week vs target');
    expect(week.value).toBe(6500);
    expect(week.target?.value).toBeCloseTo(7000, 6);
    expect(week.target?.attainment).toBeCloseTo(6500 / 7000, 6);
    expect(week.target?.pace).toBeNull();

    const month = await answer('revenue signed this month');
    expect(month.value).toBe(400 + 6500 + 1500);
    expect(month.period.end).toBe('2026-11-18T10:00:00+01:00');
    const share = (17 * 24 + 10) / (30 * 24);
    expect(month.target?.value).toBe(30000);
    expect(month.target?.pace?.elapsedShare).toBeCloseTo(share, 6);
    expect(month.target?.pace?.expected).toBeCloseTo(30000 * share, 4);
    expect(month.target?.pace?.attainment).toBeCloseTo(8400 / (30000 * share), 6);
    expect(month.metric.currency).toBe('EUR');
  });

  it("adds up a team's reps' objectives when the team has none, and reads them with the figures", async () => {
    const lyon = await t.db.prisma.team.findFirstOrThrow({ where: { tenantId, name: 'Lyon' } });
    const reps = await t.db.prisma.rep.findMany({ where: { tenantId } });
    const id = (email: string) => reps.find((r) => r.email === email)!.id;
    const objective = (scopeType: 'team' | 'rep', scopeId: string, target: number) => ({
      tenantId,
      metric: 'revenue_signed',
      scopeType,
      scopeId,
      grain: 'month' as const,
      periodStart: new Date('2026-11-01'),
      target,
    });
    await t.db.prisma.objective.createMany({
      data: [
        objective('rep', id('alice@acme.test'), 10000),
        objective('rep', id('bob@acme.test'), 5000),
        objective('team', lyon.id, 6000),
        // A rep of another team never counts for Paris.
        objective('rep', id('zoe@acme.test'), 99000),
      ],
    });
    try {
      const team = await answer('revenue signed last week team Paris vs target');
      expect(team.value).toBe(4500);
      expect(team.target?.value).toBeCloseTo((15000 * 7) / 30, 6);
      const lyonWeek = await answer('revenue signed last week team Lyon vs target');
      expect(lyonWeek.target?.value).toBeCloseTo((6000 * 7) / 30, 6);
      // The tenant's own objective still wins over its teams'.
      expect((await answer('revenue signed last week vs target')).target?.value).toBeCloseTo(7000, 6);
    } finally {
      await t.db.prisma.objective.deleteMany({ where: { tenantId, scopeType: { in: ['team', 'rep'] } } });
    }
  });

  it('computes another zone exactly from the raw tables', async () => {
    const a = await answer('win rate last week', { tz: 'America/New_York' });
    expect(a.period.start).toBe('2026-11-09T00:00:00-05:00');
    // In New York, the 1,500 won late on 15 Nov UTC is last week, the loss of 8 Nov 23:30 UTC is not.
    expect([a.numerator, a.denominator]).toEqual([5, 8]);
  });

  it('answers in French with French numbers', async () => {
    const a = await answer('taux de réussite la semaine dernière');
    expect(a.lang).toBe('fr');
    expect(a.period.label).toBe('la semaine dernière');
    expect(a.metric.label).toMatch(/taux/i);
    const text = renderAnswerText(a);
    expect(text).toMatch(/50\s%/);
    const revenue = renderAnswerText(await answer('CA signé la semaine dernière'));
    expect(revenue).toMatch(/6\s500\s€/);
  });

  it('scopes to a team and to a rep', async () => {
    expect((await answer('revenue signed last week team Paris')).value).toBe(4500);
    expect((await answer('revenue signed last week for zoe@acme.test')).value).toBe(2000);
    const mine = await answer('my revenue signed last week', { user: { email: 'alice@acme.test' } });
    expect([mine.scope.rep, mine.value]).toEqual(['Alice Martin', 4000]);
  });

  it('applies button follow-ups: another breakdown, the previous period', async () => {
    const byTeam = await answer('win rate last week', { overrides: { breakdown: 'team' } });
    expect(byTeam.breakdown.map((r) => r.label)).toEqual(['Lyon', 'Paris']);
    const before = await answer('win rate last week', { overrides: { period: 'previous' } });
    expect(before.period.start).toBe('2026-11-02T00:00:00+01:00');
    expect(before.value).toBe(0.25);
  });

  it('gives a time series by week, in order', async () => {
    const a = await answer('revenue signed by week this month');
    expect(a.breakdown.map((r) => [r.key, r.value])).toEqual([
      ['week:2026-10-26', 0],
      ['week:2026-11-02', 400],
      ['week:2026-11-09', 6500],
      ['week:2026-11-16', 1500],
    ]);
  });

  describe('access rules (repVisibility team)', () => {
    it('refuses another rep’s figures to a rep, clearly', async () => {
      const r = await run('win rate last week for bob@acme.test', { user: { email: 'alice@acme.test' } });
      expect(r.kind).toBe('error');
      expect(r.kind === 'error' && r.code).toBe('not_allowed');
      expect(r.kind === 'error' && r.message).toMatch(/can't see Bob Durand's figures/);
    });

    it('shows a rep only their own row of a by-rep breakdown', async () => {
      const a = await answer('win rate by rep last week', { user: { email: 'alice@acme.test' } });
      expect(a.breakdown.map((r) => r.label)).toEqual(['Alice Martin']);
      expect(a.warnings.join(' ')).toMatch(/2 row\(s\) hidden/);
      expect(a.value).toBe(0.5);
    });

    it('shows a manager their team’s reps, an admin everyone', async () => {
      const m = await answer('win rate by rep last week', { user: { email: 'marc@acme.test' } });
      expect(m.breakdown.map((r) => r.label).sort()).toEqual(['Alice Martin', 'Bob Durand']);
      const d = await answer('win rate by rep last week', { user: { email: 'dir@acme.test' } });
      expect(d.breakdown).toHaveLength(3);
    });

    it('follows the tenant setting', async () => {
      await t.db.prisma.tenant.update({ where: { id: tenantId }, data: { repVisibility: 'open' } });
      // Settings are remembered for a while (TENANT_SETTINGS_TTL_MS); a process that changes them forgets them.
      forgetTenantSettings(t.db.prisma, tenantId);
      try {
        const a = await answer('win rate by rep last week', { user: { email: 'alice@acme.test' } });
        expect(a.breakdown).toHaveLength(3);
      } finally {
        await t.db.prisma.tenant.update({ where: { id: tenantId }, data: { repVisibility: 'team' } });
        forgetTenantSettings(t.db.prisma, tenantId);
      }
    });
  });

  it('explains what it cannot answer', async () => {
    const unknown = await run('blorp last week');
    expect(unknown).toMatchObject({ kind: 'error', code: 'unknown_metric' });
    const team = await run('win rate team Atlantis last week');
    expect(team).toMatchObject({ kind: 'error', code: 'unknown_team' });
    expect(team.kind === 'error' && team.message).toMatch(/Teams: (Lyon, Paris|Paris, Lyon)/);
    const me = await run('my win rate last week');
    expect(me).toMatchObject({ kind: 'error', code: 'unmapped_user' });
    const noData = await answer('win rate in march 2025');
    expect(noData.value).toBeNull();
    expect(noData.warnings.join(' ')).toMatch(/No data/);
  });

  it('answers help, list, whoami and targets', async () => {
    const help = await run('help');
    expect(help).toMatchObject({ kind: 'info' });
    const list = await run('list');
    expect(list.kind === 'info' && list.lines.length).toBeGreaterThan(40);
    const who = await run('whoami', { user: { email: 'marc@acme.test' } });
    expect(who.kind === 'info' && who.lines.join('\n')).toMatch(/Role: manager[\s\S]*Team: Paris/);
    const none = await run('sync');
    expect(none).toMatchObject({ kind: 'info', title: 'No source synced yet' });
    const p = t.db.prisma;
    await p.syncRun.create({
      data: {
        tenantId,
        source: 'hubspot',
        status: 'succeeded',
        startedAt: new Date('2026-11-18T07:00:00Z'),
        finishedAt: new Date('2026-11-18T07:01:00Z'),
        inserted: 12,
        updated: 3,
      },
    });
    await p.syncRun.create({
      data: {
        tenantId,
        source: 'hubspot',
        status: 'failed',
        startedAt: new Date('2026-11-18T08:00:00Z'),
        finishedAt: new Date('2026-11-18T08:00:05Z'),
        errors: [{ message: 'HUBSPOT_ACCESS_TOKEN was refused' }],
      },
    });
    const sync = await run('sync');
    expect(sync.kind === 'info' && sync.lines[0]).toMatch(
      /\*hubspot\* · last success 18 Nov 08:01 · last run: failed.*· next ≈ 18 Nov 10:00 · :warning: error 18 Nov 09:00/,
    );
    const targets = await run('targets');
    expect(targets.kind === 'info' && targets.lines.join('\n')).toMatch(/Company — Revenue signed: €30,000/);
  });
});
