/**
 * The Monday digest model (DESIGN §9). The app layer measures (DigestInput: figures already computed with the
 * audience's access); composeDigest turns them into a DigestView: the platform-neutral, JSON-safe content that the
 * delivery outbox stores and the Slack and Teams renderers draw. Pure data: no I/O, no platform types.
 */
import type { Direction, MetricFormat } from '../answer.ts';

export type Lang = 'en' | 'fr';

/** Who reads it: a channel (aggregates; rep figures only where the channel may see them) or one rep by DM. */
export type DigestAudience = 'channel' | 'rep';

/** The dimension movers and the leaderboard are ranked over. */
export type MoverDimension = 'rep' | 'team' | 'channel';

/** One headline KPI as measured by the app for the digest's scope. */
export interface DigestMetricInput {
  name: string;
  /** In the digest's language. */
  label: string;
  definition: string;
  format: MetricFormat;
  direction: Direction;
  /** Counts and sums (pace applies to them); ratios and averages are levels. */
  additive: boolean;
  current: FigureInput;
  previous: FigureInput;
  /** The objective over the digest's week (prorated from monthly or quarterly objectives); null when none. */
  weekTarget: number | null;
  /**
   * Month to date at the end of the week vs the month's objective at an even pace (additive metrics with a monthly
   * objective only).
   */
  pace: { actual: number | null; target: number; elapsedShare: number; periodLabel: string } | null;
  /** For a rep's DM: the same figure for their team (the aggregate they may see). */
  team?: { label: string; value: number | null } | null | undefined;
  /** Per member of the mover dimension (for movers and the leaderboard), already filtered by access. */
  members?: MemberFigure[] | undefined;
}

export interface FigureInput {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

export interface MemberFigure {
  key: string;
  label: string;
  current: FigureInput;
  previous: FigureInput;
}

/** An open (firing) alert the audience may see. */
export interface DigestAlertInput {
  id: string;
  ruleName: string;
  metricLabel: string;
  scopeLabel: string | null;
  firingSince: string;
  lastValue: number | null;
  format: MetricFormat;
}

export interface ChartPointInput {
  /** Local date of the week's first day, 'YYYY-MM-DD'. */
  weekStart: string;
  value: number | null;
  target: number | null;
}

export interface DigestInput {
  lang: Lang;
  /** The zone the week was cut in (the subscription's). */
  tz: string;
  currency: string;
  audience: DigestAudience;
  /** "Team Lyon", "Acme" (the tenant), or the rep's name for a DM. */
  scopeLabel: string;
  /** The week: half-open ISO instants with offset, and its local dates. */
  week: { start: string; end: string; firstDay: string; lastDay: string };
  metrics: DigestMetricInput[];
  /** The dimension of the members given with each metric (null: none given). */
  moverDimension: MoverDimension | null;
  /** False when the audience may not see rep-level figures: no leaderboard, and a note says why. */
  leaderboardAllowed: boolean;
  alerts: DigestAlertInput[];
  /** The last 12 complete weeks of the headline (first) metric, oldest first; empty for no chart. */
  chart: ChartPointInput[];
}

/** One KPI line, numbers kept for tests and formatted text for the renderers. */
export interface DigestKpi {
  name: string;
  label: string;
  format: MetricFormat;
  direction: Direction;
  value: number | null;
  previous: number | null;
  /** value − previous (points as a fraction for percents). */
  delta: number | null;
  trend: 'good' | 'bad' | 'flat' | null;
  attainment: number | null;
  paceAttainment: number | null;
  /** "€18,400" */
  valueText: string;
  /** "▲ +12.5% vs previous week (€16,350)" */
  previousText: string;
  /** "92% of the €20,000 objective"; null without an objective. */
  targetText: string | null;
  /** "November to date: 64% of the objective, 104% of the pace"; null when pace does not apply. */
  paceText: string | null;
  /** DM only: "Team Lyon: €52,000". */
  teamText: string | null;
}

export interface DigestMover {
  key: string;
  label: string;
  value: number | null;
  previous: number | null;
  delta: number;
  /** "Alice Martin ▲ +€4,200 (€9,800)" */
  text: string;
}

export interface ChartSpec {
  lang: Lang;
  title: string;
  /** Always present: what the chart shows, in words (screen readers, clients without images). */
  alt: string;
  format: MetricFormat;
  currency: string;
  direction: Direction;
  points: Array<{ label: string; value: number | null; target: number | null }>;
  legend: { actual: string; target: string };
}

export interface DigestView {
  version: 1;
  lang: Lang;
  audience: DigestAudience;
  /** "Weekly digest — Team Lyon" */
  title: string;
  /** "Week of 9 Nov 2026 · 9 Nov 2026 → 15 Nov 2026 (Europe/Paris)" */
  subtitle: string;
  period: { start: string; end: string; tz: string };
  kpis: DigestKpi[];
  movers: { title: string; up: DigestMover[]; down: DigestMover[] } | null;
  leaderboard: { title: string; lines: string[]; more: number } | null;
  /** Why the leaderboard is not shown (a channel without rep detail). */
  leaderboardNote: string | null;
  alerts: { title: string; lines: string[] };
  /** "Revenue signed: deals won in the period, by close date" — one per KPI. */
  definitions: string[];
  chart: ChartSpec | null;
  /** The notification text: one line with the headline figure. */
  fallback: string;
}
