import {
  DIMENSIONS,
  type Dimension,
  MEASURES,
  type MeasureEntity,
  type MeasureName,
} from '../../core/metrics/measures.ts';
import { ENTITY_SQL, type EntityJoin, MEASURE_SQL } from './entity-sql.ts';
import type { DayRange, InstantRange } from './local-days.ts';
import type { SqlParams } from './sql-params.ts';

/** Which dates to read: instants for timestamp-dated entities, local days for daily tables. */
export interface FactWindow {
  readonly instants: readonly InstantRange[];
  readonly days: readonly DayRange[];
}

export interface FactsOptions {
  readonly tenantId: string;
  /** Adds a `day` column (the tenant-local day) in this zone. */
  readonly dayZone?: string;
  /** The dimensions the caller filters or groups on (default: all); the others read '' and cost no join. */
  readonly dims?: readonly Dimension[];
}

/** The requested measures grouped by the entity (table) they are computed from. */
export function measuresByEntity(measures: Iterable<MeasureName>): Map<MeasureEntity, MeasureName[]> {
  const byEntity = new Map<MeasureEntity, MeasureName[]>();
  for (const measure of measures) {
    const entity = MEASURES[measure].entity;
    byEntity.set(entity, [...(byEntity.get(entity) ?? []), measure]);
  }
  return byEntity;
}

/**
 * One scan of an entity's table yielding a (measure, [day,] dimensions…, value) row per measure the row counts
 * for, restricted to the window; null when the window holds nothing for this entity. Every value is float8 so that
 * sums come back as JavaScript numbers.
 */
export function factsSql(
  entity: MeasureEntity,
  measures: readonly MeasureName[],
  window: FactWindow,
  params: SqlParams,
  options: FactsOptions,
): string | null {
  const def = ENTITY_SQL[entity];
  const bounds =
    def.grain === 'instant'
      ? window.instants.map((r) => [
          params.add(r.from.toISOString(), 'timestamptz'),
          params.add(r.to.toISOString(), 'timestamptz'),
        ])
      : window.days.map((r) => [params.add(r.from, 'date'), params.add(r.to, 'date')]);
  if (bounds.length === 0 || measures.length === 0) return null;
  const within = (column: string) =>
    bounds.map(([from, to]) => `(${column} >= ${from} AND ${column} < ${to})`).join(' OR ');
  const values = measures
    .map((m) => `('${m}', ${MEASURE_SQL[m].at}, (${MEASURE_SQL[m].value})::float8)`)
    .join(',\n      ');
  const wanted = options.dims ?? DIMENSIONS;
  const dimSql = DIMENSIONS.map((d) => (wanted.includes(d) ? def.dims[d] : `''`));
  const dims = DIMENSIONS.map((d, i) => `${dimSql[i]} AS "${d}"`).join(', ');
  const used = [
    def.alive,
    ...dimSql,
    ...measures.flatMap((m) => [MEASURE_SQL[m].at, MEASURE_SQL[m].value]),
  ].join('\n');
  const day = options.dayZone
    ? def.grain === 'instant'
      ? `(m.at AT TIME ZONE ${params.shared(options.dayZone, 'text')})::date AS day, `
      : 'm.at AS day, '
    : '';
  return `SELECT m.measure, ${day}${dims}, m.value
    FROM ${def.table} ${joinsUsed(def.joins, used)}
    CROSS JOIN LATERAL (VALUES
      ${values}
    ) AS m(measure, at, value)
    WHERE ${def.tenantColumn} = ${params.shared(options.tenantId, 'text')} AND ${def.alive}
      AND (${datesOf(def.dates, measures).map(within).join(' OR ')})
      AND m.value <> 0 AND (${within('m.at')})`;
}

/**
 * The joins the SQL reads from (a total needs no rep or lead lookup per row), with the joins those hang on: a
 * join is kept when its alias appears in the SQL or in a kept join after it.
 */
function joinsUsed(joins: readonly EntityJoin[], sql: string): string {
  const kept: string[] = [];
  let reads = sql;
  for (const join of [...joins].reverse()) {
    if (new RegExp(`(^|[^\\w"])${join.alias}\\.`).test(reads)) {
      kept.unshift(join.sql);
      reads += `\n${join.sql}`;
    }
  }
  return kept.join('\n      ');
}

/**
 * The entity's date columns the requested measures are counted on: "revenue won today" scans deals by closedAt
 * alone (its index) rather than by every date a deal has. All of them when no measure names one (defensive).
 */
function datesOf(dates: readonly string[], measures: readonly MeasureName[]): readonly string[] {
  const used = dates.filter((column) => measures.some((m) => MEASURE_SQL[m].at.includes(column)));
  return used.length > 0 ? used : dates;
}
