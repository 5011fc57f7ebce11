import { DateTime } from 'luxon';
import type { Period } from '../../core/periods/index.ts';
import type { Prisma } from '../../store/database.ts';
import { combineObjectives, type ObjectiveOverlap, type TargetScope } from '../objective-target.ts';

type Grain = 'week' | 'month' | 'quarter' | 'year';
type ObjectiveRow = {
  metric: string;
  scopeType: 'tenant' | 'team' | 'rep';
  scopeId: string;
  grain: Grain;
  periodStart: Date;
  target: number;
};
const GRAIN_UNIT: Record<Grain, { weeks?: number; months?: number }> = {
  week: { weeks: 1 },
  month: { months: 1 },
  quarter: { months: 3 },
  year: { months: 12 },
};

/**
 * Objectives for many (metric, scope) targets at once: the tenant's objectives of the metrics the rules pace
 * are read in one query, then each target is resolved in memory with the same levels as findTarget (the scope's
 * own objectives first, then for additive metrics the sum of its teams' or reps') and the same proration. Pacing
 * thousands of reps costs one read instead of one findTarget each.
 */
export class TargetBook {
  private readonly cache = new Map<string, number | null>();
  /** Per whole period: its bounds in days, and the overlap of each (grain, start) objective with it. */
  private readonly periods = new Map<
    string,
    { lt: string; since: Record<Grain, string>; days: number; shares: Map<string, ObjectiveOverlap | null> }
  >();

  private constructor(
    /** metric → scope type → scope id → objectives. */
    private readonly objectives: ReadonlyMap<string, Map<string, Map<string, ObjectiveRow[]>>>,
    private readonly repsByTeam: ReadonlyMap<string, string[]>,
  ) {}

  static async load(
    prisma: Prisma,
    tenantId: string,
    metrics: ReadonlySet<string>,
    periods: readonly Period[],
    reps: ReadonlyArray<{ id: string; teamId: string | null }>,
  ): Promise<TargetBook> {
    const byMetric = new Map<string, Map<string, Map<string, ObjectiveRow[]>>>();
    if (metrics.size > 0 && periods.length > 0) {
      const from = Math.min(...periods.map((p) => p.start.getTime()));
      const to = Math.max(...periods.map((p) => p.end.getTime()));
      const rows = await prisma.objective.findMany({
        where: {
          tenantId,
          metric: { in: [...metrics] },
          // A year before the earliest start covers the longest grain looking back one of its lengths.
          periodStart: { gt: new Date(from - 367 * 86_400_000), lt: new Date(to + 86_400_000) },
        },
        select: {
          metric: true,
          scopeType: true,
          scopeId: true,
          grain: true,
          periodStart: true,
          target: true,
        },
      });
      for (const row of rows) {
        const types = byMetric.get(row.metric) ?? new Map<string, Map<string, ObjectiveRow[]>>();
        byMetric.set(row.metric, types);
        const ids = types.get(row.scopeType) ?? new Map<string, ObjectiveRow[]>();
        types.set(row.scopeType, ids);
        ids.set(row.scopeId, [...(ids.get(row.scopeId) ?? []), row as ObjectiveRow]);
      }
    }
    const repsByTeam = new Map<string, string[]>();
    for (const rep of reps) {
      if (rep.teamId) repsByTeam.set(rep.teamId, [...(repsByTeam.get(rep.teamId) ?? []), rep.id]);
    }
    return new TargetBook(byMetric, repsByTeam);
  }

  /** The objective of `metric` over the whole calendar period `full` for the scope, or null (as findTarget). */
  target(metric: string, additive: boolean, scope: TargetScope, full: Period): number | null {
    const key = `${metric}|${additive}|${scope.repId ?? ''}|${scope.teamId ?? ''}|${full.start.getTime()}|${full.end.getTime()}`;
    if (this.cache.has(key)) return this.cache.get(key) ?? null;
    const value = this.compute(metric, additive, scope, full);
    this.cache.set(key, value);
    return value;
  }

  private compute(metric: string, additive: boolean, scope: TargetScope, full: Period): number | null {
    const types = this.objectives.get(metric);
    if (!types) return null;
    const { lt, since, days, shares } = this.period(full);
    // As findTarget: objectives that can overlap the period, each grain looking back one of its own lengths.
    const overlapping = (o: ObjectiveRow) => {
      const day = o.periodStart.toISOString().slice(0, 10);
      return day > since[o.grain] && day < lt;
    };
    const levels: { type: ObjectiveRow['scopeType']; ids: readonly string[] | null }[] = [];
    if (scope.repId) levels.push({ type: 'rep', ids: [scope.repId] });
    else if (scope.teamId) {
      levels.push({ type: 'team', ids: [scope.teamId] });
      if (additive) levels.push({ type: 'rep', ids: this.repsByTeam.get(scope.teamId) ?? [] });
    } else {
      levels.push({ type: 'tenant', ids: null });
      if (additive) levels.push({ type: 'team', ids: null });
    }
    for (const level of levels) {
      const byId = types.get(level.type);
      if (!byId) continue;
      const lists = level.ids === null ? [...byId.values()] : level.ids.map((id) => byId.get(id) ?? []);
      const candidates = lists.flat().filter(overlapping);
      if (candidates.length === 0) continue;
      const target = combineObjectives(candidates, full, full.tz, days, additive, shares);
      if (target !== null) return target;
    }
    return null;
  }

  private period(full: Period) {
    const key = `${full.start.getTime()}|${full.end.getTime()}|${full.tz}`;
    let known = this.periods.get(key);
    if (!known) {
      const start = DateTime.fromJSDate(full.start, { zone: full.tz });
      const end = DateTime.fromJSDate(full.end, { zone: full.tz });
      known = {
        lt: end.toISODate()!,
        since: Object.fromEntries(
          (Object.keys(GRAIN_UNIT) as Grain[]).map((g) => [g, start.minus(GRAIN_UNIT[g]).toISODate()!]),
        ) as Record<Grain, string>,
        days: end.diff(start, 'days').days,
        shares: new Map(),
      };
      this.periods.set(key, known);
    }
    return known;
  }
}
