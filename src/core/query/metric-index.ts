import { isNoiseWord, isSoftWord } from './lexicon.ts';
import { tokenize } from './tokenize.ts';
import type { Lang, MetricVocabulary } from './types.ts';

/** One way of naming a metric (label, alias or name), reduced to the stems a query is compared with. */
export interface MetricPhrase {
  /** Index in the vocabulary. */
  metric: number;
  stems: readonly string[];
  /** Per stem: "rate", "taux"... may be left out by the user. */
  soft: readonly boolean[];
  strongCount: number;
  /** null when both languages (or the metric's name) use this phrase. */
  lang: Lang | null;
}

export interface MetricIndex {
  vocabulary: readonly MetricVocabulary[];
  phrases: readonly MetricPhrase[];
  /** Every stem of every phrase. */
  stems: ReadonlySet<string>;
}

const cache = new WeakMap<readonly MetricVocabulary[], MetricIndex>();

export function indexVocabulary(vocabulary: readonly MetricVocabulary[]): MetricIndex {
  const cached = cache.get(vocabulary);
  if (cached) return cached;
  const phrases = new Map<string, MetricPhrase>();
  vocabulary.forEach((metric, index) => {
    for (const [text, lang] of namesOf(metric)) {
      for (const variant of withoutParentheses(text)) {
        const stems = tokenize(variant)
          .filter((t) => !isNoiseWord(t.word))
          .map((t) => t.stem);
        const soft = stems.map(isSoftWord);
        const strongCount = soft.filter((s) => !s).length;
        if (strongCount === 0) continue;
        const key = `${index}\u0000${stems.join(' ')}`;
        const known = phrases.get(key);
        if (known) {
          if (known.lang !== lang) phrases.set(key, { ...known, lang: null });
        } else {
          phrases.set(key, { metric: index, stems, soft, strongCount, lang });
        }
      }
    }
  });
  const all = [...phrases.values()];
  const index: MetricIndex = { vocabulary, phrases: all, stems: new Set(all.flatMap((p) => p.stems)) };
  cache.set(vocabulary, index);
  return index;
}

function namesOf(metric: MetricVocabulary): Array<readonly [string, Lang | null]> {
  return [
    [metric.name.replace(/_/g, ' '), null],
    [metric.label.en, 'en'],
    [metric.label.fr, 'fr'],
    ...metric.aliases.en.map((a) => [a, 'en'] as const),
    ...metric.aliases.fr.map((a) => [a, 'fr'] as const),
  ];
}

/** "Customer acquisition cost (CAC)" is also "Customer acquisition cost" and "CAC". */
function withoutParentheses(text: string): string[] {
  const inside = [...text.matchAll(/\(([^()]*)\)/g)].map((m) => m[1] ?? '');
  if (inside.length === 0) return [text];
  return [text, text.replace(/\([^()]*\)/g, ' '), ...inside];
}

/** The words a label is shown with, in the user's language (labels are never empty in the catalog). */
export function labelOf(metric: MetricVocabulary, lang: Lang): string {
  return metric.label[lang] || metric.label.en || metric.name;
}
