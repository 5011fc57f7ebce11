import { wordSimilarity } from './edit-distance.ts';
import type { MetricIndex, MetricPhrase } from './metric-index.ts';

const MAX_TYPED_WORDS = 6;
const CLOSE_WORD = 0.5;
const MIN_SCORE = 0.4;

/**
 * Metrics whose names look like what was typed (typos, prefixes, shared words), best first. A metric that only
 * shares "rate" or "taux" with the query is not suggested.
 */
export function suggestMetrics(index: MetricIndex, typedStems: readonly string[], max = 3): number[] {
  const typed = [...new Set(typedStems)].slice(0, MAX_TYPED_WORDS);
  if (typed.length === 0) return [];
  const scores = new Map<number, number>();
  for (const phrase of index.phrases) {
    const score = phraseScore(phrase, typed);
    if (score >= MIN_SCORE && score > (scores.get(phrase.metric) ?? 0)) scores.set(phrase.metric, score);
  }
  return [...scores.entries()]
    .sort(([ma, a], [mb, b]) => b - a || ma - mb)
    .slice(0, max)
    .map(([metric]) => metric);
}

function phraseScore(phrase: MetricPhrase, typed: readonly string[]): number {
  let total = 0;
  let strongClose = false;
  phrase.stems.forEach((stem, i) => {
    const similarity = Math.max(...typed.map((t) => wordSimilarity(t, stem)));
    if (similarity < CLOSE_WORD) return;
    total += similarity;
    if (!phrase.soft[i]) strongClose = true;
  });
  return strongClose ? total / Math.max(phrase.stems.length, typed.length) : 0;
}
