import type { Dimension, MeasureName } from '../../core/metrics/measures.ts';
import type { Database } from '../database.ts';
import { coveringGrouping, groupingConditions } from './covering-grouping.ts';
import { type FactWindow, factsSql, measuresByEntity } from './facts-sql.ts';
import {
  addDays,
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
  /**
   * A breakdown by one dimension, or by several at once: then each group's key is their values joined by
   * KEY_SEPARATOR, in the order given (e.g. ['teamId', 'repId'] → 'team-1\u001frep-7').
   */
  groupBy?: Dimension | readonly Dimension[] | null;
  /** The zone the tenant's rollup days are cut in (Tenant.tz), when the caller knows it: saves a lookup. */
  rollupTz?: string;
  /** With a breakdown by rep, team or campaign: each group's display name, read in the same statement. */
  labels?: boolean;
  /**
   * When the question is asked: a range that ends inside the day of `now` or later (this week so far) may read
   * that open day from its rollup (see openDayCondition).
   */
  now?: Date;
}

export interface GroupLabel {
  /** The rep's, team's or campaign's name; null when the key names no row (a deleted rep). */
  label: string | null;
  /** The rep's team (a team's own id): what the access rules need to know of a breakdown row. */
  teamId: string | null;
}

export interface MeasureResult {
  /** rollup: whole local days from the rollups; raw: the raw tables; mixed: rollups for the whole days inside the
   * range, raw tables for the partial days at its ends (e.g. "this week" up to now). */
  source: 'rollup' | 'raw' | 'mixed';
  /** Every requested measure; 0 when nothing counts. */
  totals: Record<string, number>;
  /**
   * Empty without groupBy; key = the dimension's value ('' = none), or the values of several joined by
   * KEY_SEPARATOR; sorted by key; `labels` (one dimension only) adds `label`.
   */
  groups: { key: string; values: Record<string, number>; label?: GroupLabel }[];
}

/**
 * The measures over [from, to) from the rollups when a grouping covers the filters and the breakdown and the
 * query's zone is the one the rollups are computed in: calendar months fully inside the range from MetricMonthly,
 * the other whole days from MetricDaily, partial days at either end from the raw tables — except the day of
 * `now` when the range ends there, read from its rollup when that is exact (openDayCondition). Otherwise,
 * rawMeasures. Exact either way; only as fresh as the last recompute for the rolled-up days.
 */
export async function readMeasures(db: Database, q: MeasureQuery): Promise<MeasureResult> {
  const [result] = await readMeasureSets(db, [q]);
  return result!;
}

/** The same figures straight from the raw tables, for any instants: the reference and the fallback. */
export async function rawMeasures(db: Database, q: MeasureQuery): Promise<MeasureResult> {
  assertTimeZone(q.tz);
  const params = new SqlParams();
  const measures = [...new Set(q.measures)];
  const window = rawWindow({ from: q.from, to: q.to }, q.tz);
  const parts = q.from < q.to ? rawParts(q.tenantId, measures, window, params, readDims(q)) : [];
  const { results } = await aggregate(db, [{ query: q, measures, parts, ctes: [], source: 'raw' }], params);
  return { source: 'raw', ...results[0]! };
}

/**
 * Several readMeasures in one statement (one round trip, one plan), e.g. a period and its comparison, or every
 * bucket of a time series; results in the order of the queries, each exactly what readMeasures returns.
 */
export async function readMeasureSets(
  db: Database,
  queries: readonly MeasureQuery[],
): Promise<MeasureResult[]> {
  return (await readMeasureSetsWith(db, queries)).results;
}

/** Another statement's scalar subquery (giving text or NULL) read in the same round trip as the measures. */
export interface SideQuery {
  sql(params: SqlParams): string;
}

/** readMeasureSets, plus a side query's value. */
export async function readMeasureSetsWith(
  db: Database,
  queries: readonly MeasureQuery[],
  side?: SideQuery,
): Promise<{ results: MeasureResult[]; side: string | null }> {
  const zones = new Map<string, Promise<string | null>>();
  const rollupZone = (q: MeasureQuery): Promise<string | null> => {
    if (q.rollupTz !== undefined) return Promise.resolve(q.rollupTz);
    let zone = zones.get(q.tenantId);
    if (!zone) {
      zone = tenantZone(db.prisma, q.tenantId);
      zones.set(q.tenantId, zone);
    }
    return zone;
  };
  const params = new SqlParams();
  const plans: PlannedRead[] = [];
  for (const q of queries) {
    plans.push(planRead(q, plans.length, (await rollupZone(q)) === q.tz, params));
  }
  const read = await aggregate(db, plans, params, side);
  return {
    results: read.results.map((result, i) => ({ source: plans[i]!.source, ...result })),
    side: read.side,
  };
}

