import type { MetricIndex, MetricPhrase } from './metric-index.ts';
import type { Lang } from './types.ts';

/** A query word still free after the clauses were taken out. */
export interface QueryWord {
  /** Index of the token in the whole query. */
  token: number;
  stem: string;
}

export type MetricMatch =
  | { kind: 'found'; metric: number; tokens: number[]; lang: Lang | null }
  | { kind: 'ambiguous'; metrics: number[]; tokens: number[] }
  | { kind: 'none' };

interface PhraseHit {
  phrase: MetricPhrase;
  /** Positions in the query words. */
  positions: number[];
  strongMatched: number;
  full: boolean;
  contiguous: boolean;
  unmatchedSoft: number;
}

/**
 * Picks the metric whose label or alias best covers the query: complete phrases beat partial ones, longer beat
 * shorter ("meeting to proposal conversion" over "conversion"), in-order beat scattered; a tie between two
 * metrics is ambiguous. A partial phrase ("signed" for "revenue signed") is accepted only when a single metric has it.
 */
export function matchMetric(index: MetricIndex, words: readonly QueryWord[]): MetricMatch {
  const best = new Map<number, PhraseHit>();
  for (const phrase of index.phrases) {
    const hit = hitOf(phrase, words);
    if (!hit) continue;
    const known = best.get(phrase.metric);
    if (!known || compareHits(hit, known) > 0) best.set(phrase.metric, hit);
  }
  const hits = [...best.values()].sort((a, b) => compareHits(b, a));
  const top = hits[0];
  if (!top) return { kind: 'none' };
  const tied = hits.filter(
    (h) => compareHits(h, top) === 0 || (!top.full && h.strongMatched === top.strongMatched),
  );
  const toTokens = (hit: PhraseHit) => hit.positions.map((p) => words[p]?.token ?? -1);
  if (tied.length === 1) {
    return { kind: 'found', metric: top.phrase.metric, tokens: toTokens(top), lang: top.phrase.lang };
  }
  const tokens = [...new Set(tied.flatMap(toTokens))].sort((a, b) => a - b);
  return { kind: 'ambiguous', metrics: tied.map((h) => h.phrase.metric), tokens };
}

function compareHits(a: PhraseHit, b: PhraseHit): number {
  if (a.full !== b.full) return a.full ? 1 : -1;
  if (a.full) {
    return (
      a.positions.length - b.positions.length ||
      Number(a.contiguous) - Number(b.contiguous) ||
      b.unmatchedSoft - a.unmatchedSoft
    );
  }
  return (
    a.strongMatched - b.strongMatched ||
    a.strongMatched / a.phrase.strongCount - b.strongMatched / b.phrase.strongCount ||
    Number(a.contiguous) - Number(b.contiguous)
  );
}

function hitOf(phrase: MetricPhrase, words: readonly QueryWord[]): PhraseHit | null {
  const present = phrase.stems.map((stem) => words.some((w) => w.stem === stem));
  const strongMatched = present.filter((p, i) => p && !phrase.soft[i]).length;
  if (strongMatched === 0) return null;
  const wanted = phrase.stems.filter((_, i) => present[i]);
  const window = findWindow(words, wanted);
  const positions = window ?? scatteredPositions(words, wanted);
  return {
    phrase,
    positions,
    strongMatched,
    full: strongMatched === phrase.strongCount,
    contiguous: window !== null,
    unmatchedSoft: present.filter((p, i) => !p && phrase.soft[i]).length,
  };
}

function findWindow(words: readonly QueryWord[], wanted: readonly string[]): number[] | null {
  for (let start = 0; start + wanted.length <= words.length; start += 1) {
    if (wanted.every((stem, k) => words[start + k]?.stem === stem)) return wanted.map((_, k) => start + k);
  }
  return null;
}

function scatteredPositions(words: readonly QueryWord[], wanted: readonly string[]): number[] {
  const taken = new Set<number>();
  for (const stem of wanted) {
    const position = words.findIndex((w, i) => w.stem === stem && !taken.has(i));
    if (position >= 0) taken.add(position);
  }
  return [...taken].sort((a, b) => a - b);
}
