import type { KpiAnswer } from './answer.ts';

type BreakdownBy = NonNullable<KpiAnswer['breakdownBy']>;

/** "By rep" / "Par commercial": the heading of a breakdown, shared by every renderer. */
export const BREAKDOWN_TITLES: Readonly<Record<BreakdownBy, { en: string; fr: string }>> = {
  rep: { en: 'By rep', fr: 'Par commercial' },
  team: { en: 'By team', fr: 'Par équipe' },
  channel: { en: 'By channel', fr: 'Par canal' },
  stage: { en: 'By stage', fr: 'Par étape' },
  campaign: { en: 'By campaign', fr: 'Par campagne' },
  day: { en: 'By day', fr: 'Par jour' },
  week: { en: 'By week', fr: 'Par semaine' },
  month: { en: 'By month', fr: 'Par mois' },
  quarter: { en: 'By quarter', fr: 'Par trimestre' },
};

export function breakdownTitle(by: BreakdownBy, lang: 'en' | 'fr'): string {
  return BREAKDOWN_TITLES[by][lang];
}
