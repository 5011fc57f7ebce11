import { type MeasureTerm, termKey } from '../core/metrics/formula.ts';
import type { Dimension, MeasureName } from '../core/metrics/measures.ts';
import type { Database } from '../store/database.ts';
import {
  type GroupLabel,
  type MeasureQuery,
  readMeasureSetsWith,
  type SideQuery,
} from '../store/rollups/index.ts';
import { localMidnight } from '../store/rollups/local-days.ts';

export interface TermValues {
  totals: Map<string, number>;
  /** Per breakdown key (e.g. a rep id), the same term values. */
  groups: Map<string, Map<string, number>>;
  /** 'raw' when any read could not use the rollups (a range not aligned to local days, an uncovered filter). */
  source: 'rollup' | 'raw';
  /** With `labels`: the display name (and team) of each group key that names a rep, team or campaign. */
  labels?: Map<string, GroupLabel>;
}

/** Who and where a read is for: the tenant, the answer's zone, the rollups' zone, the scope's filters. */
export interface ReadScope {
  tenantId: string;
  tz: string;
  rollupTz: string;
  filters: Partial<Record<Dimension, string>>;
  /** When the question is asked (lets a range ending now read today from the rollups: readMeasures `now`). */
  now?: Date;
}

/**
 * Where "everything before" starts: the first local day of 1970 in the answer's zone, so that a cumulative read
 * (pipeline, customers to date) is whole local days from its start and needs no partial-day read of 1970.
 */
export function beginningOfTime(tz: string): Date {
  return localMidnight('1970-01-01', tz);
}

/** One read of a metric's terms: the scope, the period, an optional breakdown (with its display names). */
export type TermRead = ReadScope & {
  terms: readonly MeasureTerm[];
  start: Date;
  end: Date;
  groupBy: Dimension | readonly Dimension[] | null;
  /** With a breakdown by rep, team or campaign: read each group's name along (TermValues.labels). */
  labels?: boolean;
};

/**
 * Reads every measure term a metric needs over a period, for the scope's filters and an optional breakdown:
 * one aggregate per distinct (window, filter) combination, all computed in the database in one statement.
 */
export async function readTermValues(db: Database, q: TermRead): Promise<TermValues> {
  const [values] = await readTermValueSets(db, [q]);
  return values!;
}

/** Several readTermValues in one database statement (a period and its comparison, a time series). */
export async function readTermValueSets(db: Database, reads: readonly TermRead[]): Promise<TermValues[]> {
  return (await readTermValueSetsWith(db, reads)).values;
}

/** readTermValueSets, plus another read's scalar subquery in the same statement (an answer's objectives). */
export async function readTermValueSetsWith(
  db: Database,
  reads: readonly TermRead[],
  side?: SideQuery,
): Promise<{ values: TermValues[]; side: string | null }> {
  const queries: MeasureQuery[] = [];
  const plans = reads.map((q) => {
    const out: TermValues = { totals: new Map(), groups: new Map(), source: 'rollup' };
    const batches = new Map<
      string,
      { filter: MeasureTerm['filter']; terms: MeasureTerm[]; query?: number }
    >();
    for (const term of q.terms) {
      const key = `${term.window}|${JSON.stringify(Object.entries(term.filter).sort())}`;
      const batch = batches.get(key) ?? { filter: term.filter, terms: [] };
      batch.terms.push(term);
      batches.set(key, batch);
    }
    for (const batch of batches.values()) {
      const merged = mergeFilters(q.filters, batch.filter);
      if (merged === null) {
        // The term's own filter contradicts the scope (channel=web_form asked for channel emailing): nothing.
        for (const t of batch.terms) out.totals.set(termKey(t), 0);
        continue;
      }
      const window = batch.terms[0]!.window;
      batch.query = queries.length;
      queries.push({
        tenantId: q.tenantId,
        tz: q.tz,
        rollupTz: q.rollupTz,
        measures: [...new Set(batch.terms.map((t) => t.measure))] as MeasureName[],
        from: window === 'period' ? q.start : beginningOfTime(q.tz),
        to: window === 'before_start' ? q.start : q.end,
        filters: merged,
        groupBy: q.groupBy,
        ...(q.labels ? { labels: true } : {}),
        ...(q.now ? { now: q.now } : {}),
      });
    }
    return { q, out, batches: [...batches.values()] };
  });
  const read =
    queries.length > 0 || side ? await readMeasureSetsWith(db, queries, side) : { results: [], side: null };
  const results = read.results;
  const values = plans.map(({ q, out, batches }) => {
    for (const batch of batches) {
      if (batch.query === undefined) continue;
      const result = results[batch.query]!;
      if (result.source === 'raw') out.source = 'raw';
      for (const t of batch.terms) out.totals.set(termKey(t), result.totals[t.measure] ?? 0);
      for (const group of result.groups) {
        const values = out.groups.get(group.key) ?? new Map<string, number>();
        for (const t of batch.terms) values.set(termKey(t), group.values[t.measure] ?? 0);
        out.groups.set(group.key, values);
        if (group.label) {
          out.labels ??= new Map();
          out.labels.set(group.key, group.label);
        }
      }
    }
    // A group missing from one batch has zero for that batch's terms.
    for (const values of out.groups.values()) {
      for (const t of q.terms) if (!values.has(termKey(t))) values.set(termKey(t), 0);
    }
    return out;
  });
  return { values, side: read.side };
}

export function mergeFilters(
  scope: Partial<Record<Dimension, string>>,
  term: Partial<Record<Dimension, string>>,
): Partial<Record<Dimension, string>> | null {
  const merged = { ...scope };
  for (const [k, v] of Object.entries(term) as [Dimension, string][]) {
    if (merged[k] !== undefined && merged[k] !== v) return null;
    merged[k] = v;
  }
  return merged;
}
