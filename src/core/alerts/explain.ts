import type { Contributor } from './types.ts';

export interface MemberFigures {
  key: string;
  label: string;
  current: { num: number | null; den: number | null };
  baseline: { num: number | null; den: number | null };
}

/** A contributor with its exact part of the total change (in the metric's unit). */
export interface Contribution extends Contributor {
  contribution: number;
}

const EPSILON = 1e-12;

/**
 * Who explains a change, exactly: the members' contributions sum to the total change.
 * - additive metrics (counts, sums): member i contributes v'ᵢ − vᵢ (its `num`; a missing part counts as 0).
 * - ratios R = N/D (rates, averages): member i contributes (n'ᵢ − R·d'ᵢ)/D' − (nᵢ − R·dᵢ)/D with R the baseline
 *   ratio; summed over members this is N'/D' − R − (N/D − R) = R' − R. A member moving its own rate, and a
 *   member growing in weight while above the average, both show.
 * Members with null parts count those parts as 0 (the member was absent). Sorted by their share of the change in
 * its direction, largest first; members that moved against the change are left out. Ties: by key.
 */
export function explainChange(
  members: readonly MemberFigures[],
  mode: 'ratio' | 'additive',
  limit = 3,
): Contribution[] {
  const contributions = mode === 'ratio' ? ratioContributions(members) : additiveContributions(members);
  if (!contributions) return [];
  const total = contributions.reduce((s, c) => s + c.contribution, 0);
  if (Math.abs(total) < EPSILON) return [];
  return contributions
    .map((c) => ({ ...c, share: c.contribution / total }))
    .filter((c) => c.share > EPSILON)
    .sort((a, b) => b.share - a.share || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, Math.max(0, limit));
}

const n = (v: number | null) => (v !== null && Number.isFinite(v) ? v : 0);

function additiveContributions(members: readonly MemberFigures[]): Contribution[] {
  return members.map((m) => ({
    key: m.key,
    label: m.label,
    value: m.current.num,
    baseline: m.baseline.num,
    share: 0,
    contribution: n(m.current.num) - n(m.baseline.num),
  }));
}

function ratioContributions(members: readonly MemberFigures[]): Contribution[] | null {
  const sum = (pick: (m: MemberFigures) => number | null) => members.reduce((s, m) => s + n(pick(m)), 0);
  const den1 = sum((m) => m.current.den);
  const num0 = sum((m) => m.baseline.num);
  const den0 = sum((m) => m.baseline.den);
  // Without both denominators there is no rate to compare, hence nothing to decompose.
  if (den0 === 0 || den1 === 0) return null;
  const r = num0 / den0;
  return members.map((m) => ({
    key: m.key,
    label: m.label,
    value: rate(m.current),
    baseline: rate(m.baseline),
    share: 0,
    contribution:
      (n(m.current.num) - r * n(m.current.den)) / den1 - (n(m.baseline.num) - r * n(m.baseline.den)) / den0,
  }));
}

function rate(part: { num: number | null; den: number | null }): number | null {
  if (part.num === null || part.den === null || part.den === 0) return null;
  return part.num / part.den;
}
