import { DateTime, type DurationLikeObject, IANAZone } from 'luxon';
import type { CalendarUnit, LocalDate, PeriodContext } from './types.ts';

/** The context with its defaults applied and `now` placed in the zone; every computation starts from here. */
export interface Calendar {
  tz: string;
  now: DateTime;
  weekStart: number;
  fiscalYearStart: number;
}

export function calendarOf(ctx: PeriodContext): Calendar {
  // IANAZone.create caches the zone and its validity; isValidZone builds an Intl.DateTimeFormat on every call.
  if (!IANAZone.create(ctx.tz).isValid) throw new RangeError(`Unknown IANA time zone: ${ctx.tz}`);
  const weekStart = ctx.weekStart ?? 1;
  const fiscalYearStart = ctx.fiscalYearStart ?? 1;
  if (!Number.isInteger(weekStart) || weekStart < 1 || weekStart > 7) {
    throw new RangeError(`weekStart must be an ISO weekday 1..7, got ${weekStart}`);
  }
  if (!Number.isInteger(fiscalYearStart) || fiscalYearStart < 1 || fiscalYearStart > 12) {
    throw new RangeError(`fiscalYearStart must be a month 1..12, got ${fiscalYearStart}`);
  }
  return { tz: ctx.tz, now: DateTime.fromJSDate(ctx.now, { zone: ctx.tz }), weekStart, fiscalYearStart };
}

/** Local midnight of a calendar date; Luxon moves a midnight that DST skips to the first valid instant. */
export function localMidnight(date: LocalDate, tz: string): DateTime {
  return DateTime.fromISO(date, { zone: tz }).startOf('day');
}

export function toLocalDate(dt: DateTime): LocalDate {
  return dt.toFormat('yyyy-MM-dd');
}

export function isValidLocalDate(year: number, month: number, day: number): boolean {
  return DateTime.fromObject({ year, month, day }, { zone: 'UTC' }).isValid;
}

export function localDateOf(year: number, month: number, day: number): LocalDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Months from the fiscal year start to a calendar month, 0..11. */
function fiscalMonthIndex(month: number, fiscalYearStart: number): number {
  return (month - fiscalYearStart + 12) % 12;
}

/** The fiscal year (named after the calendar year it starts in) containing a local date. */
export function fiscalYearOf(dt: DateTime, fiscalYearStart: number): number {
  return dt.month >= fiscalYearStart ? dt.year : dt.year - 1;
}

export function fiscalYearStartDate(fiscalYear: number, fiscalYearStart: number, tz: string): DateTime {
  return DateTime.fromObject({ year: fiscalYear, month: fiscalYearStart, day: 1 }, { zone: tz });
}

/** Length of one unit as a Luxon duration object (quarters and halves are counted in months). */
export function unitDuration(unit: CalendarUnit, count = 1): DurationLikeObject {
  switch (unit) {
    case 'day':
      return { days: count };
    case 'week':
      return { weeks: count };
    case 'month':
      return { months: count };
    case 'quarter':
      return { months: 3 * count };
    case 'half':
      return { months: 6 * count };
    case 'year':
      return { years: count };
  }
}

/** Start of the calendar unit containing `dt`, honouring the week start and the fiscal year. */
export function startOfUnit(
  dt: DateTime,
  unit: CalendarUnit,
  cal: Pick<Calendar, 'weekStart' | 'fiscalYearStart'>,
) {
  const day = dt.startOf('day');
  switch (unit) {
    case 'day':
      return day;
    case 'week':
      return day.minus({ days: (day.weekday - cal.weekStart + 7) % 7 }).startOf('day');
    case 'month':
      return day.startOf('month');
    case 'quarter':
    case 'half':
    case 'year': {
      const span = unit === 'quarter' ? 3 : unit === 'half' ? 6 : 12;
      const index = fiscalMonthIndex(day.month, cal.fiscalYearStart);
      const fiscalStart = day.startOf('month').minus({ months: index });
      return fiscalStart.plus({ months: Math.floor(index / span) * span }).startOf('day');
    }
  }
}
