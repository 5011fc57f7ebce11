import { type KpiAnswer, trend } from '../core/answer.ts';
import { breakdownTitle } from '../core/breakdown-titles.ts';
import { describeRange } from '../core/describe-range.ts';
import { formatDelta, formatShare, formatValue, type Lang } from '../core/format.ts';

/** The CLI / terminal-chat rendering of an answer: plain text, aligned, in the asker's language. */
export function renderAnswerText(a: KpiAnswer): string {
  const lang = a.lang;
  const fmt = (v: number | null) => formatValue(v, a.metric.format, lang, a.metric.currency);
  const lines: string[] = [];
  const scope = [a.scope.rep, a.scope.team, a.scope.channel].filter(Boolean).join(' · ');
  lines.push(`${a.metric.label}${scope ? ` — ${scope}` : ''} — ${a.period.label}`);
  lines.push(`  ${describeRange(a.period, lang)}`);
  const parts =
    a.numerator !== null && a.denominator !== null && isRatio(a)
      ? `  (${num(a.numerator, lang)} / ${num(a.denominator, lang)})`
      : '';
  lines.push(`  ${fmt(a.value)}${parts}`);
  if (a.comparison && a.comparison.value === null) {
    lines.push(`  vs ${a.comparison.label}: ${lang === 'fr' ? 'pas de données' : 'no data'}`);
  } else if (a.comparison) {
    const t = trend(a);
    const arrow = t === null ? '' : a.comparison.delta! > 0 ? '▲ ' : a.comparison.delta! < 0 ? '▼ ' : '= ';
    const judged =
      t === 'good'
        ? lang === 'fr'
          ? ' (mieux)'
          : ' (better)'
        : t === 'bad'
          ? lang === 'fr'
            ? ' (moins bien)'
            : ' (worse)'
          : '';
    lines.push(
      `  vs ${a.comparison.label}: ${fmt(a.comparison.value)}  ${arrow}${formatDelta(a.comparison.delta, a.comparison.change, a.metric.format, lang)}${judged}`,
    );
  }
  if (a.target) {
    const label = lang === 'fr' ? 'Objectif' : 'Target';
    const att = lang === 'fr' ? 'atteint' : 'attained';
    let line = `  ${label}: ${fmt(a.target.value)} — ${formatShare(a.target.attainment, lang)} ${att}`;
    if (a.target.pace) {
      const pace = lang === 'fr' ? 'rythme attendu à date' : 'expected by now';
      line += `; ${pace} ${fmt(a.target.pace.expected)} (${formatShare(a.target.pace.attainment, lang)})`;
    }
    lines.push(line);
  }
  if (a.breakdown.length > 0) {
    lines.push(`  ${breakdownTitle(a.breakdownBy ?? 'team', lang)}:`);
    const width = Math.min(32, Math.max(...a.breakdown.map((r) => r.label.length)));
    for (const row of a.breakdown) {
      const label = row.label.length > width ? `${row.label.slice(0, width - 1)}…` : row.label.padEnd(width);
      const parts =
        row.numerator !== null && row.denominator !== null && isRatio(a)
          ? `  (${num(row.numerator, lang)} / ${num(row.denominator, lang)})`
          : '';
      lines.push(`    ${label}  ${fmt(row.value).padStart(10)}${parts}`);
    }
    if (a.breakdownTotal > a.breakdown.length) {
      lines.push(
        lang === 'fr'
          ? `    … et ${a.breakdownTotal - a.breakdown.length} de plus`
          : `    … and ${a.breakdownTotal - a.breakdown.length} more`,
      );
    }
  }
  lines.push(`  ${a.definition}`);
  for (const w of a.warnings) lines.push(`  ⚠ ${w}`);
  return lines.join('\n');
}

function isRatio(a: KpiAnswer): boolean {
  return (
    a.metric.format === 'percent' ||
    a.metric.format === 'duration_days' ||
    a.metric.format === 'duration_hours'
  );
}

function num(v: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-US', { maximumFractionDigits: 1 }).format(v);
}
