import type { PeriodContext, PeriodMatch } from '../periods/index.ts';
import type { Lang, PeriodFinder } from './types.ts';

/**
 * Runs the period grammar in the query's language, then in the other one ("leads la semaine dernière" may be
 * detected as English). A finder that throws (e.g. a bad time zone in the context) counts as "no period": the
 * parser never throws, and the answer will show the default period it used.
 */
export function locatePeriod(
  text: string,
  ctx: PeriodContext,
  lang: Lang,
  findPeriod: PeriodFinder,
): PeriodMatch | null {
  for (const candidate of [lang, lang === 'en' ? 'fr' : 'en'] as const) {
    let match: PeriodMatch | null = null;
    try {
      match = findPeriod(text, ctx, candidate);
    } catch {
      match = null;
    }
    if (match && match.length > 0 && match.index >= 0 && match.index + match.length <= text.length)
      return match;
  }
  return null;
}
