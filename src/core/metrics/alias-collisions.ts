import type { Lang } from '../format.ts';
import type { Catalog, CompiledMetric } from './metric-def.ts';

export interface AliasCollision {
  lang: Lang;
  /** The phrase as normalized for comparison. */
  phrase: string;
  /** The metrics that all answer to it, in catalog order. */
  metrics: string[];
}

/** Case, accents, punctuation and spacing do not tell two phrases apart for someone typing in a chat. */
export function normalizePhrase(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9%→]+/g, ' ')
    .trim();
}

/**
 * The phrases (labels and aliases) that more than one metric answers to in the same language: a query using one
 * is ambiguous. Used to check the built-in catalog and to warn about a user's file.
 */
export function aliasCollisions(catalog: Catalog): AliasCollision[] {
  const collisions: AliasCollision[] = [];
  for (const lang of ['en', 'fr'] as const) {
    const owners = new Map<string, string[]>();
    for (const metric of catalog.metrics) {
      for (const phrase of metricPhrases(metric, lang))
        owners.set(phrase, [...(owners.get(phrase) ?? []), metric.name]);
    }
    for (const [phrase, metrics] of owners)
      if (metrics.length > 1) collisions.push({ lang, phrase, metrics });
  }
  return collisions;
}

/**
 * The normalized phrases a metric answers to in a language: its label, its aliases, and for a label such as
 * "Customer acquisition cost (CAC)" both the part outside and the part inside the parentheses.
 */
export function metricPhrases(metric: Pick<CompiledMetric, 'label' | 'aliases'>, lang: Lang): Set<string> {
  const texts = [metric.label[lang], ...metric.aliases[lang]].flatMap((text) => {
    const inside = [...text.matchAll(/\(([^()]*)\)/g)].map((m) => m[1] ?? '');
    return inside.length > 0 ? [text.replace(/\([^()]*\)/g, ' '), ...inside] : [text];
  });
  return new Set(texts.map(normalizePhrase).filter((p) => p.length > 0));
}
