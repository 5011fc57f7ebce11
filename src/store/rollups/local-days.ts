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
  const day = floorLocalDay(instant, tz);
  return localMidnight(day, tz).getTime() === instant.getTime() ? day : addDays(day, 1);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The last local day whose midnight is at or before `instant`: its calendar date in the zone. */
export function floorLocalDay(instant: Date, tz: string): LocalDay {
  // One Intl call on a formatter kept per zone (what Luxon computes its offsets with, without the objects).
  let format = dateFormats.get(tz);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      era: 'short',
    });
    dateFormats.set(tz, format);
  }
  let year = 0;
  let month = '';
  let day = '';
  let bc = false;
  for (const part of format.formatToParts(instant)) {
    if (part.type === 'year') year = Number(part.value);
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'day') day = part.value;
    else if (part.type === 'era') bc = part.value === 'BC';
  }
  return `${isoYear(bc ? 1 - year : year)}-${month}-${day}`;
}

function isoYear(year: number): string {
  if (year >= 0 && year <= 9999) return String(year).padStart(4, '0');
  return `${year < 0 ? '-' : '+'}${String(Math.abs(year)).padStart(6, '0')}`;
}

/** Calendar arithmetic on dates alone: no zone is involved. */
export function addDays(day: LocalDay, n: number): LocalDay {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return isoDateOf(Date.UTC(y, m - 1, d + n));
}

function isoDateOf(ms: number): LocalDay {
  const date = new Date(ms);
  return `${isoYear(date.getUTCFullYear())}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
}

export function monthOf(day: LocalDay): LocalDay {
  return `${day.slice(0, 7)}-01`;
}

/** As Luxon: the same day of the month, or the month's last day when it has fewer. */
export function addMonths(day: LocalDay, n: number): LocalDay {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m - 1 + n + 1, 0)).getUTCDate();
  return isoDateOf(Date.UTC(y, m - 1 + n, Math.min(d, last)));
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
