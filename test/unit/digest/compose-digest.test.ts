import { describe, expect, it } from 'vitest';
import { composeDigest, LEADERBOARD_SHOWN } from '../../../src/core/digest/compose-digest.ts';
import { parseDigestArgs, parseTime } from '../../../src/core/digest/digest-args.ts';
import { builtinCatalog } from '../../../src/core/metrics/index.ts';
import { digestInput, fig, leads, member, revenue, winRate } from './digest-fixtures.ts';

describe('composeDigest', () => {
  it('headline KPIs vs objective with pace and vs the previous week', () => {
    const view = composeDigest(digestInput())!;
    const [rev, win, lead] = view.kpis;
    expect(view.title).toBe('Weekly digest — Team Lyon');
    expect(view.subtitle).toBe('Week of 9 Nov 2026 · 9 Nov 2026 → 15 Nov 2026 (Europe/Paris)');
    expect(rev).toMatchObject({
      value: 18_400,
      previous: 16_000,
      delta: 2_400,
      trend: 'good',
      attainment: 0.92,
    });
    expect(rev!.valueText).toBe('€18,400');
    expect(rev!.previousText).toBe('▲ +15% vs previous week (€16,000)');
    expect(rev!.targetText).toBe('92% of the €20,000 objective');
    // 40,000 at half the month vs 60,000: 133% of pace.
    expect(rev!.paceAttainment).toBeCloseTo(40_000 / 30_000);
    expect(rev!.paceText).toBe('November 2026 to date: €40,000, 133% of pace (objective €60,000)');
    expect(win!.previousText).toBe('▲ +3 pts vs previous week (39%)');
    expect(win!.targetText).toBeNull();
    expect(lead!.targetText).toBe('80% of the 150 objective');
    expect(view.definitions[0]).toBe('Revenue signed: Amount of deals won in the period, by close date');
    expect(view.fallback).toBe(
      'Weekly digest — Team Lyon, Week of 9 Nov 2026: Revenue signed €18,400 (▲ +15%)',
    );
  });

  it('nothing to post for a scope with no data that week', () => {
    const empty = digestInput({
      metrics: [
        revenue({ current: fig(0), previous: fig(5_000) }),
        winRate({ current: fig(null, 0, 0) }),
        leads({ current: fig(0) }),
      ],
    });
    expect(composeDigest(empty)).toBeNull();
    // One lead is data: the digest is posted.
    const one = digestInput({ metrics: [revenue({ current: fig(0) }), leads({ current: fig(1) })] });
    expect(composeDigest(one)).not.toBeNull();
  });

  it('a team with no objective: figures and comparisons, no objective or pace lines, a chart without target', () => {
    const input = digestInput({
      metrics: [revenue({ weekTarget: null, pace: null }), leads({ weekTarget: null })],
      chart: digestInput().chart.map((p) => ({ ...p, target: null })),
    });
    const view = composeDigest(input)!;
    expect(view.kpis.map((k) => [k.targetText, k.paceText, k.attainment])).toEqual([
      [null, null, null],
      [null, null, null],
    ]);
    expect(view.kpis[0]!.previousText).toMatch(/vs previous week/);
    expect(view.chart!.points.every((p) => p.target === null)).toBe(true);
    expect(view.chart!.alt).toMatch(/no objective over the period\.$/);
  });

  it('leaderboard only where rep figures may be shown; a note says why it is missing', () => {
    const reps = Array.from({ length: 8 }, (_, i) =>
      member(`r${i}`, `Rep ${i}`, 1_000 * (i + 1), 1_000 * (8 - i)),
    );
    const hidden = composeDigest(
      digestInput({
        metrics: [revenue({ members: reps })],
        moverDimension: 'team',
        leaderboardAllowed: false,
      }),
    )!;
    expect(hidden.leaderboard).toBeNull();
    expect(hidden.leaderboardNote).toMatch(/does not show rep figures/);
    const shown = composeDigest(
      digestInput({ metrics: [revenue({ members: reps })], moverDimension: 'rep', leaderboardAllowed: true }),
    )!;
    expect(shown.leaderboardNote).toBeNull();
    expect(shown.leaderboard!.lines).toHaveLength(LEADERBOARD_SHOWN);
    expect(shown.leaderboard!.lines[0]).toBe('1. Rep 7 — €8,000');
    expect(shown.leaderboard!.more).toBe(3);
    // A rep's own digest never ranks colleagues.
    const dm = composeDigest(
      digestInput({
        audience: 'rep',
        metrics: [revenue({ members: reps })],
        moverDimension: 'rep',
        leaderboardAllowed: true,
      }),
    )!;
    expect(dm.leaderboard).toBeNull();
    expect(dm.leaderboardNote).toBeNull();
  });

  it('top movers up and down, biggest first; rates need volume in both weeks', () => {
    const members = [
      member('web', 'Website', 9_000, 2_000),
      member('email', 'Emailing', 1_000, 6_000),
      member('event', 'Events', 3_000, 2_500),
      member('ads', 'Ads', 0, 0),
      member('partners', 'Partners', null, 1_500),
    ];
    const view = composeDigest(digestInput({ metrics: [revenue({ members })], moverDimension: 'channel' }))!;
    expect(view.movers!.title).toBe('Top movers — Revenue signed, by channel');
    expect(view.movers!.up.map((m) => m.text)).toEqual([
      'Website ▲ +€7,000 (€9,000)',
      'Events ▲ +€500 (€3,000)',
    ]);
    expect(view.movers!.down.map((m) => m.text)).toEqual([
      'Emailing ▼ −€5,000 (€1,000)',
      'Partners ▼ −€1,500 (€0)',
    ]);

    const rates = [
      { key: 'a', label: 'A', current: fig(0.5, 10, 20), previous: fig(0.25, 5, 20) },
      { key: 'b', label: 'B', current: fig(1, 1, 1), previous: fig(0, 0, 1) },
    ];
    const rateView = composeDigest(digestInput({ metrics: [winRate({ members: rates })] }))!;
    expect(rateView.movers!.up.map((m) => m.label)).toEqual(['A']);
    expect(rateView.movers!.up[0]!.text).toBe('A ▲ +25 pts (50%)');
  });

  it('open alerts, oldest first, or a line saying there is none', () => {
    const alerts = [
      {
        id: 'b',
        ruleName: 'Win rate drop',
        metricLabel: 'Win rate',
        scopeLabel: 'Team Lyon',
        firingSince: '2026-11-14T09:00:00Z',
        lastValue: 0.21,
        format: 'percent' as const,
      },
      {
        id: 'a',
        ruleName: 'Pipeline low',
        metricLabel: 'Pipeline',
        scopeLabel: null,
        firingSince: '2026-11-12T16:30:00Z',
        lastValue: null,
        format: 'currency' as const,
      },
    ];
    const view = composeDigest(digestInput({ alerts }))!;
    expect(view.alerts.title).toBe('Open alerts (2)');
    expect(view.alerts.lines).toEqual([
      'Pipeline low (Pipeline) · since 12 Nov 17:30',
      'Win rate drop — Team Lyon (Win rate · 21%) · since 14 Nov 10:00',
    ]);
    expect(composeDigest(digestInput())!.alerts.lines).toEqual(['No open alert.']);
  });

  it('French: words, number formats and typography', () => {
    const view = composeDigest(
      digestInput({
        lang: 'fr',
        scopeLabel: 'Équipe Lyon',
        metrics: [
          revenue({
            label: 'CA signé',
            definition: 'Montant des affaires gagnées',
            pace: { actual: 40_000, target: 60_000, elapsedShare: 0.5, periodLabel: 'novembre 2026' },
          }),
          winRate({ label: 'Taux de gain' }),
        ],
      }),
    )!;
    const nb = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');
    expect(view.title).toBe('Résumé de la semaine — Équipe Lyon');
    expect(nb(view.kpis[0]!.valueText)).toBe('18 400 €');
    expect(nb(view.kpis[0]!.previousText)).toBe('▲ +15 % vs semaine précédente (16 000 €)');
    expect(nb(view.kpis[0]!.targetText!)).toBe('92 % de l’objectif de 20 000 €');
    expect(nb(view.kpis[0]!.paceText!)).toBe(
      'novembre 2026 à date : 40 000 €, 133 % du rythme (objectif 60 000 €)',
    );
    expect(nb(view.kpis[1]!.previousText)).toBe('▲ +3 pts vs semaine précédente (39 %)');
    expect(view.definitions[0]).toBe('CA signé : Montant des affaires gagnées');
    expect(view.chart!.alt).toMatch(/^CA signé par semaine sur les 12 dernières semaines/);
  });

  it('a rep digest shows their team aggregate beside their figures', () => {
    const view = composeDigest(
      digestInput({
        audience: 'rep',
        scopeLabel: 'Alice Martin',
        metrics: [revenue({ team: { label: 'Team Lyon', value: 52_000 } })],
      }),
    )!;
    expect(view.title).toBe('Your week — Alice Martin');
    expect(view.kpis[0]!.teamText).toBe('Team Lyon: €52,000');
  });

  it('the chart spec has the 12 weeks, legend and an alt text with the facts', () => {
    const view = composeDigest(digestInput())!;
    expect(view.chart!.points).toHaveLength(12);
    expect(view.chart!.title).toBe('Revenue signed by week vs objective');
    expect(view.chart!.alt).toBe(
      'Revenue signed by week over the last 12 weeks (3 Aug to 24 Oct): latest €21,000 (objective €15,000); ' +
        'highest €21,000 (week of 24 Oct), lowest €10,000 (week of 3 Aug); objective met 7 of 12 weeks.',
    );
  });
});

