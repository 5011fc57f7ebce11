import { labelOf } from './metric-index.ts';
import type { Lang, MetricVocabulary, QueryError } from './types.ts';

const NBSP = '\u00a0';
const MAX_QUOTED = 40;

/** What the error needs to be said well: the metrics in play, the words the user typed. */
export interface ErrorFacts {
  lang: Lang;
  vocabulary: readonly MetricVocabulary[];
  /** Indexes in the vocabulary, best first. */
  metrics: readonly number[];
  /** The user's words the error is about, as typed. */
  words: string;
}

export function unknownMetricError(facts: ErrorFacts): QueryError {
  const { lang } = facts;
  const { labels, names, example } = describe(facts);
  const words = quote(facts.words, lang);
  const seeAll =
    lang === 'fr' ? `, ou \`/kpi liste\` pour les voir tous.` : ', or `/kpi list` to see them all.';
  let message: string;
  if (!facts.words) {
    message =
      lang === 'fr'
        ? `Quel indicateur${NBSP}? Essayez \`${example}\`${seeAll}`
        : `Which metric? Try \`${example}\`${seeAll}`;
  } else if (labels.length === 0) {
    message =
      lang === 'fr'
        ? `Je ne connais pas l'indicateur ${words}. Essayez \`${example}\`${seeAll}`
        : `I don't know the metric ${words}. Try \`${example}\`${seeAll}`;
  } else {
    message =
      lang === 'fr'
        ? `Je ne connais pas l'indicateur ${words}. Vouliez-vous dire${NBSP}: ${labels.join(', ')}${NBSP}? Essayez \`${example}\`.`
        : `I don't know the metric ${words}. Did you mean: ${labels.join(', ')}? Try \`${example}\`.`;
  }
  return { code: 'unknown_metric', message, suggestions: labels, candidates: names, example };
}

export function ambiguousMetricError(facts: ErrorFacts): QueryError {
  const { lang } = facts;
  const { labels, names, example } = describe(facts);
  const choices = joinChoices(labels, lang === 'fr' ? 'ou' : 'or');
  const words = quote(facts.words, lang);
  const message =
    lang === 'fr'
      ? `${words} peut désigner ${choices}. Lequel${NBSP}? Essayez \`${example}\`.`
      : `${words} could mean ${choices}. Which one? Try \`${example}\`.`;
  return { code: 'ambiguous_metric', message, suggestions: labels, candidates: names, example };
}

export function tooLongError(facts: Omit<ErrorFacts, 'metrics' | 'words'>, maxChars: number): QueryError {
  const { example } = describe({ ...facts, metrics: [], words: '' });
  const message =
    facts.lang === 'fr'
      ? `Question trop longue pour moi (${maxChars} caractères au plus). Essayez \`${example}\`.`
      : `That is too long for me (${maxChars} characters at most). Try \`${example}\`.`;
  return { code: 'too_long', message, suggestions: [], candidates: [], example };
}

function describe(facts: ErrorFacts): { labels: string[]; names: string[]; example: string } {
  const metrics = facts.metrics.slice(0, 3).flatMap((i) => facts.vocabulary[i] ?? []);
  const labels = metrics.map((m) => labelOf(m, facts.lang));
  const names = metrics.map((m) => m.name);
  const exampleMetric = metrics[0] ?? facts.vocabulary[0];
  const period = facts.lang === 'fr' ? 'la semaine dernière' : 'last week';
  const example = exampleMetric
    ? `/kpi ${spoken(labelOf(exampleMetric, facts.lang))} ${period}`
    : '/kpi help';
  return { labels, names, example };
}

/** "Conversion rate (all)" → "conversion rate"; acronyms stay as they are ("NPS", "CA signé"). */
function spoken(label: string): string {
  const plain = label.replace(/\s*\([^()]*\)/g, '').trim() || label;
  return /^\p{Lu}\p{Ll}/u.test(plain) ? plain.charAt(0).toLowerCase() + plain.slice(1) : plain;
}

function quote(words: string, lang: Lang): string {
  const short = words.length > MAX_QUOTED ? `${words.slice(0, MAX_QUOTED - 1).trimEnd()}…` : words;
  return lang === 'fr' ? `«${NBSP}${short}${NBSP}»` : `“${short}”`;
}

function joinChoices(labels: readonly string[], or: string): string {
  if (labels.length <= 1) return labels.join('');
  return `${labels.slice(0, -1).join(', ')} ${or} ${labels.at(-1)}`;
}
