import type { Lang } from '../format.ts';
import type { Catalog } from './metric-def.ts';

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
      const phrases = new Set([metric.label[lang], ...metric.aliases[lang]].map(normalizePhrase));
      for (const phrase of phrases) owners.set(phrase, [...(owners.get(phrase) ?? []), metric.name]);
    }
    for (const [phrase, metrics] of owners)
      if (metrics.length > 1) collisions.push({ lang, phrase, metrics });
  }
  return collisions;
}
