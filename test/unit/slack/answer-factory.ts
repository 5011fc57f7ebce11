import type { AnswerPeriod, BreakdownRow, KpiAnswer } from '../../../src/core/answer.ts';

/** KpiAnswer is a plain type: tests build answers by hand, as answerQuery would return them. */
export function makeAnswer(over: Partial<KpiAnswer> = {}): KpiAnswer {
  return {
    metric: { name: 'win_rate', label: 'Win rate', format: 'percent', direction: 'up_is_good' },
    period: LAST_WEEK,
    scope: { team: null, rep: null, channel: null },
    value: 0.4213,
    numerator: 59,
    denominator: 140,
    comparison: {
      label: 'previous week',
      period: WEEK_BEFORE,
      value: 0.39,
      delta: 0.0313,
      change: 0.0803,
    },
    target: null,
    breakdown: [],
    breakdownTotal: 0,
    breakdownBy: null,
    definition: 'Deals won ÷ deals closed (won + lost), by close date',
    warnings: [],
    lang: 'en',
    ...over,
  };
}

export const LAST_WEEK: AnswerPeriod = {
  start: '2026-11-09T00:00:00+01:00',
  end: '2026-11-16T00:00:00+01:00',
  label: 'last week',
  tz: 'Europe/Paris',
};

const WEEK_BEFORE: AnswerPeriod = {
  start: '2026-11-02T00:00:00+01:00',
  end: '2026-11-09T00:00:00+01:00',
  label: 'previous week',
  tz: 'Europe/Paris',
};

export function row(
  label: string,
  value: number | null,
  numerator: number | null = null,
  denominator: number | null = null,
): BreakdownRow {
  return { key: `k:${label}`, label, value, numerator, denominator };
}

/** Win rate by rep last week, against a target, with the pace of a to-date period. */
export const winRateByRep = makeAnswer({
  target: { value: 0.45, attainment: 0.936, pace: { expected: 0.45, elapsedShare: 1, attainment: 0.936 } },
  breakdown: [
    row('Alice Martin', 0.5, 10, 20),
    row('Zoé Lefèvre', 0.4286, 3, 7),
    row('Bob <Durand> & Fils', 0.25, 2, 8),
  ],
  breakdownTotal: 3,
  breakdownBy: 'rep',
});

/** Revenue signed this month in French: currency, a month-to-date range, a target behind its pace. */
export const frenchRevenue = makeAnswer({
  metric: {
    name: 'revenue_signed',
    label: 'CA signé',
    format: 'currency',
    direction: 'up_is_good',
    currency: 'EUR',
  },
  period: {
    start: '2026-11-01T00:00:00+01:00',
    end: '2026-11-18T14:30:00+01:00',
    label: 'ce mois-ci',
    tz: 'Europe/Paris',
  },
  scope: { team: 'Paris', rep: null, channel: null },
  value: 123456.78,
  numerator: null,
  denominator: null,
  comparison: {
    label: 'mois précédent à date',
    period: {
      start: '2026-10-01T00:00:00+02:00',
      end: '2026-10-18T14:30:00+02:00',
      label: 'mois précédent à date',
      tz: 'Europe/Paris',
    },
    value: 140000,
    delta: -16543.22,
    change: -0.1182,
  },
  target: {
    value: 250000,
    attainment: 0.4938,
    pace: { expected: 141666.67, elapsedShare: 0.5667, attainment: 0.8715 },
  },
  breakdown: [row('Alice Martin', 80000), row('Marc Petit', 43456.78)],
  breakdownTotal: 2,
  breakdownBy: 'rep',
  definition: 'Montant des affaires gagnées, par date de signature',
  lang: 'fr',
});

/** Nothing happened: no figure, no comparison figure, a warning. */
export const emptyAnswer = makeAnswer({
  value: null,
  numerator: 0,
  denominator: 0,
  comparison: { label: 'previous week', period: WEEK_BEFORE, value: null, delta: null, change: null },
  warnings: ['No closed deals in this period: the win rate is undefined.'],
});

/** Leads by month this year: a time series. */
export const monthlySeries = makeAnswer({
  metric: { name: 'leads', label: 'Leads', format: 'number', direction: 'up_is_good' },
  period: {
    start: '2026-01-01T00:00:00+01:00',
    end: '2027-01-01T00:00:00+01:00',
    label: '2026',
    tz: 'Europe/Paris',
  },
  value: 1234,
  numerator: null,
  denominator: null,
  comparison: null,
  breakdown: ['Jan 2026', 'Feb 2026', 'Mar 2026', 'Apr 2026'].map((m, i) => row(m, 100 + i * 7)),
  breakdownTotal: 4,
  breakdownBy: 'month',
  definition: 'Leads created, by creation date',
});

/** Conversion by funnel stage: each step's rate with its parts. */
export const funnelByStage = makeAnswer({
  metric: {
    name: 'conversion_rate',
    label: 'Lead → customer conversion',
    format: 'percent',
    direction: 'up_is_good',
  },
  value: 0.082,
  numerator: 41,
  denominator: 500,
  breakdown: [
    row('Lead → qualified', 0.6, 300, 500),
    row('Qualified → meeting', 0.4, 120, 300),
    row('Meeting → proposal', 0.5, 60, 120),
    row('Proposal → won', 0.6833, 41, 60),
  ],
  breakdownTotal: 4,
  breakdownBy: 'stage',
  definition: 'Converted in period ÷ qualified in period',
});
