import { numberFormat } from '../format.ts';
import type { Lang } from './types.ts';

/** The words judges and views share: ratios, weekdays, signed percentages, windows. */

/** "4.0×" / "4,0×" (value ÷ median); "∞×" is never shown: a zero median says "usually 0". */
export function ratioText(value: number, base: number, lang: Lang): string {
  if (base === 0) return lang === 'fr' ? 'bien au-delà de' : 'far beyond';
  const ratio = numberFormat(lang === 'fr' ? 'fr-FR' : 'en-US', {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(value / base);
  return `${ratio}×`;
}

const WEEKDAYS: Record<Lang, readonly string[]> = {
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  fr: ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'],
};

/** The weekday of a local date 'YYYY-MM-DD' (calendar arithmetic: no zone involved). */
export function weekdayName(date: string, lang: Lang): string {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number);
  const iso = ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) as number;
  return WEEKDAYS[lang][iso] ?? date;
}

export function signedPercent(value: number, lang: Lang): string {
  return numberFormat(lang === 'fr' ? 'fr-FR' : 'en-US', {
    style: 'percent',
    maximumFractionDigits: Math.abs(value) < 0.1 ? 1 : 0,
    signDisplay: 'exceptZero',
  }).format(value);
}

export function signedPoints(delta: number, lang: Lang): string {
  const pts = numberFormat(lang === 'fr' ? 'fr-FR' : 'en-US', {
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  }).format(delta * 100);
  return `${pts} pts`;
}

/** "over the last 7 days" / "sur les 7 derniers jours"; one day is "yesterday" / "hier". */
export function windowText(days: number, lang: Lang): string {
  if (days === 1) return lang === 'fr' ? 'hier' : 'yesterday';
  return lang === 'fr' ? `sur les ${days} derniers jours` : `over the last ${days} days`;
}

/** "vs the previous 14 days" / "par rapport aux 14 jours précédents". */
export function versusText(
  versus: 'previous' | 'last_year',
  days: number,
  lang: Lang,
  baselineDays?: number,
): string {
  if (versus === 'previous' && baselineDays !== undefined && baselineDays !== days) {
    return lang === 'fr'
      ? `par rapport aux ${baselineDays} jours d'avant (ramenés à ${days} jours)`
      : `vs the ${baselineDays} days before (scaled to ${days} days)`;
  }
  if (lang === 'fr') {
    if (versus === 'last_year')
      return days === 1
        ? "par rapport au même jour l'an dernier"
        : `par rapport aux mêmes ${days} jours l'an dernier`;
    return days === 1 ? 'par rapport à la veille' : `par rapport aux ${days} jours précédents`;
  }
  if (versus === 'last_year')
    return days === 1 ? 'vs the same day last year' : `vs the same ${days} days last year`;
  return days === 1 ? 'vs the day before' : `vs the previous ${days} days`;
}
