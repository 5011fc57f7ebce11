import { DateTime } from 'luxon';
import type { Period } from './types.ts';

/** Share 0..1 of [start, end) elapsed at `now`; pass the full calendar period of a to-date one for pacing. */
export function elapsedShare(p: Period, now: Date): number {
  const length = p.end.getTime() - p.start.getTime();
  if (length <= 0) return 1;
  const share = (now.getTime() - p.start.getTime()) / length;
  return Math.min(1, Math.max(0, share));
}

/** The tenant-local calendar days 'YYYY-MM-DD' the period touches, in order. */
export function localDays(p: Period): string[] {
  if (p.end <= p.start) return [];
  const last = DateTime.fromJSDate(new Date(p.end.getTime() - 1), { zone: p.tz }).startOf('day');
  const days: string[] = [];
  for (
    let day = DateTime.fromJSDate(p.start, { zone: p.tz }).startOf('day');
    day <= last;
    day = day.plus({ days: 1 })
  ) {
    days.push(day.toFormat('yyyy-MM-dd'));
  }
  return days;
}

function isLocalMidnight(d: Date, tz: string) {
  const local = DateTime.fromJSDate(d, { zone: tz });
  return local.equals(local.startOf('day'));
}

/** True when both ends fall on local midnights, i.e. the period is a whole number of local days. */
export function isDayAligned(p: Period): boolean {
  return isLocalMidnight(p.start, p.tz) && isLocalMidnight(p.end, p.tz);
}

/** ISO 8601 with the zone's offset and no milliseconds: '2026-11-09T00:00:00+01:00'. */
export function formatInstant(d: Date, tz: string): string {
  return DateTime.fromJSDate(d, { zone: tz }).toFormat("yyyy-MM-dd'T'HH:mm:ssZZ");
}
