import { DateTime, IANAZone } from 'luxon';

/** One tenant-local calendar day of the demo history. */
export interface DemoDay {
  index: number;
  /** 'YYYY-MM-DD' in the tenant zone. */
  date: string;
  /** 'YYYY-MM'. */
  month: string;
  monthNumber: number;
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  /** Local midnight and the next one, epoch ms (a DST day is 23 or 25 hours long). */
  start: number;
  end: number;
}

/**
 * The days of the demo history in the tenant zone, from `months` before today up to today. Every instant of the
 * demo is built from here, so nothing can land after `now` or on the wrong local day.
 */
export interface DemoCalendar {
  tz: string;
  now: number;
  days: readonly DemoDay[];
  todayIndex: number;
  /** Current local month: its first day's index, bounds, and the elapsed share at `now`. */
  month: { key: string; firstIndex: number; start: number; end: number; elapsedShare: number };
  /** The instant `hours` after local midnight of day `index`; null when that is after `now` or outside history. */
  at(index: number, hours: number): number | null;
  /** ISO weekday of any day index, also past today. */
  weekdayOf(index: number): number;
  isWeekend(index: number): boolean;
  /** The day `count` working days (Mon–Fri) after `index`. */
  addBusinessDays(index: number, count: number): number;
  /** Index of the local day containing an instant of the history (-1 before it). */
  dayIndexOf(instant: number): number;
}

export function buildDemoCalendar(today: Date, tz: string, months: number): DemoCalendar {
  if (!IANAZone.isValidZone(tz)) throw new RangeError(`Unknown IANA time zone: ${tz}`);
  if (Number.isNaN(today.getTime())) throw new RangeError('today is not a valid date');
  if (!Number.isInteger(months) || months < 1)
    throw new RangeError(`months must be a positive integer: ${months}`);
  const nowDt = DateTime.fromJSDate(today, { zone: tz });
  const todayStart = nowDt.startOf('day');
  const days: DemoDay[] = [];
  for (let d = todayStart.minus({ months }); d <= todayStart; d = d.plus({ days: 1 })) {
    days.push({
      index: days.length,
      date: d.toFormat('yyyy-MM-dd'),
      month: d.toFormat('yyyy-MM'),
      monthNumber: d.month,
      weekday: d.weekday,
      start: d.toMillis(),
      end: d.plus({ days: 1 }).startOf('day').toMillis(),
    });
  }
  const todayIndex = days.length - 1;
  const now = today.getTime();
  const firstWeekday = days[0]!.weekday;
  const monthStart = nowDt.startOf('month');
  const monthEnd = monthStart.plus({ months: 1 });
  const monthKey = monthStart.toFormat('yyyy-MM');
  const weekdayOf = (index: number) => ((((firstWeekday - 1 + index) % 7) + 7) % 7) + 1;
  return {
    tz,
    now,
    days,
    todayIndex,
    month: {
      key: monthKey,
      firstIndex: Math.max(
        0,
        days.findIndex((d) => d.month === monthKey),
      ),
      start: monthStart.toMillis(),
      end: monthEnd.toMillis(),
      elapsedShare: (now - monthStart.toMillis()) / (monthEnd.toMillis() - monthStart.toMillis()),
    },
    at(index, hours) {
      const day = days[index];
      if (!day) return null;
      const instant = Math.min(day.start + Math.round(hours * 3_600_000), day.end - 60_000);
      return instant > now ? null : instant;
    },
    weekdayOf,
    isWeekend: (index) => weekdayOf(index) >= 6,
    addBusinessDays(index, count) {
      let i = index;
      let left = count;
      while (left > 0) {
        i++;
        if (weekdayOf(i) < 6) left--;
      }
      return i;
    },
    dayIndexOf(instant) {
      let lo = 0;
      let hi = days.length - 1;
      if (days.length === 0 || instant < days[0]!.start) return -1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (days[mid]!.start <= instant) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    },
  };
}
