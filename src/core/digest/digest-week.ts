import { DateTime } from 'luxon';
import { calendarOf } from '../periods/calendar.ts';
import { periodFromKey } from '../periods/period-from-key.ts';
import type { Period } from '../periods/types.ts';

/**
 * The week a digest run reports: the last complete week before `at` in the subscription's zone, weeks starting on
 * the tenant's weekStart (ISO Monday by default). Keyed by its first local day, so its label reads "week of …"
 * whenever it is shown. A run on Monday 08:30 reports Monday–Sunday just ended; a late run still reports the week
 * before the day it was scheduled for.
 */
export function digestWeek(at: Date, tz: string, weekStart = 1): Period {
  const cal = calendarOf({ now: at, tz, weekStart });
  const last = periodFromKey({ kind: 'relative', unit: 'week', offset: -1 }, cal)!;
  return weekStarting(localDate(last.start, tz), tz, weekStart);
}

/** The week starting on a local date, in a zone. */
export function weekStarting(firstDay: string, tz: string, weekStart = 1): Period {
  const cal = calendarOf({ now: new Date(0), tz, weekStart });
  return periodFromKey({ kind: 'week', start: firstDay }, cal)!;
}

/** The `count` weeks ending with `week`, oldest first (the chart's x axis). */
export function weeksEndingWith(week: Period, count: number, weekStart = 1): Period[] {
  const first = DateTime.fromJSDate(week.start, { zone: week.tz });
  return Array.from({ length: count }, (_, i) =>
    weekStarting(first.minus({ weeks: count - 1 - i }).toISODate()!, week.tz, weekStart),
  );
}

/** The local calendar date of an instant, 'YYYY-MM-DD'. */
export function localDate(d: Date, tz: string): string {
  return DateTime.fromJSDate(d, { zone: tz }).toISODate()!;
}

/** The last local day of a half-open period. */
export function lastLocalDay(p: Period): string {
  return localDate(new Date(p.end.getTime() - 1), p.tz);
}
