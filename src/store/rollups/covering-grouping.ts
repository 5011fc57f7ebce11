import { DIMENSIONS, type Dimension, ROLLUP_GROUPINGS } from '../../core/metrics/measures.ts';
import type { SqlParams } from './sql-params.ts';

/** The first rollup grouping that keeps every dimension the query filters on or breaks down by. */
export function coveringGrouping(needed: Iterable<Dimension>): readonly Dimension[] | undefined {
  const dims = [...needed];
  return ROLLUP_GROUPINGS.find((g) => dims.every((d) => g.includes(d)));
}

/**
 * SQL conditions selecting the rows of one grouping set: its dimensions hold a real value ('' included), the others
 * the rolled-up ALL ('*'); filtered dimensions hold the filter value.
 */
export function groupingConditions(
  grouping: readonly Dimension[],
  filters: Partial<Record<Dimension, string>>,
  params: SqlParams,
): string[] {
  return DIMENSIONS.map((d) => {
    if (!grouping.includes(d)) return `"${d}" = '*'`;
    const value = filters[d];
    return value === undefined ? `"${d}" <> '*'` : `"${d}" = ${params.add(value, 'text')}`;
  });
}