describe('parseDigestArgs', () => {
  const catalog = builtinCatalog();
  it.each([
    ['subscribe', { action: 'subscribe', cron: null, team: null, metrics: [], dmReps: false, tz: null }],
    ['subscribe monday 8:30', { action: 'subscribe', cron: '30 8 * * 1' }],
    ['subscribe friday 17h team:lyon', { action: 'subscribe', cron: '0 17 * * 5', team: 'lyon' }],
    [
      'abonner lundi 9h30 équipe:"Nord Est" CA signé, rendez-vous',
      { action: 'subscribe', cron: '30 9 * * 1', team: 'Nord Est', metrics: ['revenue_signed', 'meetings'] },
    ],
    ['subscribe every day 7am dm reps', { action: 'subscribe', cron: '0 7 * * *', dmReps: true }],
    [
      'subscribe weekdays 9:00 tz:America/New_York',
      { action: 'subscribe', cron: '0 9 * * 1-5', tz: 'America/New_York' },
    ],
    [
      'subscribe cron 15 8 * * 2 win rate leads',
      { action: 'subscribe', cron: '15 8 * * 2', metrics: ['win_rate', 'leads'] },
    ],
    ['list', { action: 'list' }],
    ['liste', { action: 'list' }],
    ['unsubscribe', { action: 'unsubscribe' }],
    ['désabonner', { action: 'unsubscribe' }],
    ['preview team:lyon', { action: 'preview', team: 'lyon', metrics: [] }],
    ['aperçu', { action: 'preview', team: null, metrics: [] }],
    ['', { action: 'help' }],
  ])('%s', (text, expected) => {
    expect(parseDigestArgs(text, catalog, 'en')).toMatchObject(expected);
  });

  it('an unknown word is named, in the user language', () => {
    const en = parseDigestArgs('subscribe monday revenue blorb', catalog, 'en');
    expect(en).toEqual({ action: 'error', message: expect.stringContaining('“blorb”') });
    const fr = parseDigestArgs('abonner lundi blorb', catalog, 'fr');
    expect(fr).toEqual({ action: 'error', message: expect.stringContaining('« blorb »') });
    expect(parseDigestArgs('frobnicate', catalog, 'en')).toMatchObject({ action: 'error' });
    expect(parseDigestArgs('list everything', catalog, 'en')).toMatchObject({ action: 'error' });
  });

  it('reads times', () => {
    expect(parseTime('8:30')).toEqual({ h: 8, m: 30 });
    expect(parseTime('08h30')).toEqual({ h: 8, m: 30 });
    expect(parseTime('9h')).toEqual({ h: 9, m: 0 });
    expect(parseTime('6.30pm')).toEqual({ h: 18, m: 30 });
    expect(parseTime('12am')).toEqual({ h: 0, m: 0 });
    expect(parseTime('25:00')).toBeNull();
    expect(parseTime('8')).toBeNull();
  });
});
