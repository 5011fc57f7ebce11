import { DateTime } from 'luxon';
import type { AnswerPeriod } from './answer.ts';
import type { Lang } from './format.ts';

/**
 * The exact half-open range as people read it, in its zone: "9 Nov 2026 → 15 Nov 2026 (Europe/Paris)" (the last
 * day included), or with times when it does not fall on midnights ("this week" up to now). `zoneStyle` 'dot'
 * writes "· Europe/Paris" (Slack's context lines).
 */
export function describeRange(
  period: AnswerPeriod,
  lang: Lang,
  zoneStyle: 'parens' | 'dot' = 'parens',
): string {
  const locale = lang === 'fr' ? 'fr' : 'en-GB';
  const zone = zoneStyle === 'dot' ? ` · ${period.tz}` : ` (${period.tz})`;
  const start = DateTime.fromISO(period.start, { setZone: true }).setLocale(locale);
  const end = DateTime.fromISO(period.end, { setZone: true }).setLocale(locale);
  if (!start.isValid || !end.isValid) return period.tz;
  const atMidnight = (d: DateTime) => d.hour === 0 && d.minute === 0 && d.second === 0 && d.millisecond === 0;
  if (atMidnight(start) && atMidnight(end)) {
    const from = start.toFormat('d LLL yyyy');
    const to = end.minus({ days: 1 }).toFormat('d LLL yyyy');
    return `${from === to ? from : `${from} → ${to}`}${zone}`;
  }
  const withTime = (d: DateTime) => d.toFormat('d LLL yyyy HH:mm');
  return `${withTime(start)} → ${withTime(end)}${zone}`;
}
