import { DateTime } from 'luxon';
import type { AnswerPeriod } from '../../core/answer.ts';
import type { Lang } from '../../core/format.ts';

/** The exact range an answer covers, in its zone: "9 Nov 2026 → 15 Nov 2026 (Europe/Paris)"; day ranges show the last day. */
export function describeRange(period: AnswerPeriod, lang: Lang): string {
  const start = DateTime.fromISO(period.start, { setZone: true });
  const end = DateTime.fromISO(period.end, { setZone: true });
  const locale = lang === 'fr' ? 'fr' : 'en-GB';
  const atMidnight = (d: DateTime) => d.hour === 0 && d.minute === 0 && d.second === 0 && d.millisecond === 0;
  if (atMidnight(start) && atMidnight(end)) {
    const from = start.setLocale(locale).toFormat('d LLL yyyy');
    const to = end.minus({ days: 1 }).setLocale(locale).toFormat('d LLL yyyy');
    return `${from === to ? from : `${from} → ${to}`} (${period.tz})`;
  }
  const instant = (d: DateTime) => d.setLocale(locale).toFormat('d LLL yyyy HH:mm');
  return `${instant(start)} → ${instant(end)} (${period.tz})`;
}
