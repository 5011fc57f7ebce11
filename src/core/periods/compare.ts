import { DateTime, type DurationLikeObject } from 'luxon';
import {
  type Calendar,
  calendarOf,
  fiscalYearOf,
  startOfUnit,
  toLocalDate,
  unitDuration,
} from './calendar.ts';
import { periodFromKey, shiftPeriod } from './period-from-key.ts';
import type { Period, PeriodContext, PeriodKey } from './types.ts';

type CalendarKey = PeriodKey & { kind: 'day' | 'week' | 'month' | 'quarter' | 'half' | 'year' };

function localStart(p: Period, cal: Calendar) {
  return DateTime.fromJSDate(p.start, { zone: cal.tz });
}

/** A full relative unit ("last week") as the calendar unit it stands for ("the week of 9 Nov 2026"). */
function calendarKeyOf(p: Period, cal: Calendar): CalendarKey | null {
  const key = p.key;
  if (key.kind !== 'relative') {
    return key.kind === 'day' ||
      key.kind === 'week' ||
      key.kind === 'month' ||
      key.kind === 'quarter' ||
      key.kind === 'half' ||
      key.kind === 'year'
      ? key
      : null;
  }
  const start = localStart(p, cal);
  const fiscal = { fiscalYearStart: cal.fiscalYearStart };
  const fiscalYear = fiscalYearOf(start, cal.fiscalYearStart);
  const monthInYear = (start.month - cal.fiscalYearStart + 12) % 12;
  switch (key.unit) {
    case 'day':
      return { kind: 'day', date: toLocalDate(start) };
    case 'week':
      return { kind: 'week', start: toLocalDate(start) };
    case 'month':
      return { kind: 'month', year: start.year, month: start.month };
    case 'quarter':
      return { kind: 'quarter', year: fiscalYear, q: Math.floor(monthInYear / 3) + 1, ...fiscal };
    case 'half':
      return { kind: 'half', year: fiscalYear, h: Math.floor(monthInYear / 6) + 1, ...fiscal };
    case 'year':
      return { kind: 'year', year: fiscalYear, ...fiscal };
  }
}

function shiftDate(date: string, by: DurationLikeObject, cal: Calendar) {
  return toLocalDate(DateTime.fromISO(date, { zone: cal.tz }).plus(by));
}

function previousCalendarKey(key: CalendarKey, cal: Calendar): PeriodKey {
  switch (key.kind) {
    case 'day':
      return { ...key, date: shiftDate(key.date, { days: -1 }, cal) };
    case 'week':
      return { ...key, start: shiftDate(key.start, { weeks: -1 }, cal) };
    case 'month':
      return key.month === 1 ? { ...key, year: key.year - 1, month: 12 } : { ...key, month: key.month - 1 };
    case 'quarter':
      return key.q === 1 ? { ...key, year: key.year - 1, q: 4 } : { ...key, q: key.q - 1 };
    case 'half':
      return key.h === 1 ? { ...key, year: key.year - 1, h: 2 } : { ...key, h: key.h - 1 };
    case 'year':
      return { ...key, year: key.year - 1 };
  }
}

function lastYearCalendarKey(key: CalendarKey, cal: Calendar): PeriodKey {
  switch (key.kind) {
    case 'day':
      return { ...key, date: shiftDate(key.date, { years: -1 }, cal) };
    case 'week':
      // 52 weeks back keeps the weekdays aligned (a Monday compares with a Monday).
      return { ...key, start: shiftDate(key.start, { weeks: -52 }, cal) };
    default:
      return { ...key, year: key.year - 1 };
  }
}

/** Inclusive local dates of a day-aligned period. */
function inclusiveDates(p: Period, cal: Calendar) {
  const start = localStart(p, cal);
  const end = DateTime.fromJSDate(p.end, { zone: cal.tz }).minus({ days: 1 });
  return {
    from: toLocalDate(start),
    to: toLocalDate(end),
    days: Math.round(end.diff(start, 'days').days) + 1,
  };
}

function build(key: PeriodKey, cal: Calendar, fallback: () => Period): Period {
  return periodFromKey(key, cal) ?? fallback();
}

/**
 * The period a figure is compared with by default: the unit before (last week → the week before), the same
 * elapsed share of the previous unit for a to-date period (this week to Wed 14:00 → last week to Wed 14:00),
 * the same number of days just before for a range. Calendar lengths, not milliseconds: March → February.
 */
export function previousPeriod(p: Period, ctx: PeriodContext): Period {
  const cal = calendarOf(ctx);
  const shifted = () => shiftPeriod(p, 'previous', cal);
  const calendarKey = calendarKeyOf(p, cal);
  if (calendarKey) return build(previousCalendarKey(calendarKey, cal), cal, shifted);
  const key = p.key;
  if (key.kind === 'lastN') {
    const start = localStart(p, cal);
    const from = start.minus(unitDuration(key.unit, key.n));
    const to = start.minus({ days: 1 });
    return build({ kind: 'range', from: toLocalDate(from), to: toLocalDate(to) }, cal, shifted);
  }
  if (key.kind === 'range') {
    const { from, days } = inclusiveDates(p, cal);
    return build(
      { kind: 'range', from: shiftDate(from, { days: -days }, cal), to: shiftDate(from, { days: -1 }, cal) },
      cal,
      shifted,
    );
  }
  return shifted();
}

/** The same period one year earlier: same month/quarter/day (Feb 29 → Feb 28), same weekdays for weeks. */
export function samePeriodLastYear(p: Period, ctx: PeriodContext): Period {
  const cal = calendarOf(ctx);
  const shifted = () => shiftPeriod(p, 'last_year', cal);
  const calendarKey = calendarKeyOf(p, cal);
  if (calendarKey) return build(lastYearCalendarKey(calendarKey, cal), cal, shifted);
  const key = p.key;
  if (key.kind === 'lastN' || key.kind === 'range') {
    const { from, to } = inclusiveDates(p, cal);
    const back = key.kind === 'lastN' && key.unit === 'week' ? { weeks: -52 } : { years: -1 };
    return build(
      { kind: 'range', from: shiftDate(from, back, cal), to: shiftDate(to, back, cal) },
      cal,
      shifted,
    );
  }
  return shifted();
}

/** The whole calendar unit a to-date period belongs to ("this month so far" → the whole month), for pacing. */
export function fullCalendarPeriod(p: Period, ctx: PeriodContext): Period {
  if (p.grain === 'custom') return p;
  const cal = calendarOf(ctx);
  const start = startOfUnit(localStart(p, cal), p.grain, cal);
  const end = start.plus(unitDuration(p.grain));
  const key: PeriodKey = p.key.kind === 'toDate' ? { kind: 'relative', unit: p.grain, offset: 0 } : p.key;
  return { ...p, start: start.toJSDate(), end: end.toJSDate(), toDate: false, key };
}
