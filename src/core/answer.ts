/**
 * The platform-neutral answer (DESIGN §7). Slack, Teams and the CLI render it; `kpibot ask --json` prints it as is.
 * Instants are ISO 8601 with the zone's offset; percent metrics are fractions (0.42 = 42 %).
 */
export type MetricFormat = 'number' | 'percent' | 'currency' | 'duration_days' | 'duration_hours' | 'score';
export type Direction = 'up_is_good' | 'down_is_good';

export interface AnswerPeriod {
  start: string;
  end: string;
  label: string;
  tz: string;
}

export interface BreakdownRow {
  key: string;
  label: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

export interface KpiAnswer {
  metric: { name: string; label: string; format: MetricFormat; direction: Direction; currency?: string };
  period: AnswerPeriod;
  scope: { team: string | null; rep: string | null; channel: string | null };
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  comparison: {
    label: string;
    period: AnswerPeriod;
    value: number | null;
    /** value − comparison value (for percent metrics: in points, as a fraction). */
    delta: number | null;
    /** Relative change (value / comparison − 1), null when the comparison is 0 or missing. */
    change: number | null;
  } | null;
  target: {
    value: number;
    attainment: number | null;
    /** For to-date periods of additive metrics: where the figure should be by now at an even pace. */
    pace: { expected: number; elapsedShare: number; attainment: number | null } | null;
  } | null;
  breakdown: BreakdownRow[];
  /** A breakdown cut to fit (e.g. 100 reps): the full number of rows. */
  breakdownTotal: number;
  breakdownBy:
    | 'rep'
    | 'team'
    | 'channel'
    | 'stage'
    | 'campaign'
    | 'day'
    | 'week'
    | 'month'
    | 'quarter'
    | null;
  definition: string;
  warnings: string[];
  lang: 'en' | 'fr';
}

/** The trend of a comparison judged by the metric's direction: good, bad or flat. */
export function trend(answer: Pick<KpiAnswer, 'metric' | 'comparison'>): 'good' | 'bad' | 'flat' | null {
  const delta = answer.comparison?.delta;
  if (delta === null || delta === undefined) return null;
  if (Math.abs(delta) < 1e-9) return 'flat';
  const up = delta > 0;
  return up === (answer.metric.direction === 'up_is_good') ? 'good' : 'bad';
}
