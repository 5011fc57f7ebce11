import { DateTime } from 'luxon';

/** A tenant-local calendar day, 'YYYY-MM-DD'. */
export type LocalDay = string;

/** Half-open [from, to) ranges of instants and of local days. */
export interface InstantRange {
  readonly from: Date;
  readonly to: Date;
}
export interface DayRange {
  readonly from: LocalDay;
  readonly to: LocalDay;
}

export class InvalidTimeZoneError extends Error {
  readonly code = 'invalid_time_zone';
}

const validZones = new Set<string>();

export function assertTimeZone(tz: string): void {
  if (validZones.has(tz)) return;
  if (!DateTime.now().setZone(tz).isValid) throw new InvalidTimeZoneError(`Unknown time zone "${tz}"`);
  validZones.add(tz);
}

// Zone arithmetic is the costly part of planning a read (every answer asks for the same few midnights): each
// (zone, day) is computed once per process. Bounded, as a long-running process sees new days forever.
const midnights = new Map<string, number>();
const MAX_MIDNIGHTS = 50_000;

/** The instant a local day starts (DST-safe: a day whose midnight does not exist starts at the gap's end). */
export function localMidnight(day: LocalDay, tz: string): Date {
  const key = `${tz}|${day}`;
  let at = midnights.get(key);
  if (at === undefined) {
    at = DateTime.fromISO(day, { zone: tz }).startOf('day').toMillis();
    if (midnights.size >= MAX_MIDNIGHTS) midnights.clear();
    midnights.set(key, at);
  }
  return new Date(at);
}

/** The first local day whose midnight is at or after `instant`. */
export function ceilLocalDay(instant: Date, tz: string): LocalDay {
  const day = DateTime.fromJSDate(instant, { zone: tz }).toISODate()!;
  return localMidnight(day, tz).getTime() === instant.getTime() ? day : addDays(day, 1);
}

/** The last local day whose midnight is at or before `instant`. */
export function floorLocalDay(instant: Date, tz: string): LocalDay {
  return DateTime.fromJSDate(instant, { zone: tz }).toISODate()!;
}

export function addDays(day: LocalDay, n: number): LocalDay {
  return DateTime.fromISO(day, { zone: 'utc' }).plus({ days: n }).toISODate()!;
}

export function monthOf(day: LocalDay): LocalDay {
  return `${day.slice(0, 7)}-01`;
}

export function addMonths(day: LocalDay, n: number): LocalDay {
  return DateTime.fromISO(day, { zone: 'utc' }).plus({ months: n }).toISODate()!;
}

/** Sorted, merged runs of consecutive days. */
export function dayRuns(days: Iterable<LocalDay>): DayRange[] {
  const sorted = [...new Set(days)].sort();
  const runs: DayRange[] = [];
  for (const day of sorted) {
    const last = runs.at(-1);
    if (last && last.to === day) runs[runs.length - 1] = { from: last.from, to: addDays(day, 1) };
    else runs.push({ from: day, to: addDays(day, 1) });
  }
  return runs;
}

export function instantsOf(range: DayRange, tz: string): InstantRange {
  return { from: localMidnight(range.from, tz), to: localMidnight(range.to, tz) };
}
