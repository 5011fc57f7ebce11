import type { MetricFormat } from './answer.ts';

export type Lang = 'en' | 'fr';

const locale = (lang: Lang) => (lang === 'fr' ? 'fr-FR' : 'en-US');

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
      return new Intl.NumberFormat(l, { style: 'percent', maximumFractionDigits: 1 }).format(value);
    case 'currency':
      return new Intl.NumberFormat(l, {
        style: 'currency',
        currency,
        maximumFractionDigits: Math.abs(value) >= 100 ? 0 : 2,
      }).format(value);
    case 'duration_days':
      return `${new Intl.NumberFormat(l, { maximumFractionDigits: 1 }).format(value)} ${unit(value, lang, 'day')}`;
    case 'duration_hours':
      return `${new Intl.NumberFormat(l, { maximumFractionDigits: 1 }).format(value)} h`;
    case 'score':
      return new Intl.NumberFormat(l, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(value);
    default:
      return new Intl.NumberFormat(l, { maximumFractionDigits: Math.abs(value) >= 100 ? 0 : 2 }).format(
        value,
      );
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
    const pts = new Intl.NumberFormat(l, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(
      delta * 100,
    );
    return `${pts} ${lang === 'fr' ? 'pts' : 'pts'}`;
  }
  if (change !== null && Number.isFinite(change)) {
    return new Intl.NumberFormat(l, {
      style: 'percent',
      maximumFractionDigits: 1,
      signDisplay: 'exceptZero',
    }).format(change);
  }
  if (delta !== null) {
    return new Intl.NumberFormat(l, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(delta);
  }
  return '—';
}

export function formatShare(value: number | null, lang: Lang): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(locale(lang), { style: 'percent', maximumFractionDigits: 0 }).format(value);
}

export function formatCount(value: number, lang: Lang): string {
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 0 }).format(value);
}

function unit(value: number, lang: Lang, u: 'day'): string {
  const plural = Math.abs(value) >= 2 || (lang === 'en' && Math.abs(value) !== 1);
  if (u === 'day') return lang === 'fr' ? (plural ? 'jours' : 'jour') : plural ? 'days' : 'day';
  return u;
}