interface PlannedRead {
  query: MeasureQuery;
  measures: MeasureName[];
  /** SELECTs of (measure, repId, teamId, channel, campaignId, stage, value) rows to add up. */
  parts: string[];
  /** Named subqueries the parts refer to. */
  ctes: string[];
  source: MeasureResult['source'];
}

/** Which tables one read takes its rows from (see readMeasures); `index` names its subqueries. */
function planRead(q: MeasureQuery, index: number, rollupZone: boolean, params: SqlParams): PlannedRead {
  const filters = q.filters ?? {};
  const grouping = coveringGrouping([...readDims(q)]);
  assertTimeZone(q.tz);
  const measures = [...new Set(q.measures)];
  const days = wholeDays(q.from, q.to, q.tz);
  const today = days ? null : openDayOnly(q);
  if (!grouping || !(days || today) || !rollupZone) {
    const window = rawWindow({ from: q.from, to: q.to }, q.tz);
    const parts = q.from < q.to ? rawParts(q.tenantId, measures, window, params, readDims(q)) : [];
    return { query: q, measures, parts, ctes: [], source: 'raw' };
  }
  const parts = days ? rollupParts(q.tenantId, measures, days, grouping, filters, params) : [];
  const ctes: string[] = [];
  if (days?.head) {
    parts.push(...rawParts(q.tenantId, measures, rawWindow(days.head, q.tz), params, readDims(q)));
  }
  const tail = days ? days.tail : today!;
  if (tail && q.now && tail.to >= q.now) {
    const open = `open_day_${index}`;
    ctes.push(`${open} AS MATERIALIZED (SELECT ${openDayCondition(q, measures, tail, params)} AS yes)`);
    parts.push(...openDayParts(q, measures, grouping, filters, tail, open, params));
  } else if (tail) {
    parts.push(...rawParts(q.tenantId, measures, rawWindow(tail, q.tz), params, readDims(q)));
  }
  return { query: q, measures, parts, ctes, source: days && !days.head && !days.tail ? 'rollup' : 'mixed' };
}

/** What joins the values of a breakdown by several dimensions into one group key (the unit separator). */
export const KEY_SEPARATOR = '\u001f';
/** KEY_SEPARATOR in an SQL E'' string. */
export const KEY_SEPARATOR_SQL = '\\x1f';

/** The dimensions a query breaks down by, in order (none, one, or several). */
function breakdownOf(q: MeasureQuery): readonly Dimension[] {
  if (!q.groupBy) return [];
  return typeof q.groupBy === 'string' ? [q.groupBy] : q.groupBy;
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

/** "Today so far": a range from a local midnight to an instant of that same day, asked that day. */
function openDayOnly(q: MeasureQuery): InstantRange | null {
  if (!q.now || !(q.from < q.to) || q.to < q.now) return null;
  const day = floorLocalDay(q.from, q.tz);
  if (localMidnight(day, q.tz).getTime() !== q.from.getTime() || floorLocalDay(q.to, q.tz) !== day)
    return null;
  return { from: q.from, to: q.to };
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
  dims: readonly Dimension[],
): string[] {
  return [...measuresByEntity(measures)]
    .map(([entity, ofEntity]) => factsSql(entity, ofEntity, window, params, { tenantId, dims }))
    .filter((sql): sql is string => sql !== null);
}

/** The dimensions a read filters or groups on: the only ones its raw rows need. */
function readDims(q: MeasureQuery): Dimension[] {
  const dims = dimensionsOf(q.filters ?? {});
  for (const d of breakdownOf(q)) if (!dims.includes(d)) dims.push(d);
  return dims;
}

const ROLLUP_COLUMNS = 'measure, "repId", "teamId", channel, "campaignId", stage, value';

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
      (r) => `SELECT ${ROLLUP_COLUMNS} FROM "${r.table}"
        WHERE "tenantId" = ${tenant} AND measure = ANY(${names})
          AND ${r.column} >= ${params.add(r.from, 'date')} AND ${r.column} < ${params.add(r.to, 'date')}
          AND ${slice}`,
    );
}

