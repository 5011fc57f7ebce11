import type {
  DigestInput,
  DigestMetricInput,
  FigureInput,
  MemberFigure,
} from '../../../src/core/digest/types.ts';

export const fig = (
  value: number | null,
  numerator: number | null = null,
  denominator: number | null = null,
): FigureInput => ({
  value,
  numerator,
  denominator,
});

export function member(key: string, label: string, now: number | null, before: number | null): MemberFigure {
  return { key, label, current: fig(now), previous: fig(before) };
}

export function revenue(over: Partial<DigestMetricInput> = {}): DigestMetricInput {
  return {
    name: 'revenue_signed',
    label: 'Revenue signed',
    definition: 'Amount of deals won in the period, by close date',
    format: 'currency',
    direction: 'up_is_good',
    additive: true,
    current: fig(18_400),
    previous: fig(16_000),
    weekTarget: 20_000,
    pace: { actual: 40_000, target: 60_000, elapsedShare: 0.5, periodLabel: 'November 2026' },
    ...over,
  };
}

export function winRate(over: Partial<DigestMetricInput> = {}): DigestMetricInput {
  return {
    name: 'win_rate',
    label: 'Win rate',
    definition: 'Deals won ÷ deals closed (won + lost), by close date',
    format: 'percent',
    direction: 'up_is_good',
    additive: false,
    current: fig(0.42, 21, 50),
    previous: fig(0.39, 18, 46),
    weekTarget: null,
    pace: null,
    ...over,
  };
}

export function leads(over: Partial<DigestMetricInput> = {}): DigestMetricInput {
  return {
    name: 'leads',
    label: 'Leads',
    definition: 'Leads created in the period',
    format: 'number',
    direction: 'up_is_good',
    additive: true,
    current: fig(120),
    previous: fig(100),
    weekTarget: 150,
    pace: null,
    ...over,
  };
}

export function digestInput(over: Partial<DigestInput> = {}): DigestInput {
  return {
    lang: 'en',
    tz: 'Europe/Paris',
    currency: 'EUR',
    audience: 'channel',
    scopeLabel: 'Team Lyon',
    week: {
      start: '2026-11-09T00:00:00+01:00',
      end: '2026-11-16T00:00:00+01:00',
      firstDay: '2026-11-09',
      lastDay: '2026-11-15',
    },
    metrics: [revenue(), winRate(), leads()],
    moverDimension: 'channel',
    leaderboardAllowed: false,
    alerts: [],
    chart: Array.from({ length: 12 }, (_, i) => ({
      weekStart: `2026-${i < 4 ? '08' : i < 8 ? '09' : '10'}-${String(3 + (i % 4) * 7).padStart(2, '0')}`,
      value: 10_000 + i * 1_000,
      target: 15_000,
    })),
    ...over,
  };
}
