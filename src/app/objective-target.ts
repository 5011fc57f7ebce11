import { DateTime } from 'luxon';
import type { KpiAnswer } from '../core/answer.ts';
import type { Period, PeriodContext } from '../core/periods/index.ts';
import { elapsedShare, fullCalendarPeriod } from '../core/periods/index.ts';
import type { Prisma } from '../store/database.ts';
import { addDays, addMonths, floorLocalDay } from '../store/rollups/local-days.ts';
import { SqlParams } from '../store/rollups/sql-params.ts';

type Grain = 'week' | 'month' | 'quarter' | 'year';
const GRAIN_UNIT: Record<Grain, { weeks?: number; months?: number; years?: number }> = {
  week: { weeks: 1 },
  month: { months: 1 },
  quarter: { months: 3 },
  year: { years: 1 },
};

export interface TargetScope {
  repId: string | null;
  teamId: string | null;
}

/**
 * The objective for a metric over a period, from the Objective rows that cover it. Additive metrics (counts,
 * sums) prorate each objective by the days it shares with the period and add them up; levels and rates (win rate,
 * pipeline) take the day-weighted mean. A tenant with no tenant-level objective adds up its teams' (or a team its
 * reps'), for additive metrics. No target unless objectives cover every day of the period.
 */
export async function findTarget(
  prisma: Prisma,
  tenantId: string,
  metric: string,
  additive: boolean,
  scope: TargetScope,
  period: Period,
  ctx: PeriodContext,
): Promise<{ value: number; full: Period } | null> {
  const lookup = objectiveLookup(tenantId, metric, additive, scope, period, ctx);
  const params = new SqlParams();
  const [row] = await prisma.$queryRawUnsafe<{ objectives: string | null }[]>(
    `SELECT (${lookup.sql(params)}) AS objectives`,
    ...params.values,
  );
  return lookup.target(row?.objectives ?? null);
}

/**
 * findTarget in two halves, so that the objectives can be read inside another statement (an answer reads them
 * with its figures, one round trip): `sql` is a scalar subquery giving the candidate objectives as JSON text,
 * `target` turns that text into the target.
 */
export interface ObjectiveLookup {
  sql(params: SqlParams): string;
  target(objectives: string | null): { value: number; full: Period } | null;
}

export function objectiveLookup(
  tenantId: string,
  metric: string,
  additive: boolean,
  scope: TargetScope,
  period: Period,
  ctx: PeriodContext,
): ObjectiveLookup {
  const full = period.toDate ? fullCalendarPeriod(period, ctx) : period;
  const tz = period.tz;
  const start = floorLocalDay(full.start, tz);
  const lt = floorLocalDay(full.end, tz);
  // The day before which an objective of each grain cannot reach the period: one of its own lengths back.
  const since: Record<Grain, string> = {
    week: addDays(start, -7),
    month: addMonths(start, -1),
    quarter: addMonths(start, -3),
    year: addMonths(start, -12),
  };
  // Most specific level first; a later level counts only when the earlier ones give no target.
  const levels: { type: 'rep' | 'team' | 'tenant'; ids: 'one' | 'all' | 'team_reps' }[] = [];
  if (scope.repId) levels.push({ type: 'rep', ids: 'one' });
  else if (scope.teamId) {
    levels.push({ type: 'team', ids: 'one' });
    if (additive) levels.push({ type: 'rep', ids: 'team_reps' });
  } else {
    levels.push({ type: 'tenant', ids: 'all' });
    if (additive) levels.push({ type: 'team', ids: 'all' });
  }
  const sql = (params: SqlParams) => {
    const tenant = params.shared(tenantId, 'text');
    // Only objectives that can overlap the period: each grain looks back one of its own lengths, so a monthly
    // question reads a handful of rows, not a year of every team's and rep's objectives.
    const window = (Object.keys(GRAIN_UNIT) as Grain[])
      .map((grain) => `(o.grain = '${grain}' AND o."periodStart" > ${params.add(since[grain], 'date')})`)
      .join(' OR ');
    // Every level at once: the fallback levels are a few more rows, not another query.
    const scopes = levels.map(({ type, ids }) => {
      const id =
        ids === 'one'
          ? ` AND o."scopeId" = ${params.add(type === 'rep' ? scope.repId : scope.teamId, 'text')}`
          : ids === 'team_reps'
            ? ` AND o."scopeId" IN (SELECT r.id FROM "Rep" r
                 WHERE r."tenantId" = ${tenant} AND r."teamId" = ${params.add(scope.teamId, 'text')})`
            : '';
      return `(o."scopeType" = '${type}'${id})`;
    });
    return `SELECT json_agg(json_build_array(o."scopeType", o."scopeId", o.grain,
         to_char(o."periodStart", 'YYYY-MM-DD'), o.target))::text
       FROM "Objective" o
       WHERE o."tenantId" = ${tenant} AND o.metric = ${params.add(metric, 'text')}
         AND o."periodStart" < ${params.add(lt, 'date')} AND (${window}) AND (${scopes.join(' OR ')})`;
  };
  const target = (objectives: string | null) => {
    if (objectives === null) return null;
    const rows = (JSON.parse(objectives) as [string, string, Grain, string, number][]).map(
      ([scopeType, scopeId, grain, day, value]) => ({
        scopeType,
        scopeId,
        grain,
        periodStart: new Date(`${day}T00:00:00Z`),
        target: value,
      }),
    );
    const periodDays = daysBetween(full.start, full.end, tz);
    for (const level of levels) {
      const candidates = rows.filter((r) => r.scopeType === level.type);
      if (candidates.length === 0) continue;
      const value = combineObjectives(candidates, full, tz, periodDays, additive);
      if (value !== null) return { value, full };
    }
    return null;
  };
  return { sql, target };
}

