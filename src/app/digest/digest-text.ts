import { DateTime } from 'luxon';
import type { DigestView, Lang } from '../../core/digest/types.ts';

const DAY_NAMES = {
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  fr: ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'],
} as const;

/** "every Monday at 08:30", "tous les jours à 07:00", or the cron itself when it is not one of those shapes. */
export function describeSchedule(cron: string, lang: Lang): string {
  const m = /^(\d{1,2}) (\d{1,2}) \* \* (\*|1-5|[0-7])$/.exec(cron.trim());
  if (!m) return lang === 'fr' ? `selon le cron « ${cron} »` : `on cron “${cron}”`;
  const time = `${m[2]!.padStart(2, '0')}:${m[1]!.padStart(2, '0')}`;
  const day = m[3]!;
  if (lang === 'fr') {
    if (day === '*') return `tous les jours à ${time}`;
    if (day === '1-5') return `du lundi au vendredi à ${time}`;
    return `chaque ${DAY_NAMES.fr[Number(day) % 7]} à ${time}`;
  }
  if (day === '*') return `every day at ${time}`;
  if (day === '1-5') return `every weekday at ${time}`;
  return `every ${DAY_NAMES.en[Number(day) % 7]} at ${time}`;
}

/** "Mon 23 Nov 2026, 08:30 (Europe/Paris)" */
export function describeInstant(at: Date, tz: string, lang: Lang): string {
  return `${DateTime.fromJSDate(at, { zone: tz })
    .setLocale(lang === 'fr' ? 'fr' : 'en-GB')
    .toFormat('ccc d LLL yyyy, HH:mm')} (${tz})`;
}

/** The digest as plain lines (chat previews, `kpibot digest preview`); mrkdwn-style bold titles. */
export function digestLines(view: DigestView): string[] {
  const lines = [view.subtitle, ''];
  for (const k of view.kpis) {
    lines.push(`*${k.label}*: ${k.valueText} — ${k.previousText}`);
    for (const extra of [k.targetText, k.paceText, k.teamText]) if (extra) lines.push(`    ${extra}`);
  }
  if (view.movers) {
    lines.push('', `*${view.movers.title}*`);
    for (const m of view.movers.up) lines.push(`▲ ${m.text}`);
    for (const m of view.movers.down) lines.push(`▼ ${m.text}`);
  }
  if (view.leaderboard) {
    lines.push('', `*${view.leaderboard.title}*`, ...view.leaderboard.lines);
    if (view.leaderboard.more > 0) lines.push(`… +${view.leaderboard.more}`);
  } else if (view.leaderboardNote) {
    lines.push('', view.leaderboardNote);
  }
  lines.push('', `*${view.alerts.title}*`, ...view.alerts.lines);
  if (view.chart) lines.push('', view.chart.alt);
  lines.push('', ...view.definitions);
  return lines;
}
