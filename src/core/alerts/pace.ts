import { DateTime } from 'luxon';

const DAY_MS = 86_400_000;

/**
 * The share (0..1) of a period elapsed at `now`, counted in the tenant's local days: each local day weighs 1
 * whatever its length (a 23-hour DST day is a full day), today counts for the part of it gone by. With
 * `workingDays`, only Monday–Friday count (a weekend adds nothing, so Monday morning pace is Friday evening's).
 * A period with no working day falls back to calendar days.
 */
export function elapsedShare(
  range: { start: Date; end: Date },
  now: Date,
  tz: string,
  workingDays: boolean,
): number {
  const start = range.start.getTime();
  const end = range.end.getTime();
  if (!(end > start)) return 1;
  if (now.getTime() <= start) return 0;
  if (now.getTime() >= end) return 1;
  const first = dayNumber(DateTime.fromMillis(start, { zone: tz }));
  const last = dayNumber(DateTime.fromMillis(end - 1, { zone: tz })) + 1;
  const local = DateTime.fromMillis(now.getTime(), { zone: tz });
  const today = dayNumber(local);
  const todayStart = local.startOf('day');
  const tomorrowStart = todayStart.plus({ days: 1 }).startOf('day');
  // A range that starts or ends mid-day (not expected, but possible) counts only its own part of that day.
  const from = Math.max(todayStart.toMillis(), start);
  const to = Math.min(tomorrowStart.toMillis(), end);
  const todayFraction = to > from ? Math.min(1, Math.max(0, (now.getTime() - from) / (to - from))) : 0;
  const useWorking = workingDays && countWorkingDays(first, last) > 0;
  const countDays = (a: number, b: number) => (useWorking ? countWorkingDays(a, b) : Math.max(0, b - a));
  const todayWeight = useWorking && !isWorkingDay(today) ? 0 : 1;
  const elapsed = countDays(first, today) + todayWeight * todayFraction;
  const total = countDays(first, last);
  return Math.min(1, Math.max(0, elapsed / total));
}

/** Days since 1970-01-01 of a local calendar date (zone-free arithmetic once the date is read). */
function dayNumber(dt: DateTime): number {
  return Math.round(Date.UTC(dt.year, dt.month - 1, dt.day) / DAY_MS);
}

/** 1970-01-01 was a Thursday: ISO weekday = (day + 3) mod 7 + 1. */
function isWorkingDay(day: number): boolean {
  const isoWeekday = ((((day + 3) % 7) + 7) % 7) + 1;
  return isoWeekday <= 5;
}

/** Mon–Fri days in [a, b). */
function countWorkingDays(a: number, b: number): number {
  if (b <= a) return 0;
  const weeks = Math.floor((b - a) / 7);
  let count = weeks * 5;
  for (let d = a + weeks * 7; d < b; d += 1) if (isWorkingDay(d)) count += 1;
  return count;
}
