import type { MetricFormat } from './answer.ts';

export type Lang = 'en' | 'fr';

const locale = (lang: Lang) => (lang === 'fr' ? 'fr-FR' : 'en-US');

const formats = new Map<string, Intl.NumberFormat>();

/**
 * An Intl.NumberFormat for a locale and options, built once and reused: building one costs tens of microseconds,
 * which adds up to seconds when thousands of alert judgements word their figures.
 */
export function numberFormat(locales: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locales}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locales, options);
    formats.set(key, format);
  }
  return format;
}

/** A figure in the asker's language: fr → "42,1 %", "12 345 €"; en → "42.1%", "€12,345". */
export function formatValue(
  value: number | null,
  format: MetricFormat,
  lang: Lang,
  currency = 'EUR',
): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const l = locale(lang);
  switch (format) {
    case 'percent':
      return numberFormat(l, { style: 'percent', maximumFractionDigits: 1 }).format(value);
    case 'currency':
      return numberFormat(l, {
        style: 'currency',
        currency,
        // Cents only where they say something: €45.50 CAC yes, "€0.00" or "€6,400.00" no.
        minimumFractionDigits: Number.isInteger(value) || Math.abs(value) >= 100 ? 0 : 2,
        maximumFractionDigits: Number.isInteger(value) || Math.abs(value) >= 100 ? 0 : 2,
      }).format(value);
    case 'duration_days':
      return `${numberFormat(l, { maximumFractionDigits: 1 }).format(value)} ${unit(value, lang, 'day')}`;
    case 'duration_hours':
      return `${numberFormat(l, { maximumFractionDigits: 1 }).format(value)} h`;
    case 'score':
      return numberFormat(l, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(value);
    default:
      // Significant digits, not noise: 1,234 · 31.0 → 31 · 6.3 · 0.25 (a prorated objective of 31.03 reads 31).
      return numberFormat(l, {
        maximumFractionDigits: Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2,
      }).format(value);
  }
}

/** A change: "+3.1 pts" for percent metrics (points), else "+12.5%" relative, localised. */
export function formatDelta(
  delta: number | null,
  change: number | null,
  format: MetricFormat,
  lang: Lang,
): string {
  const l = locale(lang);
  if (format === 'percent' && delta !== null) {
    const pts = numberFormat(l, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(delta * 100);
    return `${pts} ${lang === 'fr' ? 'pts' : 'pts'}`;
  }
  if (change !== null && Number.isFinite(change)) {
    return numberFormat(l, {
      style: 'percent',
      maximumFractionDigits: 1,
      signDisplay: 'exceptZero',
    }).format(change);
  }
  if (delta !== null) {
    return numberFormat(l, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(delta);
  }
  return '—';
}

export function formatShare(value: number | null, lang: Lang): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return numberFormat(locale(lang), { style: 'percent', maximumFractionDigits: 0 }).format(value);
}

export function formatCount(value: number, lang: Lang): string {
  return numberFormat(locale(lang), { maximumFractionDigits: 0 }).format(value);
}

function unit(value: number, lang: Lang, u: 'day'): string {
  const plural = Math.abs(value) >= 2 || (lang === 'en' && Math.abs(value) !== 1);
  if (u === 'day') return lang === 'fr' ? (plural ? 'jours' : 'jour') : plural ? 'days' : 'day';
  return u;
}