/**
 * The open day: a range ending inside a day (typically "this week" up to now) needs that day's rows dated before
 * its end. When no row counts later that day and no rollup recompute is pending for the tenant (so the rollup
 * holds every row of the day as it is now), that is exactly the day's MetricDaily rows, a few index entries;
 * otherwise the raw tables are read for the piece, as before. The statement decides once (the CTE), so the
 * answer is the same either way and only the cost changes.
 */
function openDayCondition(
  q: MeasureQuery,
  measures: readonly MeasureName[],
  tail: InstantRange,
  params: SqlParams,
): string {
  const nextMidnight = localMidnight(addDays(floorLocalDay(tail.to, q.tz), 1), q.tz);
  // Only timestamp-dated entities can have rows later in the day; a daily table's row is the whole day.
  const later = rawParts(
    q.tenantId,
    measures,
    rawWindow({ from: tail.to, to: nextMidnight }, q.tz),
    params,
    [],
  );
  return [
    `NOT EXISTS (SELECT 1 FROM "RollupDirtyDay" WHERE "tenantId" = ${params.shared(q.tenantId, 'text')})`,
    ...later.map((sql) => `NOT EXISTS (${sql})`),
  ].join(' AND ');
}

function openDayParts(
  q: MeasureQuery,
  measures: readonly MeasureName[],
  grouping: readonly Dimension[],
  filters: Partial<Record<Dimension, string>>,
  tail: InstantRange,
  open: string,
  params: SqlParams,
): string[] {
  const yes = `(SELECT yes FROM ${open})`;
  const day = floorLocalDay(tail.from, q.tz);
  const rolled = `SELECT ${ROLLUP_COLUMNS} FROM "MetricDaily"
        WHERE ${yes} AND "tenantId" = ${params.shared(q.tenantId, 'text')}
          AND measure = ANY(${params.add(measures, 'text[]')}) AND day = ${params.add(day, 'date')}
          AND ${groupingConditions(grouping, filters, params).join(' AND ')}`;
  const raw = rawParts(q.tenantId, measures, rawWindow(tail, q.tz), params, readDims(q)).map(
    (sql) => `SELECT * FROM (${sql}) AS piece WHERE NOT ${yes}`,
  );
  return [rolled, ...raw];
}

/** Where a breakdown key's display name lives, and the team it belongs to (for the access rules). */
const LABEL_JOINS: Partial<Record<Dimension, { table: string; teamId: (alias: string) => string }>> = {
  repId: { table: 'Rep', teamId: (alias) => `${alias}."teamId"` },
  teamId: { table: 'Team', teamId: (alias) => `${alias}.id` },
  campaignId: { table: 'Campaign', teamId: () => 'NULL::text' },
};

/**
 * Sums the parts per read and measure (and per breakdown key) in one statement: each read's rows are tagged with
 * its position and filtered by its own scope, then grouped once. A side query (a scalar subquery giving text)
 * rides along as one more row.
 */
