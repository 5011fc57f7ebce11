import { DateTime } from 'luxon';
import type { KpiAnswer } from '../core/answer.ts';
import type { Period, PeriodContext } from '../core/periods/index.ts';
import { elapsedShare, fullCalendarPeriod } from '../core/periods/index.ts';
import type { Prisma } from '../store/database.ts';

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
  const full = period.toDate ? fullCalendarPeriod(period, ctx) : period;
  const tz = period.tz;
  const start = DateTime.fromJSDate(full.start, { zone: tz });
  const lt = new Date(`${DateTime.fromJSDate(full.end, { zone: tz }).toISODate()!}T00:00:00Z`);
  // Only objectives that can overlap the period: each grain looks back one of its own lengths, so a monthly
  // question reads a handful of rows, not a year of every team's and rep's objectives.
  const since = (grain: Grain) => new Date(`${start.minus(GRAIN_UNIT[grain]).toISODate()!}T00:00:00Z`);
  const window = {
    OR: (Object.keys(GRAIN_UNIT) as Grain[]).map((grain) => ({
      grain,
      periodStart: { gt: since(grain), lt },
    })),
  };
  // Most specific first; each level is one indexed query, and later levels are read only when needed.
  const levels: { type: 'rep' | 'team' | 'tenant'; ids: () => Promise<string[] | null> }[] = [];
  if (scope.repId) levels.push({ type: 'rep', ids: async () => [scope.repId!] });
  else if (scope.teamId) {
    levels.push({ type: 'team', ids: async () => [scope.teamId!] });
    if (additive) {
      levels.push({
        type: 'rep',
        ids: async () =>
          (
            await prisma.rep.findMany({ where: { tenantId, teamId: scope.teamId }, select: { id: true } })
          ).map((r) => r.id),
      });
    }
  } else {
    levels.push({ type: 'tenant', ids: async () => null });
    if (additive) levels.push({ type: 'team', ids: async () => null });
  }
  const periodDays = daysBetween(full.start, full.end, tz);
  for (const level of levels) {
    const ids = await level.ids();
    const candidates = await prisma.objective.findMany({
      where: {
        tenantId,
        metric,
        scopeType: level.type,
        ...(ids ? { scopeId: { in: ids } } : {}),
        ...window,
      },
    });
    if (candidates.length === 0) continue;
    const target = combineObjectives(candidates, full, tz, periodDays, additive);
    if (target !== null) return { value: target, full };
  }
  return null;
}

/** The target of one scope level from its objectives (see findTarget); null unless they cover every day. */
export function combineObjectives(
  objectives: { scopeId: string; grain: Grain; periodStart: Date; target: number }[],
  full: Period,
  tz: string,
  periodDays: number,
  additive: boolean,
): number | null {
  const byScope = new Map<string, typeof objectives>();
  for (const o of objectives) byScope.set(o.scopeId, [...(byScope.get(o.scopeId) ?? []), o]);
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
      const start = DateTime.fromISO(o.periodStart.toISOString().slice(0, 10), { zone: tz });
      const end = start.plus(GRAIN_UNIT[o.grain]);
      const overlapStart = Math.max(start.toMillis(), full.start.getTime());
      const overlapEnd = Math.min(end.toMillis(), full.end.getTime());
      if (overlapEnd <= overlapStart) continue;
      const days = daysBetween(new Date(overlapStart), new Date(overlapEnd), tz);
      const objectiveDays = daysBetween(start.toJSDate(), end.toJSDate(), tz);
      covered += days;
      sum += (o.target * days) / objectiveDays;
      mean += o.target * days;
    }
    if (covered + 1e-9 < periodDays) return null;
    total += sum;
    weighted += mean / covered;
  }
  return additive ? total : weighted / byScope.size;
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
