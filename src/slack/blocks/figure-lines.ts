import { type KpiAnswer, trend } from '../../core/answer.ts';
import { formatDelta, formatShare, formatValue, type Lang } from '../../core/format.ts';
import { escapeMrkdwn } from './mrkdwn.ts';
import { wording } from './wording.ts';

/** The mrkdwn lines of an answer's figure: headline, comparison, target and pace. Shared by messages and Home. */
export function formatFigure(a: KpiAnswer, value: number | null): string {
  return formatValue(value, a.metric.format, a.lang, a.metric.currency);
}

/** Ratios and averages show their parts ("59 / 140"); sums and counts are their own parts. */
export function showsParts(a: KpiAnswer): boolean {
  return (
    a.metric.format === 'percent' ||
    a.metric.format === 'duration_days' ||
    a.metric.format === 'duration_hours'
  );
}

export function formatParts(numerator: number | null, denominator: number | null, lang: Lang): string | null {
  if (numerator === null || denominator === null) return null;
  const f = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-US', { maximumFractionDigits: 1 });
  return `${f.format(numerator)} / ${f.format(denominator)}`;
}

export function headlineLine(a: KpiAnswer): string {
  const parts = showsParts(a) ? formatParts(a.numerator, a.denominator, a.lang) : null;
  const line = `*${escapeMrkdwn(formatFigure(a, a.value))}*${parts ? `   ${parts}` : ''}`;
  return a.value === null ? `${line}   _${wording(a.lang).noData}_` : line;
}

const INDICATOR = { good: ':large_green_circle:', bad: ':red_circle:', flat: ':white_circle:' } as const;

/** "🟢 ▲ +3.1 pts vs previous week (39%)": the arrow gives the way, the colour whether that is good news. */
export function comparisonLine(a: KpiAnswer): string | null {
  const c = a.comparison;
  if (!c) return null;
  const label = escapeMrkdwn(c.label);
  const move = movement(a);
  if (!move || c.value === null) return `${INDICATOR.flat} vs ${label}: ${wording(a.lang).comparisonNoData}`;
  return `${move} vs ${label} (${escapeMrkdwn(formatFigure(a, c.value))})`;
}

/** "🟢 ▲ +3.1 pts", or null without a comparable figure. */
function movement(a: KpiAnswer): string | null {
  const c = a.comparison;
  if (!c || c.value === null || c.delta === null) return null;
  const t = trend(a) ?? 'flat';
  const arrow = t === 'flat' ? '=' : c.delta > 0 ? '▲' : '▼';
  return `${INDICATOR[t]} ${arrow} ${escapeMrkdwn(formatDelta(c.delta, c.change, a.metric.format, a.lang))}`;
}

/** "🎯 Target 45% · 94% attained ▓▓▓▓▓▓▓▓▓░" and, for to-date periods, where the figure should be by now. */
export function targetLines(a: KpiAnswer): string[] {
  const t = a.target;
  if (!t) return [];
  const w = wording(a.lang);
  const lines = [
    `:dart: ${w.target} ${escapeMrkdwn(formatFigure(a, t.value))} · ${formatShare(t.attainment, a.lang)} ${w.attained}  ${progressBar(t.attainment)}`,
  ];
  if (t.pace) {
    const onPace = t.pace.attainment !== null && t.pace.attainment >= 1;
    const mark = t.pace.attainment === null ? INDICATOR.flat : onPace ? INDICATOR.good : INDICATOR.bad;
    lines.push(
      `${mark} ${escapeMrkdwn(formatFigure(a, t.pace.expected))} ${w.expectedByNow} · ${formatShare(t.pace.attainment, a.lang)} ${w.ofPace}`,
    );
  }
  return lines;
}

const BAR_CELLS = 10;

/** A share as ten cells, capped at full: `▓▓▓▓▓▓░░░░`. */
export function progressBar(share: number | null): string {
  const s = share === null || !Number.isFinite(share) ? 0 : Math.min(1, Math.max(0, share));
  const full = Math.round(s * BAR_CELLS);
  return `\`${'▓'.repeat(full)}${'░'.repeat(BAR_CELLS - full)}\``;
}

/** One short line for lists and the Home tab: "*€12,345* 🟢 ▲ +12% · 🎯 45%". */
export function compactFigure(a: KpiAnswer): string {
  const move = movement(a);
  const line = `*${escapeMrkdwn(formatFigure(a, a.value))}*${move ? ` ${move}` : ''}`;
  return a.target ? `${line} · :dart: ${formatShare(a.target.attainment, a.lang)}` : line;
}
