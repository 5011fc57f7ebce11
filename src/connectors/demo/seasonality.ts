import type { DemoCalendar } from './calendar.ts';

/** Relative business activity by ISO weekday (index 1 = Monday): busy mid-week, near-silent weekends. */
const WEEKDAY_FACTOR = [0, 1.05, 1.15, 1.1, 1.05, 0.85, 0.12, 0.08];

/** Web forms and site visits keep coming on weekends, only fewer. */
const WEB_WEEKDAY_FACTOR = [0, 1.1, 1.1, 1.05, 1, 0.9, 0.45, 0.4];

/** By month (index 1 = January): the French August shutdown, the Christmas lull, the September rentrée. */
const MONTH_FACTOR = [0, 1.05, 1.05, 1.1, 1, 0.95, 0.95, 0.8, 0.4, 1.15, 1.1, 1.05, 0.75];

const MONTH_FACTOR_MEAN = MONTH_FACTOR.slice(1).reduce((a, b) => a + b, 0) / 12;

/** +30 % over the history: the company grows, so recent months are not a copy of old ones. */
function growth(calendar: DemoCalendar, index: number): number {
  return 0.85 + (0.3 * index) / Math.max(1, calendar.todayIndex);
}

/** Expected sales activity of a day relative to an average working day. */
export function businessVolume(calendar: DemoCalendar, index: number): number {
  const day = calendar.days[index];
  if (!day) return 0;
  return WEEKDAY_FACTOR[day.weekday]! * MONTH_FACTOR[day.monthNumber]! * growth(calendar, index);
}

/** Same for web traffic and web forms. */
export function webVolume(calendar: DemoCalendar, index: number): number {
  const day = calendar.days[index];
  if (!day) return 0;
  return WEB_WEEKDAY_FACTOR[day.weekday]! * MONTH_FACTOR[day.monthNumber]! * growth(calendar, index);
}

/** A month's weight in the yearly plan, averaging 1 (objectives follow the same seasons as the business). */
export function monthPlanFactor(monthNumber: number): number {
  return MONTH_FACTOR[monthNumber]! / MONTH_FACTOR_MEAN;
}
