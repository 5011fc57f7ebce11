import type { Period, PeriodContext, PeriodMatch } from '../periods/index.ts';

export type Lang = 'en' | 'fr';
export type DimensionBreakdown = 'rep' | 'team' | 'channel' | 'stage' | 'campaign';
/** A time series over the period: one row per day, week, month or quarter. */
export type TimeBreakdown = 'day' | 'week' | 'month' | 'quarter';
export type Breakdown = DimensionBreakdown | TimeBreakdown;
export type Compare = 'previous' | 'last_year' | 'target';

export type RepRef =
  | { kind: 'me' }
  | { kind: 'slack'; userId: string }
  | { kind: 'email'; email: string }
  | { kind: 'name'; name: string };

/**
 * What the parser needs to know about a metric. The catalog in core/metrics has more fields; any structurally
 * compatible object is accepted, so the parser never imports the catalog.
 */
export interface MetricVocabulary {
  name: string;
  label: { en: string; fr: string };
  aliases: { en: readonly string[]; fr: readonly string[] };
}

export interface KpiQuery {
  metric: string;
  /** null = the metric's default period. */
  period: Period | null;
  scope: { rep: RepRef | null; team: string | null; channel: string | null };
  breakdown: Breakdown | null;
  /** Empty = the answer's default comparisons. */
  compare: Compare[];
  lang: Lang;
  text: string;
  /** Words the parser understood none of, although it found the metric; answers may warn about them. */
  ignoredWords: string[];
}

export type CommandName =
  | 'help'
  | 'list'
  | 'targets'
  | 'whoami'
  | 'alerts'
  | 'digest'
  | 'sync'
  | 'map'
  | 'why';

export interface QueryError {
  code: 'unknown_metric' | 'ambiguous_metric' | 'too_long';
  message: string;
  /** Up to 3 metric labels in the query's language, best first. */
  suggestions: string[];
  /** The metric names behind `suggestions`, in the same order (for buttons or follow-ups). */
  candidates: string[];
  example: string;
}

export type ParsedInput =
  | { kind: 'query'; query: KpiQuery }
  | { kind: 'command'; name: CommandName; args: string; lang: Lang }
  | { kind: 'error'; error: QueryError; lang: Lang };

export type PeriodFinder = (text: string, ctx: PeriodContext, lang?: Lang) => PeriodMatch | null;

export interface ParseOptions {
  vocabulary: readonly MetricVocabulary[];
  periodContext: PeriodContext;
  /** The user's locale; decides the language when the text itself does not. */
  lang?: Lang;
  /** Chat user ids or names to drop, e.g. the bot's own id at the start of an app mention. */
  ignoreMentions?: readonly string[];
  /** Replaces the period grammar (tests). */
  findPeriod?: PeriodFinder;
}
