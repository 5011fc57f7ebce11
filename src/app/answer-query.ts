import { decideAccess } from '../core/access/decide-access.ts';
import type { AnswerPeriod, BreakdownRow, KpiAnswer } from '../core/answer.ts';
import type { CompiledMetric } from '../core/metrics/index.ts';
import {
  evaluateFormula,
  evaluateMetric,
  FUNNEL_STEPS,
  formulaTerms,
  parseFormula,
} from '../core/metrics/index.ts';
import { BREAKDOWN_DIMENSION } from '../core/metrics/measure-dimensions.ts';
import type { Dimension } from '../core/metrics/measures.ts';
import {
  calendarBuckets,
  comparisonLabel,
  defaultPeriod,
  formatInstant,
  type Period,
  type PeriodContext,
  periodLabel,
  previousPeriod,
  samePeriodLastYear,
} from '../core/periods/index.ts';
import type { DimensionBreakdown, KpiQuery, TimeBreakdown } from '../core/query/index.ts';
import type { TenantSettings } from '../store/tenants.ts';
import { breakdownLabels } from './breakdown-labels.ts';
import type { AppContext } from './context.ts';
import { objectiveLookup, targetSection } from './objective-target.ts';
import { resolveScope } from './resolve-scope.ts';
import {
  type ReadScope,
  readTermValueSets,
  readTermValueSetsWith,
  readTermValues,
  type TermValues,
} from './term-values.ts';
import type { ViewerIdentity } from './viewer.ts';

export type AnswerOutcome =
  | { kind: 'answer'; answer: KpiAnswer; repLevel: boolean }
  | { kind: 'error'; code: string; message: string; lang: 'en' | 'fr'; suggestions: string[] };

export const MAX_BREAKDOWN_ROWS = 100;

/**
 * The heart of kpibot: a parsed query → the figure, its exact range and zone, the comparison, the objective and a
 * breakdown, for what the asking user may see. Every chat platform and the CLI call this one function.
 */
