export type Grain = 'day' | 'week' | 'month' | 'quarter' | 'half' | 'year' | 'custom';
export type CalendarUnit = Exclude<Grain, 'custom'>;
export type Lang = 'en' | 'fr';

export interface PeriodContext {
  /** The reference instant. */
  now: Date;
  /** IANA zone in which calendar days, weeks, months... are cut, e.g. 'Europe/Paris'. */
  tz: string;
  /** ISO weekday 1..7 on which weeks start; default 1 (Monday). */
  weekStart?: number;
  /** Month 1..12 in which the fiscal year starts; default 1. Quarters, halves and "year" follow it. */
  fiscalYearStart?: number;
}

/** A local calendar date 'YYYY-MM-DD' in the period's zone. */
export type LocalDate = string;

/**
 * What the user asked for, independent of `now`'s instant arithmetic: used to localise labels and to derive
 * comparison periods. Fiscal keys carry the fiscal year start so they stay self-describing; a fiscal year is
 * named after the calendar year in which it starts (fiscal start April: FY2026 = April 2026 – March 2027).
 */
export type PeriodKey =
  /** The current unit from its start to now: today, this week, MTD, YTD... */
  | { kind: 'toDate'; unit: CalendarUnit }
  /** A full unit `offset` units away from the current one: yesterday = day -1, last week = week -1. */
  | { kind: 'relative'; unit: CalendarUnit; offset: number }
  /** The `n` full units before the current one: "last 30 days". */
  | { kind: 'lastN'; unit: CalendarUnit; n: number }
  | { kind: 'day'; date: LocalDate }
  /** The week starting on `start`. */
  | { kind: 'week'; start: LocalDate }
  | { kind: 'month'; year: number; month: number }
  | { kind: 'quarter'; year: number; q: number; fiscalYearStart: number }
  | { kind: 'half'; year: number; h: number; fiscalYearStart: number }
  | { kind: 'year'; year: number; fiscalYearStart: number }
  /** From the start of `date` to now. */
  | { kind: 'since'; date: LocalDate }
  /** Inclusive local dates. */
  | { kind: 'range'; from: LocalDate; to: LocalDate }
  /** A period derived from another one that has no calendar name of its own (e.g. last week up to the same hour). */
  | { kind: 'shifted'; relation: 'previous' | 'last_year'; of: PeriodKey };

export interface Period {
  /** Inclusive start instant. */
  start: Date;
  /** Exclusive end instant. */
  end: Date;
  tz: string;
  /** Calendar grain of the period; 'custom' when it is not one calendar unit ("last 30 days", "since March 1"). */
  grain: Grain;
  /** True when the period runs up to `now` (this week, MTD, today, since...). */
  toDate: boolean;
  key: PeriodKey;
}

export interface PeriodMatch {
  period: Period;
  /** Span of the period phrase in the original text (UTF-16 indices, as String.prototype.slice uses). */
  index: number;
  length: number;
}
