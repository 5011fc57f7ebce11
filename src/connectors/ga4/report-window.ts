import { DateTime } from 'luxon';

/**
 * Which days a run reads. GA4 keeps processing a day's data for up to ~72 hours, so every run re-reads the last three
 * days it already synced (rows are upserted by (tenant, day, source): re-reading is safe) and stops at yesterday in
 * the property's zone, the last complete day, which becomes the cursor.
 */

export const SETTLING_DAYS = 3;

/** GA4 dateRange start: the synced cursor minus the settling days, or the backfill on the first run. */
export function reportStartDate(cursor: string | null, backfillDays: number): string {
  if (cursor === null || cursor === '') return `${backfillDays}daysAgo`;
  const last = DateTime.fromISO(cursor, { zone: 'UTC' });
  if (!last.isValid) throw new Error(`GA4: unreadable sync cursor "${cursor}" (expected YYYY-MM-DD)`);
  return last.minus({ days: SETTLING_DAYS - 1 }).toISODate() ?? cursor;
}

/** Yesterday in the property's zone at `now`. */
export function lastCompleteDay(now: Date, zone: string): string {
  const local = DateTime.fromJSDate(now, { zone });
  const day = (local.isValid ? local : DateTime.fromJSDate(now, { zone: 'UTC' }))
    .minus({ days: 1 })
    .toISODate();
  if (day === null) throw new Error(`GA4: cannot compute yesterday from ${now.toISOString()}`);
  return day;
}

/** Cursor for a page that is not the last: days before the page's last day are complete (rows come by date). */
export function cursorWithin(previous: string | null, lastDayOnPage: string): string {
  const before =
    DateTime.fromISO(lastDayOnPage, { zone: 'UTC' }).minus({ days: 1 }).toISODate() ?? lastDayOnPage;
  return previous !== null && previous > before ? previous : before;
}

/** GA4's `date` dimension value "20260302" → "2026-03-02". */
export function isoDay(ga4Date: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(ga4Date);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}