export async function answerQuery(
  ctx: AppContext,
  query: KpiQuery,
  env: {
    tenant: TenantSettings;
    identity: ViewerIdentity;
    now: Date;
    tz: string;
    currency: string;
    resolveMention?: ((userId: string) => Promise<string | null>) | undefined;
  },
): Promise<AnswerOutcome> {
  const { tenant, identity, now, tz } = env;
  const lang = query.lang;
  const metric = ctx.catalog.get(query.metric);
  if (!metric) {
    return fail(
      'unknown_metric',
      lang === 'fr' ? `Métrique inconnue : ${query.metric}` : `Unknown metric: ${query.metric}`,
      lang,
    );
  }
  const pctx: PeriodContext = {
    now,
    tz,
    weekStart: tenant.weekStart,
    fiscalYearStart: tenant.fiscalYearStart,
  };
  const period = query.period ?? defaultPeriod(pctx);

  const scope = await resolveScope(ctx.db.prisma, tenant.id, query.scope, identity, lang, env.resolveMention);
  if ('code' in scope) return fail(scope.code, scope.message, lang);

  const visibility = tenant.repVisibility;
  const subject = { rep: scope.rep, teamId: scope.team?.id ?? null };
  const access = decideAccess(identity.viewer, visibility, subject);
  if (!access.allowed) {
    return fail(
      'not_allowed',
      access.reason === 'rep_hidden'
        ? lang === 'fr'
          ? `Vous ne pouvez pas voir les chiffres de ${scope.rep?.name ?? 'ce commercial'} (visibilité : ${visibility}). Demandez à votre manager ou à un admin.`
          : `You can't see ${scope.rep?.name ?? 'this rep'}'s figures (rep visibility: ${visibility}). Ask your manager or an admin.`
        : lang === 'fr'
          ? `Vous ne pouvez pas voir les chiffres de l'équipe ${scope.team?.name ?? ''} (visibilité : ${visibility}).`
          : `You can't see team ${scope.team?.name ?? ''}'s figures (rep visibility: ${visibility}).`,
      lang,
    );
  }

  const warnings: string[] = [];
  let breakdownBy = query.breakdown;
  const timeSeries = breakdownBy !== null && isTimeBreakdown(breakdownBy);
  const funnel = breakdownBy === 'stage' && !metric.breakdowns.includes('stage') && isFunnelMetric(metric);
  if (
    breakdownBy &&
    !timeSeries &&
    !funnel &&
    !metric.breakdowns.includes(breakdownBy as DimensionBreakdown)
  ) {
    warnings.push(
      lang === 'fr'
        ? `${metric.label.fr} ne se ventile pas par ${frBreakdown(breakdownBy)} ; possibles : ${metric.breakdowns.map(frBreakdown).join(', ') || 'aucune'}.`
        : `${metric.label.en} can't be broken down by ${breakdownBy}; try ${metric.breakdowns.join(', ') || 'no breakdown'}.`,
    );
    breakdownBy = null;
  }

  const filters: Partial<Record<Dimension, string>> = {};
  if (scope.rep) filters.repId = scope.rep.id;
  if (scope.team) filters.teamId = scope.team.id;
  if (scope.channel) filters.channel = scope.channel;
  const groupBy =
    breakdownBy && !funnel && !isTimeBreakdown(breakdownBy) ? BREAKDOWN_DIMENSION[breakdownBy] : null;

  const base = { tenantId: tenant.id, tz, rollupTz: tenant.tz, terms: metric.terms, filters, now };
  const compareKind = query.compare.includes('last_year') ? 'last_year' : 'previous';
  const comparePeriod =
    compareKind === 'last_year' ? samePeriodLastYear(period, pctx) : previousPeriod(period, pctx);
  const additive = metric.kind === 'count' || metric.kind === 'sum';
  // The period, its comparison, the breakdown's names and the objectives: one statement, one round trip.
  const objective = objectiveLookup(
    tenant.id,
    metric.kind === 'attainment' && metric.of ? metric.of : metric.name,
    additive,
    { repId: scope.rep?.id ?? null, teamId: scope.team?.id ?? null },
    period,
    pctx,
  );
  const read = await readTermValueSetsWith(
    ctx.db,
    [
      { ...base, start: period.start, end: period.end, groupBy, labels: true },
      { ...base, start: comparePeriod.start, end: comparePeriod.end, groupBy: null },
    ],
    objective,
  );
  const [current, previous] = read.values as [TermValues, TermValues];
  const found = objective.target(read.side);

  // Objective attainment is itself a metric: its value is the actual of `of` over that metric's target.
  const attainmentTarget = metric.kind === 'attainment' ? { target: found?.value ?? null } : undefined;
  const result = evaluateMetric(metric, current.totals, attainmentTarget);
  const before = evaluateMetric(metric, previous.totals, attainmentTarget);
  const target =
    found && metric.kind !== 'attainment'
      ? targetSection(result.value, found, period, now, {
          additive,
          downIsGood: metric.direction === 'down_is_good',
        })
      : null;

  if (current.source === 'raw' || previous.source === 'raw') {
    ctx.log.debug({ metric: metric.name, tz }, 'answer read raw tables (range not aligned to local days)');
  }

  let breakdown: BreakdownRow[] = [];
  let breakdownTotal = 0;
  if (funnel) {
    breakdown = await funnelRows(ctx, base, period, lang);
    breakdownTotal = breakdown.length;
  } else if (breakdownBy && isTimeBreakdown(breakdownBy)) {
    breakdown = await timeSeriesRows(ctx, metric, base, period, breakdownBy, pctx, lang);
    breakdownTotal = breakdown.length;
  } else if (breakdownBy && groupBy) {
    const dimension = breakdownBy as DimensionBreakdown;
    // Rep, team and campaign names came with the figures; channels and stages are their own labels.
    const labels =
      current.labels ??
      (await breakdownLabels(ctx.db.prisma, tenant.id, dimension, [...current.groups.keys()], lang));
    let rows = [...current.groups.entries()]
      .filter(([key]) => key !== '*')
      .map(([key, values]) => ({ key, values, ...evaluateMetric(metric, values) }))
      .filter((r) => r.numerator !== 0 || r.denominator !== 0 || (r.value !== null && r.value !== 0));
    if (breakdownBy === 'rep' || breakdownBy === 'team') {
      const before = rows.length;
      rows = rows.filter((r) => {
        const label = labels.get(r.key);
        const subject =
          breakdownBy === 'rep' ? { rep: { id: r.key, teamId: label?.teamId ?? null } } : { teamId: r.key };
        return r.key === '' || decideAccess(identity.viewer, visibility, subject).allowed;
      });
      if (rows.length < before) {
        warnings.push(
          lang === 'fr'
            ? `${before - rows.length} ligne(s) masquée(s) : vous ne voyez que les chiffres autorisés (visibilité : ${visibility}).`
            : `${before - rows.length} row(s) hidden: you only see the figures you're allowed to (rep visibility: ${visibility}).`,
        );
      }
    }
    const sign = metric.direction === 'down_is_good' ? 1 : -1;
    rows.sort((a, b) => (a.value === null ? 1 : b.value === null ? -1 : sign * (a.value - b.value)));
    breakdownTotal = rows.length;
    breakdown = rows.slice(0, MAX_BREAKDOWN_ROWS).map((r) => ({
      key: `${breakdownBy}:${r.key || 'none'}`,
      label:
        labels.get(r.key)?.label ?? (r.key === '' ? (lang === 'fr' ? '(non renseigné)' : '(none)') : r.key),
      value: r.value,
      numerator: r.numerator,
      denominator: r.denominator,
    }));
  }

  if (
    result.value === null ||
    (result.value === 0 && (result.denominator ?? 0) === 0 && result.numerator === 0)
  ) {
    warnings.push(
      lang === 'fr'
        ? 'Aucune donnée sur cette période pour ce périmètre.'
        : 'No data for this period and scope.',
    );
  }
  if (query.ignoredWords.length > 0) {
    warnings.push(
      lang === 'fr'
        ? `Mots ignorés : ${query.ignoredWords.join(', ')}`
        : `Ignored words: ${query.ignoredWords.join(', ')}`,
    );
  }

  const delta = result.value !== null && before.value !== null ? result.value - before.value : null;
  const change =
    result.value !== null && before.value !== null && before.value !== 0
      ? result.value / before.value - 1
      : null;
  const answer: KpiAnswer = {
    metric: {
      name: metric.name,
      label: metric.label[lang],
      format: metric.format,
      direction: metric.direction,
      ...(metric.format === 'currency' ? { currency: env.currency } : {}),
    },
    period: answerPeriod(period, lang),
    scope: { team: scope.team?.name ?? null, rep: scope.rep?.name ?? null, channel: scope.channel },
    value: round(result.value),
    numerator: round(result.numerator),
    denominator: round(result.denominator),
    comparison: {
      label: comparisonLabel(compareKind, period, lang),
      period: answerPeriod(comparePeriod, lang),
      value: round(before.value),
      delta: round(delta),
      change: round(change),
    },
    target,
    breakdown,
    breakdownTotal,
    breakdownBy: breakdownBy ?? null,
    definition: metric.definition[lang],
    warnings,
    lang,
  };
  const repLevel = Boolean(scope.rep) || breakdownBy === 'rep';
  return { kind: 'answer', answer, repLevel };
}

