import { DateTime } from 'luxon';
import { type Calendar, fiscalYearStartDate, localMidnight, startOfUnit, unitDuration } from './calendar.ts';
import type { CalendarUnit, Grain, Period, PeriodKey } from './types.ts';

function period(
  cal: Calendar,
  start: DateTime,
  end: DateTime,
  grain: Grain,
  toDate: boolean,
  key: PeriodKey,
) {
  return { start: start.toJSDate(), end: end.toJSDate(), tz: cal.tz, grain, toDate, key } satisfies Period;
}

function fiscalUnit(cal: Calendar, key: PeriodKey & { kind: 'quarter' | 'half' | 'year' }) {
  const yearStart = fiscalYearStartDate(key.year, key.fiscalYearStart, cal.tz);
  if (key.kind === 'year') return { start: yearStart, end: yearStart.plus({ years: 1 }) };
  const months = key.kind === 'quarter' ? 3 : 6;
  const index = key.kind === 'quarter' ? key.q : key.h;
  const start = yearStart.plus({ months: months * (index - 1) });
  return { start, end: start.plus({ months }) };
}

/** Builds the instants of a key in the calendar's zone; null when the key makes no sense at `now` (a future "since"). */
export function periodFromKey(key: PeriodKey, cal: Calendar): Period | null {
  switch (key.kind) {
    case 'toDate': {
      const start = startOfUnit(cal.now, key.unit, cal);
      return period(cal, start, cal.now, key.unit, true, key);
    }
    case 'relative': {
      const start = startOfUnit(cal.now, key.unit, cal).plus(unitDuration(key.unit, key.offset));
      return period(cal, start, start.plus(unitDuration(key.unit)), key.unit, false, key);
    }
    case 'lastN': {
      const end = startOfUnit(cal.now, key.unit, cal);
      return period(cal, end.minus(unitDuration(key.unit, key.n)), end, 'custom', false, key);
    }
    case 'day': {
      const start = localMidnight(key.date, cal.tz);
      return period(cal, start, start.plus({ days: 1 }), 'day', false, key);
    }
    case 'week': {
      const start = localMidnight(key.start, cal.tz);
      return period(cal, start, start.plus({ weeks: 1 }), 'week', false, key);
    }
    case 'month': {
      const start = DateTime.fromObject({ year: key.year, month: key.month, day: 1 }, { zone: cal.tz });
      return period(cal, start, start.plus({ months: 1 }), 'month', false, key);
    }
    case 'quarter':
    case 'half':
    case 'year': {
      const { start, end } = fiscalUnit(cal, key);
      return period(cal, start, end, key.kind, false, key);
    }
    case 'since': {
      const start = localMidnight(key.date, cal.tz);
      if (start > cal.now) return null;
      return period(cal, start, cal.now, 'custom', true, key);
    }
    case 'range': {
      const start = localMidnight(key.from, cal.tz);
      const end = localMidnight(key.to, cal.tz).plus({ days: 1 });
      if (end <= start) return null;
      return period(cal, start, end, 'custom', false, key);
    }
    case 'shifted': {
      const source = periodFromKey(key.of, cal);
      return source && shiftPeriod(source, key.relation, cal);
    }
  }
}

/** Wall-clock length of a period: whole local days plus the remaining milliseconds, so DST does not skew it. */
function wallLength(start: DateTime, end: DateTime) {
  return end.diff(start, ['days', 'milliseconds']).toObject();
}

/**
 * The comparison period of a period that has no calendar name of its own (to-date, since, custom instants):
 * "previous" keeps the elapsed length inside the previous unit (this week to Wed 14:00 → last week to Wed 14:00),
 * "last_year" moves both ends back one year (52 weeks for weeks, so weekdays line up).
 */
export function shiftPeriod(p: Period, relation: 'previous' | 'last_year', cal: Calendar): Period {
  const start = DateTime.fromJSDate(p.start, { zone: cal.tz });
  const end = DateTime.fromJSDate(p.end, { zone: cal.tz });
  const key: PeriodKey = { kind: 'shifted', relation, of: p.key };
  if (relation === 'last_year') {
    const back = p.grain === 'week' ? { weeks: 52 } : { years: 1 };
    return period(cal, start.minus(back), end.minus(back), p.grain, false, key);
  }
  const elapsed = wallLength(start, end);
  if (p.grain === 'custom') return period(cal, start.minus(elapsed), start, 'custom', false, key);
  const unit: CalendarUnit = p.grain;
  const previousStart = startOfUnit(start, unit, cal).minus(unitDuration(unit));
  const previousUnitEnd = previousStart.plus(unitDuration(unit));
  const previousEnd = DateTime.min(previousStart.plus(elapsed), previousUnitEnd);
  return period(cal, previousStart, previousEnd, unit, false, key);
}
