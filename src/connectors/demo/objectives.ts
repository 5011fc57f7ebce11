import type { DemoCalendar } from './calendar.ts';
import { DEMO_PEOPLE, repRef, teamRef } from './people.ts';
import { monthPlanFactor } from './seasonality.ts';
import type { DemoObjective, DemoObjectiveMetric } from './types.ts';

export const OBJECTIVE_METRICS: readonly DemoObjectiveMetric[] = [
  'revenue_signed',
  'deals_won',
  'meetings',
  'qualified_leads',
];

/** One rep's contribution to an objective metric at an instant. */
export interface Actual {
  metric: DemoObjectiveMetric;
  repRef: string;
  at: number;
  value: number;
}

/** Full months skipped at the start: the pipeline is still filling up and would drag the plan down. */
const RAMP_UP_MONTHS = 2;
/** Plans ask a little more than the usual month. */
const STRETCH = 1.1;

/**
 * Monthly objectives per rep, per team (sum of its reps) and for the tenant (revenue only), for every month of the
 * history and the current one. A rep's target is what they usually achieve in a month (seasonally adjusted,
 * current month excluded) with a stretch, so attainment hovers around 90 % and the stories stand out.
 */
export function planObjectives(calendar: DemoCalendar, actuals: readonly Actual[]): DemoObjective[] {
  const months = [...new Set(calendar.days.map((d) => d.month))];
  const firstIsFull = calendar.days[0]!.date.endsWith('-01');
  const reference = months.slice((firstIsFull ? 0 : 1) + RAMP_UP_MONTHS, -1);
  const basis = reference.length > 0 ? reference : months;
  const byKey = new Map<string, number>();
  for (const a of actuals) {
    const day = calendar.days[calendar.dayIndexOf(a.at)];
    if (!day) continue;
    const key = `${a.metric}|${a.repRef}|${day.month}`;
    byKey.set(key, (byKey.get(key) ?? 0) + a.value);
  }
  const objectives: DemoObjective[] = [];
  const sellers = DEMO_PEOPLE.filter((p) => p.team !== null);
  for (const month of months) {
    const periodStart = `${month}-01`;
    for (const metric of OBJECTIVE_METRICS) {
      const season = seasonOf(metric, month);
      const teamTargets = new Map<string, number>();
      for (const person of sellers) {
        const ref = repRef(person.n);
        const usual =
          basis.reduce((sum, m) => sum + (byKey.get(`${metric}|${ref}|${m}`) ?? 0) / seasonOf(metric, m), 0) /
          basis.length;
        const target = roundTarget(metric, usual * season * STRETCH);
        objectives.push({ metric, scopeType: 'rep', scopeRef: ref, grain: 'month', periodStart, target });
        const team = teamRef(person.team!);
        teamTargets.set(team, (teamTargets.get(team) ?? 0) + target);
      }
      for (const [team, target] of teamTargets) {
        objectives.push({ metric, scopeType: 'team', scopeRef: team, grain: 'month', periodStart, target });
      }
      if (metric === 'revenue_signed') {
        const total = [...teamTargets.values()].reduce((a, b) => a + b, 0);
        objectives.push({
          metric,
          scopeType: 'tenant',
          scopeRef: null,
          grain: 'month',
          periodStart,
          target: total,
        });
      }
    }
  }
  return objectives;
}

/** Deals close weeks after the leads come in: signed revenue feels the August dip in August and September. */
function seasonOf(metric: DemoObjectiveMetric, month: string): number {
  const monthNumber = Number(month.slice(5, 7));
  const lagged = metric === 'revenue_signed' || metric === 'deals_won';
  const previous = ((monthNumber + 10) % 12) + 1;
  return lagged
    ? (monthPlanFactor(monthNumber) + monthPlanFactor(previous)) / 2
    : monthPlanFactor(monthNumber);
}

function roundTarget(metric: DemoObjectiveMetric, value: number): number {
  if (metric === 'revenue_signed') return Math.max(5_000, Math.round(value / 1_000) * 1_000);
  return Math.max(1, Math.round(value));
}