/** The target of one scope level from its objectives (see findTarget); null unless they cover every day. */
export function combineObjectives(
  objectives: { scopeId: string; grain: Grain; periodStart: Date; target: number }[],
  full: Period,
  tz: string,
  periodDays: number,
  additive: boolean,
  /** Overlaps already worked out for this same `full` period (a caller combining many scopes' objectives). */
  shares: Map<string, ObjectiveOverlap | null> = new Map(),
): number | null {
  const byScope = new Map<string, typeof objectives>();
  for (const o of objectives) byScope.set(o.scopeId, [...(byScope.get(o.scopeId) ?? []), o]);
  // Many scopes share the same objective periods (every team's month): the zone arithmetic is done once per
  // distinct (period start, grain), not once per objective.
  const share = (o: { grain: Grain; periodStart: Date }) => {
    const key = `${o.grain}|${o.periodStart.getTime()}`;
    let known = shares.get(key);
    if (known === undefined) {
      known = overlap(o, full, tz);
      shares.set(key, known);
    }
    return known;
  };
  let total = 0;
  let weighted = 0;
  for (const list of byScope.values()) {
    // Prefer the finest grain when objectives of several grains exist for the same scope.
    const grains = new Set(list.map((o) => o.grain));
    const grain = (['week', 'month', 'quarter', 'year'] as const).find((g) => grains.has(g))!;
    let covered = 0;
    let sum = 0;
    let mean = 0;
    for (const o of list.filter((x) => x.grain === grain)) {
      const shared = share(o);
      if (!shared) continue;
      covered += shared.days;
      sum += (o.target * shared.days) / shared.objectiveDays;
      mean += o.target * shared.days;
    }
    if (covered + 1e-9 < periodDays) return null;
    total += sum;
    weighted += mean / covered;
  }
  return additive ? total : weighted / byScope.size;
}

/** The days an objective shares with a period, and its own length in days. */
export interface ObjectiveOverlap {
  days: number;
  objectiveDays: number;
}

/** The days an objective shares with the period, and its own length in days; null when they do not overlap. */
function overlap(o: { grain: Grain; periodStart: Date }, full: Period, tz: string): ObjectiveOverlap | null {
  const start = DateTime.fromISO(o.periodStart.toISOString().slice(0, 10), { zone: tz });
  const end = start.plus(GRAIN_UNIT[o.grain]);
  const overlapStart = Math.max(start.toMillis(), full.start.getTime());
  const overlapEnd = Math.min(end.toMillis(), full.end.getTime());
  if (overlapEnd <= overlapStart) return null;
  return {
    days: daysBetween(new Date(overlapStart), new Date(overlapEnd), tz),
    objectiveDays: daysBetween(start.toJSDate(), end.toJSDate(), tz),
  };
}

function daysBetween(a: Date, b: Date, tz: string): number {
  const x = DateTime.fromJSDate(a, { zone: tz });
  const y = DateTime.fromJSDate(b, { zone: tz });
  return y.diff(x, 'days').days;
}

/** Attainment and pace of a value against a target. */
export function targetSection(
  value: number | null,
  target: { value: number; full: Period },
  period: Period,
  now: Date,
  opts: { additive: boolean; downIsGood: boolean },
): NonNullable<KpiAnswer['target']> {
  const ratio = (a: number | null, b: number | null) =>
    a === null || b === null || b === 0 ? null : opts.downIsGood ? (a === 0 ? null : b / a) : a / b;
  const attainment = ratio(value, target.value);
  let pace: NonNullable<KpiAnswer['target']>['pace'] = null;
  if (period.toDate && opts.additive) {
    const share = elapsedShare(target.full, now);
    const expected = target.value * share;
    pace = { expected, elapsedShare: share, attainment: ratio(value, expected) };
  }
  return { value: target.value, attainment, pace };
}
