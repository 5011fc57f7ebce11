import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../src/app/context.ts';
import { computeDigest } from '../../../src/app/digest/compose-inputs.ts';
import { runDigest } from '../../../src/app/digest/run-digest.ts';
import { subscribe } from '../../../src/app/digest/subscriptions.ts';
import type { DigestView } from '../../../src/core/digest/types.ts';
import { markDirtyDays } from '../../../src/store/dirty-days.ts';
import { recomputeRollups } from '../../../src/store/rollups/index.ts';
import { testContext } from '../../support/app-context.ts';
import { createTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { seedSalesTeam } from '../answers/sales-fixture.ts';

/** Monday 16 Nov 2026 08:30 Paris: the digest covers Mon 9 → Sun 15 Nov (see sales-fixture.ts for the figures). */
const AT = new Date('2026-11-16T07:30:00Z');

describe('digest on PGlite: composition from the engine, access, exactly-once outbox rows', () => {
  let t: TestDatabase;
  let ctx: AppContext;
  const tenantId = `digest-${randomBytes(4).toString('hex')}`;
  let fx: Awaited<ReturnType<typeof seedSalesTeam>>;

  beforeAll(async () => {
    t = await createTestDatabase('pglite');
    ctx = testContext(t.db);
    fx = await seedSalesTeam(t.db, tenantId);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const channelDigest = async (
    channelId: string,
    teamId: string | null = null,
    metrics = ['revenue_signed', 'win_rate'],
  ) =>
    computeDigest(ctx, {
      tenantId,
      at: AT,
      tz: 'Europe/Paris',
      metrics,
      teamId,
      recipient: { kind: 'channel', channelId },
    });

  it('a channel digest: the week vs objective with pace and vs the week before, movers by team, no leaderboard', async () => {
    const { view, week } = await channelDigest('C-SALES');
    expect(week.start.toISOString()).toBe('2026-11-08T23:00:00.000Z');
    const v = view!;
    const [revenue, winRate] = v.kpis;
    expect(revenue).toMatchObject({ value: 6500, previous: 400, valueText: '€6,500' });
    // November's 30,000 prorated over 7 of its 30 days.
    expect(revenue!.attainment).toBeCloseTo(6500 / 7000, 6);
    // 400 + 6,500 by the end of the week, half of November gone: 46% of pace.
    expect(revenue!.paceAttainment).toBeCloseTo(6900 / 15000, 6);
    expect(revenue!.paceText).toBe('November 2026 to date: €6,900, 46% of pace (objective €30,000)');
    expect(winRate).toMatchObject({ value: 0.5, previous: 0.25, valueText: '50%' });
    expect(v.movers!.title).toBe('Top movers — Revenue signed, by team');
    expect(v.movers!.up.map((m) => m.label)).toEqual(['Paris', 'Lyon']);
    expect(v.leaderboard).toBeNull();
    expect(v.leaderboardNote).toMatch(/does not show rep figures/);
    expect(v.chart!.points).toHaveLength(12);
    expect(v.chart!.points.at(-1)).toMatchObject({ value: 6500 });
    expect(v.chart!.points.at(-1)!.target).toBeCloseTo(7000, 6);
  });

  it('the rep leaderboard where the channel shows rep detail', async () => {
    await ctx.db.prisma.tenant.update({
      where: { id: tenantId },
      data: { settings: { channels: { 'C-LEADS': { repDetail: true } } } },
    });
    const v = (await channelDigest('C-LEADS')).view!;
    expect(v.leaderboardNote).toBeNull();
    expect(v.leaderboard!.lines).toEqual([
      '1. Alice Martin — €4,000',
      '2. Zoé Roux — €2,000',
      '3. Bob Durand — €500',
    ]);
    expect(v.movers!.title).toMatch(/by rep$/);
  });

  it('a team with no objective: its figures, no objective line, movers by channel', async () => {
    const v = (await channelDigest('C-LYON', fx.teams.lyon.id)).view!;
    expect(v.title).toBe('Weekly digest — Team Lyon');
    expect(v.kpis[0]).toMatchObject({ value: 2000, targetText: null, paceText: null });
    expect(v.chart!.points.every((p) => p.target === null)).toBe(true);
  });

  it('nothing is posted for a scope with no data that week', async () => {
    const empty = await ctx.db.prisma.team.create({ data: { tenantId, name: 'Bordeaux' } });
    const computed = await channelDigest('C-BDX', empty.id);
    expect(computed).toMatchObject({ view: null, skipped: 'no_data' });
    const sub = await subscribe(ctx.db.prisma, {
      tenantId,
      platform: 'slack',
      target: 'C-BDX',
      isUser: false,
      tz: 'Europe/Paris',
      scope: { teamId: empty.id, teamName: 'Bordeaux' },
    });
    const summary = await runDigest(ctx, tenantId, sub.id, { at: AT });
    expect(summary).toMatchObject({ message: 'no_data', deliveryIds: [] });
    expect(
      await ctx.db.prisma.delivery.count({
        where: { tenantId, idempotencyKey: { startsWith: `digest:${sub.id}` } },
      }),
    ).toBe(0);
  });

  it('exactly one outbox row per subscription and period, however often the job runs', async () => {
    const sub = await subscribe(ctx.db.prisma, {
      tenantId,
      platform: 'slack',
      target: 'C-ONCE',
      isUser: false,
      tz: 'Europe/Paris',
      scope: {},
      metrics: ['revenue_signed'],
    });
    const dispatched: string[][] = [];
    const first = await runDigest(ctx, tenantId, sub.id, {
      at: AT,
      dispatch: async (ids) => void dispatched.push(ids),
    });
    // A retry an hour later (same scheduled time) and a second worker racing it.
    const [again, racing] = await Promise.all([
      runDigest(ctx, tenantId, sub.id, { at: AT }),
      runDigest(ctx, tenantId, sub.id, { at: AT }),
    ]);
    expect(first.message).toBe('enqueued');
    expect([again.deliveryIds, racing.deliveryIds]).toEqual([first.deliveryIds, first.deliveryIds]);
    const rows = await ctx.db.prisma.delivery.findMany({
      where: { tenantId, idempotencyKey: { startsWith: `digest:${sub.id}:` } },
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      idempotencyKey: `digest:${sub.id}:2026-11-08T23:00:00.000Z`,
      kind: 'digest',
      target: 'C-ONCE',
      platform: 'slack',
    });
    expect((rows[0]!.payload as unknown as DigestView).kpis[0]!.value).toBe(6500);
    expect(dispatched).toEqual([first.deliveryIds]);
    // The next week is a new period: a new message.
    const next = await runDigest(ctx, tenantId, sub.id, { at: new Date(AT.getTime() + 7 * 86_400_000) });
    expect(next.deliveryIds).not.toEqual(first.deliveryIds);
  });

  it('open alerts of the scope, rep-level ones only where rep figures may be seen', async () => {
    const p = ctx.db.prisma;
    const teamRule = await p.alertRule.create({
      data: {
        tenantId,
        name: 'Paris win rate',
        kind: 'threshold',
        metric: 'win_rate',
        scope: { team: 'Paris' },
      },
    });
    const repRule = await p.alertRule.create({
      data: {
        tenantId,
        name: 'Bob revenue',
        kind: 'threshold',
        metric: 'revenue_signed',
        scope: { rep: 'bob@acme.test' },
      },
    });
    await p.alertState.createMany({
      data: [
        {
          tenantId,
          ruleId: teamRule.id,
          state: 'firing',
          firingSince: new Date('2026-11-14T09:00:00Z'),
          lastValue: 0.2,
        },
        {
          tenantId,
          ruleId: repRule.id,
          state: 'firing',
          firingSince: new Date('2026-11-13T09:00:00Z'),
          lastValue: 500,
        },
      ],
    });
    const hidden = (await channelDigest('C-SALES')).view!;
    expect(hidden.alerts.lines).toEqual(['Paris win rate — Paris (Win rate · 20%) · since 14 Nov 10:00']);
    const shown = (await channelDigest('C-LEADS')).view!;
    expect(shown.alerts.title).toBe('Open alerts (2)');
    const lyon = (await channelDigest('C-LYON', fx.teams.lyon.id)).view!;
    expect(lyon.alerts.lines).toEqual(['No open alert.']);
    const bob = (
      await computeDigest(ctx, {
        tenantId,
        at: AT,
        tz: 'Europe/Paris',
        metrics: [],
        teamId: null,
        recipient: { kind: 'rep', repId: fx.reps.bob.id },
      })
    ).view!;
    expect(bob.alerts.lines.map((l) => l.split(' (')[0])).toEqual([
      'Bob revenue — Bob Durand',
      'Paris win rate — Paris',
    ]);
  });
});

describe('per-rep DMs on PGlite: a team of 50 reps gets 50 correct DMs', () => {
  let t: TestDatabase;
  let ctx: AppContext;
  const tenantId = `digest-dm-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    t = await createTestDatabase('pglite');
    ctx = testContext(t.db);
    const p = t.db.prisma;
    await p.tenant.create({ data: { id: tenantId, name: 'Fifty', tz: 'Europe/Paris', lang: 'en' } });
    const team = await p.team.create({ data: { tenantId, name: 'Field' } });
    const other = await p.team.create({ data: { tenantId, name: 'Other' } });
    const reps = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        p.rep.create({
          data: {
            tenantId,
            name: `Rep ${String(i).padStart(2, '0')}`,
            email: `r${i}@fifty.test`,
            teamId: team.id,
            slackUserId: `U${String(i).padStart(4, '0')}`,
          },
        }),
      ),
    );
    const outsider = await p.rep.create({
      data: { tenantId, name: 'Outsider', email: 'o@fifty.test', teamId: other.id, slackUserId: 'UOUT' },
    });
    // Rep i won (i + 1) × 100 on Tuesday 10 Nov, and 100 the week before; the outsider 9,999 (not in the team).
    const deals = [...reps, outsider].flatMap((r, i) => [
      {
        tenantId,
        source: 'fx',
        externalId: `w${i}`,
        ownerRepId: r.id,
        teamId: r.teamId,
        status: 'won' as const,
        amount: r === outsider ? 9999 : (i + 1) * 100,
        currency: 'EUR',
        createdAt: new Date('2026-10-01T10:00:00Z'),
        closedAt: new Date('2026-11-10T10:00:00Z'),
      },
      {
        tenantId,
        source: 'fx',
        externalId: `p${i}`,
        ownerRepId: r.id,
        teamId: r.teamId,
        status: 'won' as const,
        amount: 100,
        currency: 'EUR',
        createdAt: new Date('2026-10-01T10:00:00Z'),
        closedAt: new Date('2026-11-03T10:00:00Z'),
      },
    ]);
    await p.deal.createMany({ data: deals });
    await markDirtyDays(
      p,
      tenantId,
      'Europe/Paris',
      deals.flatMap((d) => [d.createdAt, d.closedAt]),
    );
    await recomputeRollups(t.db, tenantId);
    await subscribe(p, {
      tenantId,
      platform: 'slack',
      target: 'C-FIELD',
      isUser: false,
      tz: 'Europe/Paris',
      scope: { teamId: team.id, teamName: 'Field', dmReps: true },
      metrics: ['revenue_signed', 'deals_won'],
    });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('one DM per rep with their own figures and their team aggregate, plus the channel message; a rerun adds none', async () => {
    const sub = (await ctx.db.prisma.digestSubscription.findFirst({ where: { tenantId } }))!;
    const summary = await runDigest(ctx, tenantId, sub.id, { at: AT });
    expect(summary.message).toBe('enqueued');
    expect(summary.dms).toEqual({ enqueued: 50, alreadyQueued: 0, noData: 0, unreachable: 0 });
    const dms = await ctx.db.prisma.delivery.findMany({
      where: { tenantId, kind: 'digest_dm' },
      orderBy: { target: 'asc' },
    });
    expect(dms).toHaveLength(50);
    expect(new Set(dms.map((d) => d.target)).size).toBe(50);
    expect(dms.every((d) => d.target.startsWith('U0'))).toBe(true);
    const rep7 = await ctx.db.prisma.rep.findFirstOrThrow({ where: { tenantId, name: 'Rep 07' } });
    const dm = dms.find((d) => d.target === 'U0007')!;
    expect(dm.idempotencyKey).toBe(`digest:${sub.id}:2026-11-08T23:00:00.000Z:${rep7.id}`);
    const view = dm.payload as unknown as DigestView;
    expect(view.title).toBe('Your week — Rep 07');
    expect(view.kpis[0]).toMatchObject({ value: 800, previous: 100, teamText: 'Team Field: €127,500' });
    expect(view.kpis[1]).toMatchObject({ value: 1, previous: 1 });
    expect(view.leaderboard).toBeNull();
    expect(JSON.stringify(view)).not.toContain('Rep 08');

    const again = await runDigest(ctx, tenantId, sub.id, { at: AT });
    expect(again.message).toBe('already_queued');
    expect(again.dms).toMatchObject({ enqueued: 0, alreadyQueued: 50 });
    expect(await ctx.db.prisma.delivery.count({ where: { tenantId } })).toBe(51);
  });
});
