import { DateTime } from 'luxon';
import { formatValue } from '../format.ts';
import type { ChartSpec, DigestInput, DigestMetricInput, Lang } from './types.ts';
import { DIGEST_WORDS } from './wording.ts';

/** The chart of the headline metric over the last weeks, with its alt text (always: the image may not load). */
export function chartSpec(metric: DigestMetricInput, input: DigestInput): ChartSpec {
  const lang = input.lang;
  const w = DIGEST_WORDS[lang];
  const points = input.chart.map((p) => ({
    label: shortDate(p.weekStart, lang),
    value: p.value,
    target: p.target,
  }));
  return {
    lang,
    title: w.chartTitle(metric.label),
    alt: altText(metric, input),
    format: metric.format,
    currency: input.currency,
    direction: metric.direction,
    points,
    legend: { actual: w.chartActual, target: w.chartTarget },
  };
}

function shortDate(localDate: string, lang: Lang): string {
  return DateTime.fromISO(localDate)
    .setLocale(lang === 'fr' ? 'fr' : 'en-GB')
    .toFormat('d LLL');
}

/**
 * "Revenue signed by week over the last 12 weeks (from 18 Aug to 3 Nov): latest €18,400 (objective €20,000);
 * highest €24,100 (week of 13 Oct), lowest €8,200 (week of 25 Aug); at or above objective 7 of 12 weeks."
 */
function altText(metric: DigestMetricInput, input: DigestInput): string {
  const lang = input.lang;
  const fmt = (v: number | null) => formatValue(v, metric.format, lang, input.currency);
  const points = input.chart;
  const n = points.length;
  const first = shortDate(points[0]!.weekStart, lang);
  const lastPoint = points[n - 1]!;
  const last = shortDate(lastPoint.weekStart, lang);
  const valued = points.filter((p): p is typeof p & { value: number } => p.value !== null);
  const best = [...valued].sort((a, b) => b.value - a.value)[0];
  const worst = [...valued].sort((a, b) => a.value - b.value)[0];
  const judged = points.filter((p) => p.value !== null && p.target !== null);
  const met = judged.filter((p) =>
    metric.direction === 'down_is_good' ? p.value! <= p.target! : p.value! >= p.target!,
  ).length;
  if (lang === 'fr') {
    const parts = [
      `${metric.label} par semaine sur les ${n} dernières semaines (du ${first} au ${last}) : dernière semaine ${fmt(lastPoint.value)}${lastPoint.target !== null ? ` (objectif ${fmt(lastPoint.target)})` : ''}`,
    ];
    if (best && worst)
      parts.push(
        `plus haut ${fmt(best.value)} (semaine du ${shortDate(best.weekStart, lang)}), plus bas ${fmt(worst.value)} (semaine du ${shortDate(worst.weekStart, lang)})`,
      );
    parts.push(
      judged.length > 0
        ? `objectif atteint ${met} semaine${met > 1 ? 's' : ''} sur ${judged.length}`
        : 'pas d’objectif sur la période',
    );
    return `${parts.join(' ; ')}.`;
  }
  const parts = [
    `${metric.label} by week over the last ${n} weeks (${first} to ${last}): latest ${fmt(lastPoint.value)}${lastPoint.target !== null ? ` (objective ${fmt(lastPoint.target)})` : ''}`,
  ];
  if (best && worst)
    parts.push(
      `highest ${fmt(best.value)} (week of ${shortDate(best.weekStart, lang)}), lowest ${fmt(worst.value)} (week of ${shortDate(worst.weekStart, lang)})`,
    );
  parts.push(
    judged.length > 0 ? `objective met ${met} of ${judged.length} weeks` : 'no objective over the period',
  );
  return `${parts.join('; ')}.`;
}
