import { labelOf } from '../query/metric-index.ts';
import type { MetricVocabulary } from '../query/types.ts';
import type { Lang } from './types.ts';

const NBSP = '\u00a0';

/** What the rule parser answers when it cannot read a rule: always an example to copy. */

function spoken(metric: MetricVocabulary | undefined, lang: Lang): string {
  if (!metric) return lang === 'fr' ? 'leads' : 'leads';
  const label = labelOf(metric, lang)
    .replace(/\s*\([^()]*\)/g, '')
    .trim();
  return /^\p{Lu}\p{Ll}/u.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

export function exampleRule(
  lang: Lang,
  vocabulary: readonly MetricVocabulary[],
  extra?: string,
  metric?: MetricVocabulary,
): string {
  const m = spoken(metric ?? vocabulary.find((v) => v.name === 'leads') ?? vocabulary[0], lang);
  const base =
    lang === 'fr'
      ? `/kpi alerts add ${m} baisse de 20 % vs semaine précédente`
      : `/kpi alerts add ${m} drops 20% vs previous week`;
  return extra ? `${base} ${lang === 'fr' && extra === 'by rep' ? 'par commercial' : extra}` : base;
}

export function forExample(lang: Lang, example: string): string {
  return lang === 'fr' ? `Par exemple${NBSP}: \`${example}\`` : `For example: \`${example}\``;
}

export function quote(words: string, lang: Lang): string {
  const short = words.length > 40 ? `${words.slice(0, 39).trimEnd()}…` : words;
  return lang === 'fr' ? `«${NBSP}${short}${NBSP}»` : `“${short}”`;
}

export function missingMetric(
  lang: Lang,
  vocabulary: readonly MetricVocabulary[],
  suggested: readonly number[],
  words: string,
): { message: string; example: string } {
  const labels = suggested.slice(0, 3).flatMap((i) => (vocabulary[i] ? [labelOf(vocabulary[i], lang)] : []));
  const example = exampleRule(lang, vocabulary, undefined, vocabulary[suggested[0] ?? -1]);
  const seeAll = lang === 'fr' ? '`/kpi liste` les montre tous.' : '`/kpi list` shows them all.';
  let message: string;
  if (!words) {
    message =
      lang === 'fr'
        ? `Quel indicateur surveiller${NBSP}? ${forExample(lang, example)} — ${seeAll}`
        : `Which metric should the alert watch? ${forExample(lang, example)} — ${seeAll}`;
  } else if (labels.length === 0) {
    message =
      lang === 'fr'
        ? `Je ne connais pas l'indicateur ${quote(words, lang)}. ${forExample(lang, example)} — ${seeAll}`
        : `I don't know the metric ${quote(words, lang)}. ${forExample(lang, example)} — ${seeAll}`;
  } else {
    message =
      lang === 'fr'
        ? `Je ne connais pas l'indicateur ${quote(words, lang)}. Vouliez-vous dire${NBSP}: ${labels.join(', ')}${NBSP}? ${forExample(lang, example)}`
        : `I don't know the metric ${quote(words, lang)}. Did you mean: ${labels.join(', ')}? ${forExample(lang, example)}`;
  }
  return { message, example };
}

/** No condition: the four kinds, one example each, on the metric the user named when there is one. */
export function missingCondition(
  lang: Lang,
  vocabulary: readonly MetricVocabulary[],
  metric?: MetricVocabulary,
): { message: string; example: string } {
  const m = spoken(metric ?? vocabulary.find((v) => v.name === 'leads') ?? vocabulary[0], lang);
  const lines =
    lang === 'fr'
      ? [
          `Quand alerter${NBSP}? Une règle dit l'une de ces quatre choses${NBSP}:`,
          `• seuil${NBSP}: \`/kpi alerts add ${m} sous 20 sur 7 jours\``,
          `• variation${NBSP}: \`/kpi alerts add ${m} baisse de 20 % vs semaine précédente\``,
          `• rythme de l'objectif${NBSP}: \`/kpi alerts add ${m} rythme < 80 % de l'objectif mensuel\``,
          `• anomalie${NBSP}: \`/kpi alerts add ${m} anomalie\``,
        ]
      : [
          'When should it alert? A rule says one of these four things:',
          `• threshold: \`/kpi alerts add ${m} below 20 over 7 days\``,
          `• change: \`/kpi alerts add ${m} drops 20% vs previous week\``,
          `• objective pace: \`/kpi alerts add ${m} pace < 80% of target monthly\``,
          `• anomaly: \`/kpi alerts add ${m} anomaly\``,
        ];
  const example =
    lang === 'fr'
      ? `/kpi alerts add ${m} baisse de 20 % vs semaine précédente`
      : `/kpi alerts add ${m} drops 20% vs previous week`;
  return { message: lines.join('\n'), example };
}
