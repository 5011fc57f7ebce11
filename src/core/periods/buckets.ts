import { DateTime } from 'luxon';
import type { Lang } from './types.ts';

export type BucketUnit = 'day' | 'week' | 'month' | 'quarter';

export interface Bucket {
  start: Date;
  end: Date;
  /** Local date of the bucket's calendar start, 'YYYY-MM-DD'. */
  key: string;
  label: string;
}

/**
 * Cuts [start, end) into calendar buckets of the zone (days, weeks starting weekStart, months, fiscal quarters);
 * the first and last buckets are clipped to the range. At most `max` buckets (the most recent ones).
 */
export function calendarBuckets(
  start: Date,
  end: Date,
  opts: {
    unit: BucketUnit;
    tz: string;
    lang: Lang;
    weekStart?: number;
    fiscalYearStart?: number;
    max?: number;
  },
): Bucket[] {
  const { unit, tz, lang } = opts;
  const locale = lang === 'fr' ? 'fr' : 'en-GB';
  const first = unitStart(
    DateTime.fromJSDate(start, { zone: tz }),
    unit,
    opts.weekStart ?? 1,
    opts.fiscalYearStart ?? 1,
  );
  const buckets: Bucket[] = [];
  for (let cursor = first; cursor.toMillis() < end.getTime(); ) {
    const next = cursor.plus(unit === 'quarter' ? { months: 3 } : { [`${unit}s`]: 1 });
    buckets.push({
      start: new Date(Math.max(cursor.toMillis(), start.getTime())),
      end: new Date(Math.min(next.toMillis(), end.getTime())),
      key: cursor.toISODate()!,
      label: bucketLabel(cursor, unit, locale, lang, opts.fiscalYearStart ?? 1),
    });
    cursor = next;
  }
  const max = opts.max ?? 60;
  return buckets.length > max ? buckets.slice(buckets.length - max) : buckets;
}

function unitStart(d: DateTime, unit: BucketUnit, weekStart: number, fiscalYearStart: number): DateTime {
  const day = d.startOf('day');
  if (unit === 'day') return day;
  if (unit === 'week') return day.minus({ days: (day.weekday - weekStart + 7) % 7 });
  const month = day.startOf('month');
  if (unit === 'month') return month;
  const offset = (month.month - fiscalYearStart + 12) % 3;
  return month.minus({ months: offset });
}

function bucketLabel(
  d: DateTime,
  unit: BucketUnit,
  locale: string,
  lang: Lang,
  fiscalYearStart: number,
): string {
  const l = d.setLocale(locale);
  switch (unit) {
    case 'day':
      return l.toFormat('ccc d LLL yyyy');
    case 'week':
      return lang === 'fr' ? `Semaine du ${l.toFormat('d LLL yyyy')}` : `Week of ${l.toFormat('d LLL yyyy')}`;
    case 'month':
      return l.toFormat('LLLL yyyy');
    case 'quarter': {
      const q = Math.floor(((d.month - fiscalYearStart + 12) % 12) / 3) + 1;
      const year = fiscalYearStart === 1 ? d.year : `FY${d.month >= fiscalYearStart ? d.year : d.year - 1}`;
      return `${lang === 'fr' ? 'T' : 'Q'}${q} ${year}`;
    }
  }
}
