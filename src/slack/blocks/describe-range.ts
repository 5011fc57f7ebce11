import { DateTime } from 'luxon';
import type { AnswerPeriod } from '../../core/answer.ts';
import type { Lang } from '../../core/format.ts';

/**
 * The exact half-open range as people read it: "9 Nov 2026 → 15 Nov 2026 · Europe/Paris" (the last day included),
 * or with times when the range does not fall on midnights ("this week" to now).
 */
export function describeRange(period: AnswerPeriod, lang: Lang): string {
  const locale = lang === 'fr' ? 'fr' : 'en-GB';
  const start = DateTime.fromISO(period.start, { setZone: true }).setLocale(locale);
  const end = DateTime.fromISO(period.end, { setZone: true }).setLocale(locale);
  if (!start.isValid || !end.isValid) return period.tz;
  const atMidnight = (d: DateTime) => d.hour === 0 && d.minute === 0 && d.second === 0;
  if (atMidnight(start) && atMidnight(end)) {
    const from = start.toFormat('d LLL yyyy');
    const to = end.minus({ days: 1 }).toFormat('d LLL yyyy');
    return `${from === to ? from : `${from} → ${to}`} · ${period.tz}`;
  }
  const withTime = (d: DateTime) => d.toFormat('d LLL yyyy HH:mm');
  return `${withTime(start)} → ${withTime(end)} · ${period.tz}`;
}
