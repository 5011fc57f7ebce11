import { DateTime } from 'luxon';
import type { AlertCondition, AlertRange, Lang } from '../../core/alerts/index.ts';
import { calendarOf } from '../../core/periods/calendar.ts';
import {
  formatInstant,
  fullCalendarPeriod,
  type Period,
  type PeriodContext,
  periodLabel,
  previousPeriod,
  samePeriodLastYear,
} from '../../core/periods/index.ts';
import { periodFromKey } from '../../core/periods/period-from-key.ts';
import type { LocalDay } from '../../store/rollups/local-days.ts';

/**
 * The ranges a rule compares at `now`, in the tenant's zone:
 * - threshold, change: the trailing `windowDays` complete local days (ending at today's midnight, so the reads stay
 *   on the daily rollups and a rule judges the same figure all day), and for change the window before it or the
 *   same days a year earlier;
 * - pace: the current calendar period (fiscal quarters and years, the tenant's week start) from its start to now,
 *   and the whole period its objective covers;
 * - anomaly: the last `lookbackDays` complete days, each with the same weekday over the `weeks` weeks before it.
 */
export interface RuleWindows {
  current: Period | null;
  previous: Period | null;
  /** Pace: the whole calendar period of the objective. */
  full: Period | null;
  /**
   * Anomaly: the days judged (oldest first), the span of days from the oldest history day to the end, and the
   * days inside it that are read (each judged day and its same weekdays, sorted): one day in seven of the span
   * when a single day is judged.
   */
  anomaly: {
    judged: LocalDay[];
    span: { from: LocalDay; to: LocalDay };
    weeks: number;
    days: LocalDay[];
  } | null;
}

export function ruleWindows(condition: AlertCondition, pctx: PeriodContext): RuleWindows {
  const cal = calendarOf(pctx);
  const none: RuleWindows = { current: null, previous: null, full: null, anomaly: null };
  switch (condition.kind) {
    case 'threshold':
      return { ...none, current: trailingDays(condition.windowDays, pctx) };
    case 'change': {
      const current = trailingDays(condition.windowDays, pctx);
      const previous =
        condition.versus === 'last_year'
          ? samePeriodLastYear(current, pctx)
          : condition.baselineDays !== undefined
            ? daysBefore(current, condition.baselineDays, pctx)
            : previousPeriod(current, pctx);
      return { ...none, current, previous };
    }
    case 'pace': {
      const current = periodFromKey({ kind: 'toDate', unit: condition.grain }, cal)!;
      return { ...none, current, full: fullCalendarPeriod(current, pctx) };
    }
    case 'anomaly': {
      const today = cal.now.startOf('day');
      const judged: LocalDay[] = [];
      for (let i = condition.lookbackDays; i >= 1; i--) judged.push(today.minus({ days: i }).toISODate()!);
      const from = today.minus({ days: condition.lookbackDays + 7 * condition.weeks }).toISODate()!;
      const days = [...new Set(judged.flatMap((d) => [...sameWeekdays(d, condition.weeks), d]))].sort();
      return {
        ...none,
        anomaly: { judged, span: { from, to: today.toISODate()! }, weeks: condition.weeks, days },
      };
    }
  }
}

/** What a condition's windows depend on: rules with the same key at the same instant share their periods. */
export function windowsKey(condition: AlertCondition): string {
  switch (condition.kind) {
    case 'threshold':
      return `t:${condition.windowDays}`;
    case 'change':
      return `c:${condition.windowDays}:${condition.versus}:${condition.baselineDays ?? ''}`;
    case 'pace':
      return `p:${condition.grain}`;
    case 'anomaly':
      return `a:${condition.lookbackDays}:${condition.weeks}`;
  }
}

/** The `days` complete local days before a trailing window (its baseline when longer than the window). */
function daysBefore(current: Period, days: number, pctx: PeriodContext): Period {
  const end = DateTime.fromJSDate(current.start, { zone: pctx.tz });
  const from = end.minus({ days }).toISODate()!;
  const to = end.minus({ days: 1 }).toISODate()!;
  return {
    start: end.minus({ days }).toJSDate(),
    end: current.start,
    tz: pctx.tz,
    grain: 'custom',
    toDate: false,
    key: { kind: 'range', from, to },
  };
}

/** The `days` complete local days before today. */
export function trailingDays(days: number, pctx: PeriodContext): Period {
  return periodFromKey({ kind: 'lastN', unit: 'day', n: days }, calendarOf(pctx))!;
}

/** The same weekday in each of the `weeks` weeks before `day`, oldest first (calendar arithmetic, no zone). */
const weekdays = new Map<string, LocalDay[]>();

export function sameWeekdays(day: LocalDay, weeks: number): LocalDay[] {
  const key = `${day}|${weeks}`;
  const hit = weekdays.get(key);
  if (hit) return hit;
  if (weekdays.size > 10_000) weekdays.clear();
  const [y = 1970, m = 1, d = 1] = day.split('-').map(Number);
  const base = Date.UTC(y, m - 1, d);
  const out: LocalDay[] = [];
  for (let w = weeks; w >= 1; w--) out.push(new Date(base - w * 7 * 86_400_000).toISOString().slice(0, 10));
  weekdays.set(key, out);
  return out;
}

const ranges = new WeakMap<Period, Partial<Record<Lang, AlertRange>>>();

/**
 * A period as an alert shows it: ISO instants with the zone's offset and a label in the rule's language. Cached
 * per period: every member of a fan-out shows the same ranges.
 */
export function alertRange(p: Period, lang: Lang): AlertRange {
  const byLang = ranges.get(p) ?? {};
  let range = byLang[lang];
  if (!range) {
    range = {
      start: formatInstant(p.start, p.tz),
      end: formatInstant(p.end, p.tz),
      label: periodLabel(p, lang),
    };
    byLang[lang] = range;
    ranges.set(p, byLang);
  }
  return range;
}

/** One local day as an alert range. */
export function dayRange(day: LocalDay, tz: string, lang: Lang): AlertRange {
  const start = DateTime.fromISO(day, { zone: tz }).startOf('day');
  const end = start.plus({ days: 1 }).startOf('day');
  const label = start
    .setLocale(lang === 'fr' ? 'fr-FR' : 'en-GB')
    .toFormat(lang === 'fr' ? 'cccc d LLLL' : 'cccc d LLLL');
  return { start: formatInstant(start.toJSDate(), tz), end: formatInstant(end.toJSDate(), tz), label };
}

/** The local days [from, to) as a range of instants, for an aggregate read over the days of a daily one. */
export function daysAsRange(from: LocalDay, to: LocalDay, tz: string): { start: Date; end: Date } {
  return {
    start: DateTime.fromISO(from, { zone: tz }).startOf('day').toJSDate(),
    end: DateTime.fromISO(to, { zone: tz }).startOf('day').toJSDate(),
  };
}
