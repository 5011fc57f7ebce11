import type { Dimension, MeasureName } from '../../core/metrics/measures.ts';
import type { Database } from '../database.ts';
import { coveringGrouping, groupingConditions } from './covering-grouping.ts';
import { factsSql, measuresByEntity } from './facts-sql.ts';
import { assertTimeZone, type DayRange, instantsOf, type LocalDay } from './local-days.ts';
import { KEY_SEPARATOR_SQL, runRead } from './read-measures.ts';
import { SqlParams } from './sql-params.ts';
import { tenantZone } from './tenant-zone.ts';

export interface DailyMeasureQuery {
  tenantId: string;
  tz: string;
  measures: MeasureName[];
  /** Whole local days [from, to) in `tz`. */
  days: DayRange;
  /** Only these days of the range (e.g. the same weekday over eight weeks): fewer rows read and returned. */
  only?: readonly LocalDay[];
  filters?: Partial<Record<Dimension, string>>;
  /** One dimension, or several (keys joined by KEY_SEPARATOR, as readMeasures). */
  groupBy?: Dimension | readonly Dimension[] | null;
  /** The zone the tenant's rollup days are cut in (Tenant.tz), when the caller knows it: saves a lookup. */
  rollupTz?: string;
}

export interface DailyMeasureResult {
  source: 'rollup' | 'raw';
  /** One row per (day, measure) with a non-zero total (key null), and per (day, measure, group key) with groupBy. */
  rows: { day: LocalDay; key: string | null; measure: string; value: number }[];
}

/**
 * The measures of each local day in a range, optionally per value of one dimension, in one statement: from
 * MetricDaily when a rollup grouping covers the filters and the breakdown (and the zone is the rollups'), else
 * from the raw tables cut into days in `tz`. What day-by-day judgements (seasonal baselines, replays) read
 * instead of one aggregate read per day.
 */
export async function readDailyMeasures(db: Database, q: DailyMeasureQuery): Promise<DailyMeasureResult> {
  assertTimeZone(q.tz);
  const filters = q.filters ?? {};
  const by: readonly Dimension[] = !q.groupBy ? [] : typeof q.groupBy === 'string' ? [q.groupBy] : q.groupBy;
  const measures = [...new Set(q.measures)];
  if (measures.length === 0 || !(q.days.from < q.days.to)) return { source: 'rollup', rows: [] };
  const dims = (Object.keys(filters) as Dimension[]).filter((d) => filters[d] !== undefined);
  const grouping = coveringGrouping([...dims, ...by]);
  const rollup = grouping && (q.rollupTz ?? (await tenantZone(db.prisma, q.tenantId))) === q.tz;
  const params = new SqlParams();
  const only = q.only ? ` AND day = ANY(${params.add(q.only, 'date[]')})` : '';
  let parts: string[];
  if (rollup) {
    parts = [
      `SELECT measure, day, "repId", "teamId", channel, "campaignId", stage, value FROM "MetricDaily"
        WHERE "tenantId" = ${params.shared(q.tenantId, 'text')} AND measure = ANY(${params.add(measures, 'text[]')})
          AND day >= ${params.add(q.days.from, 'date')} AND day < ${params.add(q.days.to, 'date')}${only}
          AND ${groupingConditions(grouping, filters, params).join(' AND ')}`,
    ];
  } else {
    const window = { instants: [instantsOf(q.days, q.tz)], days: [q.days] };
    parts = [...measuresByEntity(measures)]
      .map(([entity, ofEntity]) =>
        factsSql(entity, ofEntity, window, params, { tenantId: q.tenantId, dayZone: q.tz }),
      )
      .filter((sql): sql is string => sql !== null);
  }
  if (parts.length === 0) return { source: rollup ? 'rollup' : 'raw', rows: [] };
  const where = dims.map((d) => `x."${d}" = ${params.add(filters[d], 'text')}`);
  if (q.only && !rollup) where.push(`x.day = ANY(${params.add(q.only, 'date[]')})`);
  const columns = by.map((d) => `x."${d}"`);
  const key =
    by.length > 0
      ? `CASE WHEN GROUPING(${columns.join(', ')}) = 0 THEN ${by.map((d) => `COALESCE(x."${d}", '')`).join(` || E'${KEY_SEPARATOR_SQL}' || `)} END`
      : 'NULL::text';
  const rows = await runRead<DailyMeasureResult['rows'][number]>(
    db,
    `SELECT x.measure, to_char(x.day, 'YYYY-MM-DD') AS day, ${key} AS key, sum(x.value)::float8 AS value
     FROM (${parts.join('\nUNION ALL\n')}) AS x
     ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
     GROUP BY ${by.length > 0 ? `GROUPING SETS ((x.measure, x.day), (x.measure, x.day, ${columns.join(', ')}))` : 'x.measure, x.day'}`,
    params.values,
  );
  return { source: rollup ? 'rollup' : 'raw', rows };
}