async function aggregate(
  db: Database,
  plans: readonly PlannedRead[],
  params: SqlParams,
  side?: SideQuery,
): Promise<{ results: Omit<MeasureResult, 'source'>[]; side: string | null }> {
  const zero = (measures: readonly string[]) =>
    Object.fromEntries(measures.map((m) => [m, 0])) as Record<string, number>;
  const results = plans.map((p) => ({
    totals: zero(p.measures),
    groups: new Map<string, { values: Record<string, number>; label?: GroupLabel }>(),
  }));
  const tagged: string[] = [];
  const labelled: { read: number; join: NonNullable<(typeof LABEL_JOINS)[Dimension]> }[] = [];
  for (const [i, p] of plans.entries()) {
    if (p.parts.length === 0 || p.measures.length === 0) continue;
    const filters = p.query.filters ?? {};
    const by = breakdownOf(p.query);
    const groupBy = by.length === 1 ? by[0]! : null;
    const key =
      by.length === 0
        ? 'NULL::text'
        : by.map((d) => `COALESCE(y."${d}", '')`).join(` || E'${KEY_SEPARATOR_SQL}' || `);
    const where = dimensionsOf(filters).map((d) => `y."${d}" = ${params.add(filters[d], 'text')}`);
    tagged.push(
      `SELECT ${i} AS read, y.measure, ${key} AS key, y.value
       FROM (${p.parts.join('\nUNION ALL\n')}) AS y
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}`,
    );
    const join = groupBy && p.query.labels ? LABEL_JOINS[groupBy] : undefined;
    if (join) labelled.push({ read: i, join });
  }
  const selects: string[] = [];
  if (tagged.length > 0) {
    const grouped = plans.some((p) => p.query.groupBy);
    const sums = `SELECT x.read, x.measure, ${grouped ? 'GROUPING(x.key) AS total, x.key' : '1 AS total, NULL::text AS key'},
         sum(x.value)::float8 AS value
       FROM (${tagged.join('\nUNION ALL\n')}) AS x
       GROUP BY ${grouped ? 'GROUPING SETS ((x.read, x.measure), (x.read, x.measure, x.key))' : 'x.read, x.measure'}`;
    const labels = labelled.map(
      ({ read, join }, n) =>
        `LEFT JOIN "${join.table}" l${n} ON s.read = ${read} AND s.total = 0
           AND l${n}."tenantId" = ${params.shared(plans[read]!.query.tenantId, 'text')} AND l${n}.id = s.key`,
    );
    const labelColumns =
      labelled.length > 0
        ? `COALESCE(${labelled.map((_, n) => `l${n}.name`).join(', ')}) AS label,
           COALESCE(${labelled.map(({ join }, n) => join.teamId(`l${n}`)).join(', ')}) AS "labelTeamId"`
        : 'NULL::text AS label, NULL::text AS "labelTeamId"';
    selects.push(`SELECT s.read, s.measure, s.total, s.key, s.value, ${labelColumns}
       FROM (${sums}) AS s ${labels.join('\n')}`);
  }
  if (side) {
    selects.push(`SELECT -1 AS read, NULL::text AS measure, 1 AS total, NULL::text AS key, NULL::float8 AS value,
       (${side.sql(params)}) AS label, NULL::text AS "labelTeamId"`);
  }
  if (selects.length === 0) return { results: results.map(finish), side: null };
  const ctes = plans.flatMap((p) => p.ctes);
  const statement = `${ctes.length > 0 ? `WITH ${ctes.join(',\n')}\n` : ''}${selects.join('\nUNION ALL\n')}`;
  const rows = await runRead<{
    read: number;
    measure: string;
    total: number;
    key: string | null;
    value: number;
    label: string | null;
    labelTeamId: string | null;
  }>(db, statement, params.values);
  let sideValue: string | null = null;
  for (const row of rows) {
    const read = Number(row.read);
    if (read === -1) {
      sideValue = row.label;
      continue;
    }
    const { query, measures } = plans[read]!;
    const result = results[read]!;
    if (Number(row.total) === 1) {
      result.totals[row.measure] = row.value;
      continue;
    }
    // A read without a breakdown also gets its (read, measure, NULL) grouping set: not a group.
    if (row.key === null || !query.groupBy) continue;
    let group = result.groups.get(row.key);
    if (!group) {
      group = { values: zero(measures) };
      if (query.labels && typeof query.groupBy === 'string' && LABEL_JOINS[query.groupBy]) {
        group.label = { label: row.label, teamId: row.labelTeamId };
      }
      result.groups.set(row.key, group);
    }
    group.values[row.measure] = row.value;
  }
  return { results: results.map(finish), side: sideValue };
}

/**
 * Straight on the pool where there is one (PostgreSQL): an answer is this one statement, so Prisma's per-query
 * work would be a good part of its time. The raw-table reads (rawMeasures) take the same way.
 */
export function runRead<T>(db: Database, sql: string, values: readonly unknown[]): Promise<T[]> {
  return db.query ? db.query<T>(sql, values) : db.prisma.$queryRawUnsafe<T[]>(sql, ...values);
}

function finish(r: {
  totals: Record<string, number>;
  groups: Map<string, { values: Record<string, number>; label?: GroupLabel }>;
}): Omit<MeasureResult, 'source'> {
  return {
    totals: r.totals,
    groups: [...r.groups.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, g]) => ({ key, values: g.values, ...(g.label ? { label: g.label } : {}) })),
  };
}
