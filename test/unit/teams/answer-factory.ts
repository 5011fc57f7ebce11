import type { BreakdownRow, KpiAnswer } from '../../../src/core/answer.ts';

/** A KpiAnswer with sensible defaults (win rate, last week, Paris): each test states only what it is about. */
export function kpiAnswer(overrides: Partial<KpiAnswer> = {}): KpiAnswer {
  return {
    metric: { name: 'win_rate', label: 'Win rate', format: 'percent', direction: 'up_is_good' },
    period: {
      start: '2026-11-09T00:00:00+01:00',
      end: '2026-11-16T00:00:00+01:00',
      label: 'last week',
      tz: 'Europe/Paris',
    },
    scope: { team: null, rep: null, channel: null },
    value: 0.4213,
    numerator: 59,
    denominator: 140,
    comparison: null,
    target: null,
    breakdown: [],
    breakdownTotal: 0,
    breakdownBy: null,
    definition: 'Deals won ÷ deals closed (won + lost), by close date',
    warnings: [],
    lang: 'en',
    ...overrides,
  };
}

export function row(
  label: string,
  value: number | null,
  numerator: number | null = null,
  denominator: number | null = null,
): BreakdownRow {
  return { key: `rep:${label}`, label, value, numerator, denominator };
}