function answerPeriod(p: Period, lang: 'en' | 'fr'): AnswerPeriod {
  return {
    start: formatInstant(p.start, p.tz),
    end: formatInstant(p.end, p.tz),
    label: periodLabel(p, lang),
    tz: p.tz,
  };
}

function round(v: number | null): number | null {
  return v === null ? null : Math.round(v * 1e6) / 1e6;
}

function fail(code: string, message: string, lang: 'en' | 'fr'): AnswerOutcome {
  return { kind: 'error', code, message, lang, suggestions: [] };
}

function isTimeBreakdown(b: string): b is TimeBreakdown {
  return b === 'day' || b === 'week' || b === 'month' || b === 'quarter';
}

/** One row per calendar day/week/month/quarter of the period (at most 60, the latest), in time order. */
async function timeSeriesRows(
  ctx: AppContext,
  metric: CompiledMetric,
  base: ReadScope & { terms: CompiledMetric['terms'] },
  period: Period,
  unit: TimeBreakdown,
  pctx: PeriodContext,
  lang: 'en' | 'fr',
): Promise<BreakdownRow[]> {
  const buckets = calendarBuckets(period.start, period.end, {
    unit,
    tz: period.tz,
    lang,
    ...(pctx.weekStart ? { weekStart: pctx.weekStart } : {}),
    ...(pctx.fiscalYearStart ? { fiscalYearStart: pctx.fiscalYearStart } : {}),
  });
  const values = await readTermValueSets(
    ctx.db,
    buckets.map((b) => ({ ...base, start: b.start, end: b.end, groupBy: null })),
  );
  return buckets.map((b, i) => {
    const r = evaluateMetric(metric, values[i]!.totals);
    return {
      key: `${unit}:${b.key}`,
      label: b.label,
      value: round(r.value),
      numerator: round(r.numerator),
      denominator: round(r.denominator),
    };
  });
}

function isFunnelMetric(metric: CompiledMetric): boolean {
  return metric.name === 'conversion_rate' || FUNNEL_STEPS.some((s) => s.name === metric.name);
}

// The funnel's formulas are constants: parse them once per process, not on every answer.
let funnel:
  | {
      steps: {
        step: (typeof FUNNEL_STEPS)[number];
        from: ReturnType<typeof parseFormula>;
        to: ReturnType<typeof parseFormula>;
      }[];
      terms: ReturnType<typeof formulaTerms>;
    }
  | undefined;
function compiledFunnel() {
  if (!funnel) {
    const steps = FUNNEL_STEPS.map((s) => ({ step: s, from: parseFormula(s.from), to: parseFormula(s.to) }));
    funnel = { steps, terms: steps.flatMap((s) => [...formulaTerms(s.from), ...formulaTerms(s.to)]) };
  }
  return funnel;
}

async function funnelRows(
  ctx: AppContext,
  base: ReadScope,
  period: Period,
  lang: 'en' | 'fr',
): Promise<BreakdownRow[]> {
  const { steps, terms } = compiledFunnel();
  const values = await readTermValues(ctx.db, {
    ...base,
    terms,
    start: period.start,
    end: period.end,
    groupBy: null,
  });
  return steps.map(({ step, from, to }) => {
    const denominator = evaluateFormula(from, values.totals);
    const numerator = evaluateFormula(to, values.totals);
    return {
      key: `stage:${step.name}`,
      label: step.label[lang],
      value: numerator !== null && denominator ? numerator / denominator : null,
      numerator,
      denominator,
    };
  });
}

const FR_BREAKDOWN: Record<string, string> = {
  rep: 'commercial',
  team: 'équipe',
  channel: 'canal',
  stage: 'étape',
  campaign: 'campagne',
};
function frBreakdown(b: string): string {
  return FR_BREAKDOWN[b] ?? b;
}
