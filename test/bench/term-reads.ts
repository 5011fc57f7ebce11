import { beginningOfTime } from '../../src/app/term-values.ts';
import type { CompiledMetric, MeasureTerm } from '../../src/core/metrics/index.ts';
import { termKey } from '../../src/core/metrics/index.ts';
import type { Dimension, MeasureName } from '../../src/core/metrics/measures.ts';
import type { Database } from '../../src/store/database.ts';
import type { MeasureQuery, MeasureResult } from '../../src/store/rollups/index.ts';

export type MeasureReader = (db: Database, q: MeasureQuery) => Promise<MeasureResult>;

export interface TermReads {
  totals: Map<string, number>;
  groups: Map<string, Map<string, number>>;
  sources: Set<MeasureResult['source']>;
}

/**
 * A metric's measure terms over [start, end), with one read per term window (all concurrent), as the answer
 * path batches them; `read` is readMeasures (rollups) or rawMeasures (raw tables). Terms of this benchmark's
 * questions carry no filter of their own, so windows are the only batching key.
 */
export async function readTerms(
  read: MeasureReader,
  db: Database,
  q: {
    tenantId: string;
    tz: string;
    metric: CompiledMetric;
    start: Date;
    end: Date;
    groupBy: Dimension | null;
  },
): Promise<TermReads> {
  const byWindow = new Map<MeasureTerm['window'], MeasureTerm[]>();
  for (const term of q.metric.terms) {
    if (Object.keys(term.filter).length > 0) {
      throw new Error(
        `bench: metric ${q.metric.name} has a filtered term (${termKey(term)}), not supported here`,
      );
    }
    byWindow.set(term.window, [...(byWindow.get(term.window) ?? []), term]);
  }
  const out: TermReads = { totals: new Map(), groups: new Map(), sources: new Set() };
  await Promise.all(
    [...byWindow].map(async ([window, terms]) => {
      const result = await read(db, {
        tenantId: q.tenantId,
        tz: q.tz,
        measures: [...new Set(terms.map((t) => t.measure))] as MeasureName[],
        from: window === 'period' ? q.start : beginningOfTime(q.tz),
        to: window === 'before_start' ? q.start : q.end,
        filters: {},
        groupBy: q.groupBy,
      });
      out.sources.add(result.source);
      for (const t of terms) out.totals.set(termKey(t), result.totals[t.measure] ?? 0);
      for (const group of result.groups) {
        const values = out.groups.get(group.key) ?? new Map<string, number>();
        for (const t of terms) values.set(termKey(t), group.values[t.measure] ?? 0);
        out.groups.set(group.key, values);
      }
    }),
  );
  for (const values of out.groups.values()) {
    for (const t of q.metric.terms) if (!values.has(termKey(t))) values.set(termKey(t), 0);
  }
  return out;
}
