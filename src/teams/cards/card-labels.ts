import type { KpiAnswer } from '../../core/answer.ts';
import { breakdownTitle } from '../../core/breakdown-titles.ts';
import type { Lang } from '../../core/format.ts';

type Localised = Record<Lang, string>;
type Dimension = NonNullable<KpiAnswer['breakdownBy']>;

/** Every word a card shows that is not data, in both languages. */
export const LABELS = {
  noData: { en: 'no data', fr: 'pas de données' },
  better: { en: 'better', fr: 'mieux' },
  worse: { en: 'worse', fr: 'moins bien' },
  unchanged: { en: 'unchanged', fr: 'stable' },
  target: { en: 'Target', fr: 'Objectif' },
  attained: { en: 'attained', fr: 'atteint' },
  expectedByNow: { en: 'Expected by now', fr: 'Rythme attendu à date' },
  previousPeriod: { en: 'Previous period', fr: 'Période précédente' },
  detail: { en: 'Detail', fr: 'Détail' },
  privately: {
    en: '🔒 Sent to you only: it shows figures by rep.',
    fr: '🔒 Envoyé à vous seul : il contient des chiffres par commercial.',
  },
  didYouMean: { en: 'Did you mean:', fr: 'Vouliez-vous dire :' },
  tryHelp: {
    en: 'Write **help** to see what I can answer.',
    fr: 'Écrivez **aide** pour voir ce que je sais faire.',
  },
} satisfies Record<string, Localised>;

const DIMENSION: Record<Dimension, Localised> = {
  rep: { en: 'Rep', fr: 'Commercial' },
  team: { en: 'Team', fr: 'Équipe' },
  channel: { en: 'Channel', fr: 'Canal' },
  stage: { en: 'Stage', fr: 'Étape' },
  campaign: { en: 'Campaign', fr: 'Campagne' },
  day: { en: 'Day', fr: 'Jour' },
  week: { en: 'Week', fr: 'Semaine' },
  month: { en: 'Month', fr: 'Mois' },
  quarter: { en: 'Quarter', fr: 'Trimestre' },
};

/** "By rep" / "Par commercial": a breakdown's title and the button that asks for it. */
export function byLabel(by: Dimension, lang: Lang): string {
  return breakdownTitle(by, lang);
}

/** "Rep" / "Commercial": the header of a breakdown's first column. */
export function dimensionLabel(by: Dimension | null, lang: Lang): string {
  return by ? DIMENSION[by][lang] : '';
}

export function andMore(count: number, lang: Lang): string {
  return lang === 'fr' ? `… et ${count} de plus` : `… and ${count} more`;
}

export function comingSoon(command: string, lang: Lang): string {
  return lang === 'fr'
    ? `**${command}** arrive dans une prochaine version de kpibot.`
    : `**${command}** is coming in a later release of kpibot.`;
}
