import type { MetricFormat } from '../../core/answer.ts';
import type { Lang } from '../../core/format.ts';

/** Ratios and averages show what they were computed from ("59 / 140"); counts and amounts are their own detail. */
export function isRatio(format: MetricFormat): boolean {
  return format === 'percent' || format === 'duration_days' || format === 'duration_hours';
}

export function formatParts(numerator: number | null, denominator: number | null, lang: Lang): string | null {
  if (numerator === null || denominator === null) return null;
  const count = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-US', { maximumFractionDigits: 1 });
  return `${count.format(numerator)} / ${count.format(denominator)}`;
}
