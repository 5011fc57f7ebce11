import { type Contributor, explainChange, type Judgement, type Lang } from '../../core/alerts/index.ts';
import { type Breakdown, type CompiledMetric, evaluateFormula } from '../../core/metrics/index.ts';
import type { Dimension } from '../../core/metrics/measures.ts';
import { breakdownLabels } from '../breakdown-labels.ts';
import type { AppContext } from '../context.ts';
import type { Member } from './plan.ts';
import { AggregateReads, DailyReads, type TermMap } from './read-plan.ts';
import { type RuleWindows, sameWeekdays } from './windows.ts';

const DIMENSION_BREAKDOWN: Record<Dimension, Breakdown> = {
  repId: 'rep',
  teamId: 'team',
  channel: 'channel',
  stage: 'stage',
  campaignId: 'campaign',
};

/**
 * What a change is best explained by, for a member's filters: a team's reps, the company's teams, a rep's (or
 * team's) channels, else the pipeline stages, whichever the metric can be broken down by. null: no breakdown.
 */
export function explainDimension(
  metric: CompiledMetric,
  filters: Partial<Record<Dimension, string>>,
): Dimension | null {
  const can = (b: Breakdown) => metric.breakdowns.includes(b);
  if (filters.teamId && !filters.repId && can('rep')) return 'repId';
  if (!filters.teamId && !filters.repId && can('team')) return 'teamId';
  if (!filters.channel && can('channel')) return 'channel';
  if (!filters.stage && can('stage')) return 'stage';
  return null;
}

function mode(metric: CompiledMetric): 'ratio' | 'additive' | null {
  if (metric.numeratorF && metric.denominatorF) return 'ratio';
  return metric.kind === 'count' || metric.kind === 'sum' ? 'additive' : null;
}

function parts(metric: CompiledMetric, values: TermMap): { num: number | null; den: number | null } {
  if (metric.numeratorF && metric.denominatorF) {
    return {
      num: evaluateFormula(metric.numeratorF, values),
      den: evaluateFormula(metric.denominatorF, values),
    };
  }
  return { num: evaluateFormula(metric.valueF, values), den: null };
}

export interface ExplainRequest {
  id: string;
  metric: CompiledMetric;
  member: Member;
  windows: RuleWindows;
  judgement: Judgement;
  kind: 'change' | 'anomaly';
  lang: Lang;
}

/**
 * The top contributors of the alerts about to be told: one breakdown read per distinct (range, member filters,
 * dimension), then CORE's exact decomposition. A change compares its two windows; an anomaly its day with the
 * mean of the same weekdays before it. Only fired alerts are explained, so this costs nothing on a quiet run.
 */
export async function explainAlerts(
  ctx: AppContext,
  scope: { tenantId: string; tz: string; rollupTz: string },
  requests: readonly ExplainRequest[],
  concurrency: number,
): Promise<Map<string, { contributors: Contributor[]; dimension: Dimension | null }>> {
  const agg = new AggregateReads(scope);
  const daily = new DailyReads(scope);
  type Planned = {
    r: ExplainRequest;
    dim: Dimension;
    m: 'ratio' | 'additive';
    current: string | null;
    previous: string | null;
    day: string | null;
    daily: string | null;
  };
  const planned = requests.flatMap((r): Planned[] => {
    const dim = explainDimension(r.metric, r.member.filters);
    const m = mode(r.metric);
    if (!dim || !m) return [];
    const slice = { filters: r.member.filters, groupBy: dim };
    if (r.kind === 'change') {
      const current = agg.want(r.windows.current!, slice, r.metric.terms);
      const previous = agg.want(r.windows.previous!, slice, r.metric.terms);
      return [{ r, dim, m, current, previous, day: null, daily: null }];
    }
    const day = r.judgement.day;
    if (!day || !r.windows.anomaly) return [];
    const handle = daily.want(r.windows.anomaly.span, slice, r.metric.terms);
    return [{ r, dim, m, current: null, previous: null, day, daily: handle }];
  });
  await Promise.all([agg.run(ctx.db, concurrency), daily.run(ctx.db, concurrency)]);
  const out = new Map<string, { contributors: Contributor[]; dimension: Dimension | null }>();
  const explained: Array<{
    id: string;
    dim: Dimension;
    breakdown: Breakdown;
    lang: Lang;
    contributors: Contributor[];
  }> = [];
  for (const p of planned) {
    const { r, dim, m } = p;
    let members: Array<{
      key: string;
      current: { num: number | null; den: number | null };
      baseline: { num: number | null; den: number | null };
    }>;
    if (p.current && p.previous) {
      const keys = new Set([...agg.groups(p.current), ...agg.groups(p.previous)]);
      members = [...keys].map((key) => ({
        key,
        current: parts(r.metric, agg.values(p.current!, { group: key })),
        baseline: parts(r.metric, agg.values(p.previous!, { group: key })),
      }));
    } else {
      const handle = p.daily!;
      const history = sameWeekdays(p.day!, r.windows.anomaly!.weeks);
      members = daily.groups(handle).map((key) => {
        const past = history.map((d) => parts(r.metric, daily.values(handle, d, { group: key })));
        const mean = (pick: (x: { num: number | null; den: number | null }) => number | null) =>
          past.length === 0 ? null : past.reduce((s, x) => s + (pick(x) ?? 0), 0) / past.length;
        return {
          key,
          current: parts(r.metric, daily.values(handle, p.day!, { group: key })),
          baseline: { num: mean((x) => x.num), den: m === 'ratio' ? mean((x) => x.den) : null },
        };
      });
    }
    const breakdown = DIMENSION_BREAKDOWN[dim];
    const contributors = explainChange(
      members.map((x) => ({ key: x.key, label: x.key, current: x.current, baseline: x.baseline })),
      m,
    ).map(({ contribution: _c, ...c }) => c);
    explained.push({ id: r.id, dim, breakdown, lang: r.lang, contributors });
  }
  // Names of the contributors (reps, teams, campaigns): one lookup per kind of key, not one per alert.
  const keysOf = new Map<string, { breakdown: Breakdown; lang: Lang; keys: Set<string> }>();
  for (const e of explained) {
    const k = `${e.breakdown}|${e.lang}`;
    const entry = keysOf.get(k) ?? { breakdown: e.breakdown, lang: e.lang, keys: new Set<string>() };
    for (const c of e.contributors) entry.keys.add(c.key);
    keysOf.set(k, entry);
  }
  const labels = new Map<string, Map<string, { label: string }>>();
  await Promise.all(
    [...keysOf].map(async ([k, { breakdown, lang, keys }]) => {
      labels.set(k, await breakdownLabels(ctx.db.prisma, scope.tenantId, breakdown, [...keys], lang));
    }),
  );
  for (const e of explained) {
    const names = labels.get(`${e.breakdown}|${e.lang}`);
    out.set(e.id, {
      dimension: e.dim,
      contributors: e.contributors.map((c) => ({
        ...c,
        key: `${e.breakdown}:${c.key || 'none'}`,
        label: names?.get(c.key)?.label ?? c.key,
      })),
    });
  }
  return out;
}
