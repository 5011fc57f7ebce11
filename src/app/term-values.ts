import { type MeasureTerm, termKey } from '../core/metrics/formula.ts';
import type { Dimension, MeasureName } from '../core/metrics/measures.ts';
import type { Database } from '../store/database.ts';
import { readMeasures } from '../store/rollups/index.ts';

export interface TermValues {
  totals: Map<string, number>;
  /** Per breakdown key (e.g. a rep id), the same term values. */
  groups: Map<string, Map<string, number>>;
  /** 'raw' when any read could not use the rollups (a range not aligned to local days, an uncovered filter). */
  source: 'rollup' | 'raw';
}

/** Who and where a read is for: the tenant, the answer's zone, the rollups' zone, the scope's filters. */
export interface ReadScope {
  tenantId: string;
  tz: string;
  rollupTz: string;
  filters: Partial<Record<Dimension, string>>;
}

const EPOCH = new Date(Date.UTC(1970, 0, 1));

/**
 * Reads every measure term a metric needs over a period, for the scope's filters and an optional breakdown:
 * one database read per distinct (window, filter) combination, all aggregated in the database.
 */
export async function readTermValues(
  db: Database,
  q: ReadScope & { terms: readonly MeasureTerm[]; start: Date; end: Date; groupBy: Dimension | null },
): Promise<TermValues> {
  const batches = new Map<
    string,
    { window: MeasureTerm['window']; filter: MeasureTerm['filter']; terms: MeasureTerm[] }
  >();
  for (const term of q.terms) {
    const key = `${term.window}|${JSON.stringify(Object.entries(term.filter).sort())}`;
    const batch = batches.get(key) ?? { window: term.window, filter: term.filter, terms: [] };
    batch.terms.push(term);
    batches.set(key, batch);
  }
  const out: TermValues = { totals: new Map(), groups: new Map(), source: 'rollup' };
  await Promise.all(
    [...batches.values()].map(async (batch) => {
      const merged = mergeFilters(q.filters, batch.filter);
      const measures = [...new Set(batch.terms.map((t) => t.measure))] as MeasureName[];
      if (merged === null) {
        // The term's own filter contradicts the scope (channel=web_form asked for channel emailing): nothing.
        for (const t of batch.terms) out.totals.set(termKey(t), 0);
        return;
      }
      const from = batch.window === 'period' ? q.start : EPOCH;
      const to = batch.window === 'before_start' ? q.start : q.end;
      const result = await readMeasures(db, {
        tenantId: q.tenantId,
        tz: q.tz,
        rollupTz: q.rollupTz,
        measures,
        from,
        to,
        filters: merged,
        groupBy: q.groupBy,
      });
      if (result.source === 'raw') out.source = 'raw';
      for (const t of batch.terms) out.totals.set(termKey(t), result.totals[t.measure] ?? 0);
      for (const group of result.groups) {
        const values = out.groups.get(group.key) ?? new Map<string, number>();
        for (const t of batch.terms) values.set(termKey(t), group.values[t.measure] ?? 0);
        out.groups.set(group.key, values);
      }
    }),
  );
  // A group missing from one batch has zero for that batch's terms.
  for (const values of out.groups.values()) {
    for (const t of q.terms) if (!values.has(termKey(t))) values.set(termKey(t), 0);
  }
  return out;
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
