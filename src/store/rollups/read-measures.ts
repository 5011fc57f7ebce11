import type { Dimension, MeasureName } from '../../core/metrics/measures.ts';
import type { Database } from '../database.ts';
import { coveringGrouping, groupingConditions } from './covering-grouping.ts';
import { type FactWindow, factsSql, measuresByEntity } from './facts-sql.ts';
import {
  addMonths,
  assertTimeZone,
  ceilLocalDay,
  type DayRange,
  floorLocalDay,
  type InstantRange,
  type LocalDay,
  localMidnight,
  monthOf,
} from './local-days.ts';
import type { SqlClient } from './rollup-sql.ts';
import { SqlParams } from './sql-params.ts';
import { tenantZone } from './tenant-zone.ts';

export interface MeasureQuery {
  tenantId: string;
  tz: string;
  measures: MeasureName[];
  /** Half-open [from, to) instants. */
  from: Date;
  to: Date;
  filters?: Partial<Record<Dimension, string>>;
  groupBy?: Dimension | null;
  /** The zone the tenant's rollup days are cut in (Tenant.tz), when the caller knows it: saves a lookup. */
  rollupTz?: string;
}

export interface MeasureResult {
  /** rollup: whole local days from the rollups; raw: the raw tables; mixed: rollups for the whole days inside the
   * range, raw tables for the partial days at its ends (e.g. "this week" up to now). */
  source: 'rollup' | 'raw' | 'mixed';
  /** Every requested measure; 0 when nothing counts. */
  totals: Record<string, number>;
  /** Empty without groupBy; key = the dimension's value ('' = none), sorted by key. */
  groups: { key: string; values: Record<string, number> }[];
}

/**
 * The measures over [from, to) from the rollups when a grouping covers the filters and the breakdown and the
 * query's zone is the one the rollups are computed in: calendar months fully inside the range from MetricMonthly,
 * the other whole days from MetricDaily, partial days at either end from the raw tables. Otherwise, rawMeasures.
 * Exact either way; only as fresh as the last recompute for the rolled-up days.
 */
export async function readMeasures(db: Database, q: MeasureQuery): Promise<MeasureResult> {
  const filters = q.filters ?? {};
  const groupBy = q.groupBy ?? null;
  const grouping = coveringGrouping([...dimensionsOf(filters), ...(groupBy ? [groupBy] : [])]);
  assertTimeZone(q.tz);
  const days = wholeDays(q.from, q.to, q.tz);
  if (!grouping || !days || (q.rollupTz ?? (await tenantZone(db.prisma, q.tenantId))) !== q.tz) {
    return rawMeasures(db, q);
  }
  const params = new SqlParams();
  const measures = [...new Set(q.measures)];
  const parts = rollupParts(q.tenantId, measures, days, grouping, filters, params);
  const edges = [days.head, days.tail].filter((r): r is InstantRange => r !== undefined);
  for (const edge of edges) parts.push(...rawParts(q.tenantId, measures, rawWindow(edge, q.tz), params));
  const result = await aggregate(db.prisma, measures, parts, params, filters, groupBy);
  return { source: edges.length > 0 ? 'mixed' : 'rollup', ...result };
}

/** The same figures straight from the raw tables, for any instants: the reference and the fallback. */
export async function rawMeasures(db: Database, q: MeasureQuery): Promise<MeasureResult> {
  assertTimeZone(q.tz);
  const params = new SqlParams();
  const measures = [...new Set(q.measures)];
  const window = rawWindow({ from: q.from, to: q.to }, q.tz);
  const parts = q.from < q.to ? rawParts(q.tenantId, measures, window, params) : [];
  const result = await aggregate(db.prisma, measures, parts, params, q.filters ?? {}, q.groupBy ?? null);
  return { source: 'raw', ...result };
}

function dimensionsOf(filters: Partial<Record<Dimension, string>>): Dimension[] {
  return (Object.keys(filters) as Dimension[]).filter((d) => filters[d] !== undefined);
}

interface WholeDays {
  /** Local days [first, end) whose midnights are inside the range. */
  days: DayRange;
  head?: InstantRange;
  tail?: InstantRange;
}

/** The whole local days inside [from, to), and the partial-day pieces around them; null when there is none. */
function wholeDays(from: Date, to: Date, tz: string): WholeDays | null {
  if (!(from < to)) return null;
  const first = ceilLocalDay(from, tz);
  const end = floorLocalDay(to, tz);
  if (!(first < end)) return null;
  const start = localMidnight(first, tz);
  const stop = localMidnight(end, tz);
  return {
    days: { from: first, to: end },
    ...(from < start ? { head: { from, to: start } } : {}),
    ...(stop < to ? { tail: { from: stop, to } } : {}),
  };
}

/** A daily-table row (a local day) counts when the day's midnight is inside the instants. */
function rawWindow(range: InstantRange, tz: string): FactWindow {
  const first = ceilLocalDay(range.from, tz);
  const end = ceilLocalDay(range.to, tz);
  return { instants: [range], days: first < end ? [{ from: first, to: end }] : [] };
}

function rawParts(
  tenantId: string,
  measures: readonly MeasureName[],
  window: FactWindow,
  params: SqlParams,
): string[] {
  return [...measuresByEntity(measures)]
    .map(([entity, ofEntity]) => factsSql(entity, ofEntity, window, params, { tenantId }))
    .filter((sql): sql is string => sql !== null);
}

/** Months fully inside the days from MetricMonthly, the days before and after them from MetricDaily. */
function rollupParts(
  tenantId: string,
  measures: readonly MeasureName[],
  { days }: WholeDays,
  grouping: readonly Dimension[],
  filters: Partial<Record<Dimension, string>>,
  params: SqlParams,
): string[] {
  const firstMonth = days.from === monthOf(days.from) ? days.from : addMonths(monthOf(days.from), 1);
  const endMonth = monthOf(days.to);
  const ranges: { table: 'MetricMonthly' | 'MetricDaily'; column: string; from: LocalDay; to: LocalDay }[] =
    firstMonth < endMonth
      ? [
          { table: 'MetricDaily', column: 'day', from: days.from, to: firstMonth },
          { table: 'MetricMonthly', column: 'month', from: firstMonth, to: endMonth },
          { table: 'MetricDaily', column: 'day', from: endMonth, to: days.to },
        ]
      : [{ table: 'MetricDaily', column: 'day', from: days.from, to: days.to }];
  const tenant = params.shared(tenantId, 'text');
  const names = params.add(measures, 'text[]');
  const slice = groupingConditions(grouping, filters, params).join(' AND ');
  return ranges
    .filter((r) => r.from < r.to)
    .map(
      (r) => `SELECT measure, "repId", "teamId", channel, "campaignId", stage, value FROM "${r.table}"
        WHERE "tenantId" = ${tenant} AND measure = ANY(${names})
          AND ${r.column} >= ${params.add(r.from, 'date')} AND ${r.column} < ${params.add(r.to, 'date')}
          AND ${slice}`,
    );
}

/** Sums the parts per measure (and per breakdown key) in one statement. */
async function aggregate(
  sql: SqlClient,
  measures: readonly MeasureName[],
  parts: readonly string[],
  params: SqlParams,
  filters: Partial<Record<Dimension, string>>,
  groupBy: Dimension | null,
): Promise<Omit<MeasureResult, 'source'>> {
  const zero = () => Object.fromEntries(measures.map((m) => [m, 0])) as Record<string, number>;
  const totals = zero();
  if (parts.length === 0 || measures.length === 0) return { totals, groups: [] };
  const where = dimensionsOf(filters).map((d) => `x."${d}" = ${params.add(filters[d], 'text')}`);
  const rows = await sql.$queryRawUnsafe<{ measure: string; key: string | null; value: number }[]>(
    `SELECT x.measure, ${groupBy ? `CASE WHEN GROUPING(x."${groupBy}") = 0 THEN x."${groupBy}" END` : 'NULL::text'} AS key,
       sum(x.value)::float8 AS value
     FROM (${parts.join('\nUNION ALL\n')}) AS x
     ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
     GROUP BY ${groupBy ? `GROUPING SETS ((x.measure), (x.measure, x."${groupBy}"))` : 'x.measure'}`,
    ...params.values,
  );
  const groups = new Map<string, Record<string, number>>();
  for (const row of rows) {
    if (row.key === null) {
      totals[row.measure] = row.value;
    } else {
      const values = groups.get(row.key) ?? zero();
      values[row.measure] = row.value;
      groups.set(row.key, values);
    }
  }
  return {
    totals,
    groups: [...groups.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, values]) => ({ key, values })),
  };
}
