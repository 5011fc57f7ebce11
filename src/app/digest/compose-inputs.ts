import { DateTime } from 'luxon';
import { decideAccess, type Viewer } from '../../core/access/decide-access.ts';
import { composeDigest } from '../../core/digest/compose-digest.ts';
import { CHART_WEEKS, DEFAULT_DIGEST_METRICS } from '../../core/digest/default-metrics.ts';
import {
  digestWeek,
  lastLocalDay,
  localDate,
  weekStarting,
  weeksEndingWith,
} from '../../core/digest/digest-week.ts';
import type {
  DigestInput,
  DigestMetricInput,
  DigestView,
  FigureInput,
  MemberFigure,
  MoverDimension,
} from '../../core/digest/types.ts';
import {
  BREAKDOWN_DIMENSION,
  type CompiledMetric,
  evaluateMetric,
  type MeasureTerm,
  termKey,
} from '../../core/metrics/index.ts';
import type { Dimension } from '../../core/metrics/measures.ts';
import {
  elapsedShare,
  formatInstant,
  type Period,
  type PeriodContext,
  periodLabel,
} from '../../core/periods/index.ts';
import { ensureTenant, type TenantSettings } from '../../store/tenants.ts';
import { breakdownLabels } from '../breakdown-labels.ts';
import { channelShowsRepDetail } from '../chat-ask.ts';
import type { AppContext } from '../context.ts';
import { findTarget } from '../objective-target.ts';
import { tenantCurrency } from '../tenant-currency.ts';
import { readTermValues, type TermValues } from '../term-values.ts';
import { resolveViewer } from '../viewer.ts';
import { openAlertsFor } from './open-alerts.ts';

/** Who a digest is computed for: a channel (its rep-detail setting decides), or one rep with their own access. */
export type DigestRecipient = { kind: 'channel'; channelId: string } | { kind: 'rep'; repId: string };

export interface DigestRequest {
  tenantId: string;
  /** When the run was due (the scheduler's fire time): the digest covers the last complete week before it. */
  at: Date;
  /** The subscription's zone: weeks are cut there. */
  tz: string;
  lang?: 'en' | 'fr' | null | undefined;
  /** Metric names, headline first; empty: DEFAULT_DIGEST_METRICS. */
  metrics: readonly string[];
  /** A team's digest; null: the whole tenant (or, for a rep without a team scope, the rep's own figures). */
  teamId: string | null;
  recipient: DigestRecipient;
}

export interface ComputedDigest {
  /** null when nothing is to be posted: no data that week, or the recipient may not see the scope. */
  view: DigestView | null;
  week: Period;
  /** Why there is no view, for logs and the CLI. */
  skipped: 'no_data' | 'not_allowed' | 'unknown_rep' | 'unknown_team' | null;
}

interface Audience {
  viewer: Viewer;
  /** The figures' filter: a team, a rep, or the tenant. */
  filters: Partial<Record<Dimension, string>>;
  scopeLabel: string;
  audience: 'channel' | 'rep';
  moverDimension: MoverDimension | null;
  leaderboardAllowed: boolean;
  rep: { id: string; name: string; teamId: string | null } | null;
  team: { id: string; name: string } | null;
  /** For a rep's digest: their team's aggregate beside their own figures, when they may see it. */
  teamAggregate: { id: string; name: string } | null;
}

/**
 * Measures a digest with the existing engine (the rollups through readTermValues, objectives through findTarget),
 * under the recipient's access (decideAccess), then composes it (core/digest). One read per week for all the
 * headline metrics at once, grouped by the mover dimension; the chart reads the headline metric per week.
 */
export async function computeDigest(ctx: AppContext, req: DigestRequest): Promise<ComputedDigest> {
  const tenant = await ensureTenant(ctx.db.prisma, req.tenantId, ctx.tenantDefaults);
  const lang = req.lang ?? tenant.lang;
  const week = digestWeek(req.at, req.tz, tenant.weekStart);
  const audience = await audienceOf(ctx, tenant, req, lang);
  if ('skipped' in audience) return { view: null, week, skipped: audience.skipped };
  const metrics = metricsOf(ctx, req.metrics);
  if (metrics.length === 0) return { view: null, week, skipped: 'no_data' };
  const pctx: PeriodContext = {
    now: req.at,
    tz: req.tz,
    weekStart: tenant.weekStart,
    fiscalYearStart: tenant.fiscalYearStart,
  };
  const previousWeek = weekStarting(
    DateTime.fromJSDate(week.start, { zone: req.tz }).minus({ weeks: 1 }).toISODate()!,
    req.tz,
    tenant.weekStart,
  );
  const month = monthOf(week, pctx);
  const terms = uniqueTerms(metrics.flatMap((m) => m.terms));
  const base = { tenantId: tenant.id, tz: req.tz, rollupTz: tenant.tz, terms, filters: audience.filters };
  const groupBy = audience.moverDimension ? BREAKDOWN_DIMENSION[audience.moverDimension] : null;
  const teamFilters = audience.teamAggregate ? { teamId: audience.teamAggregate.id } : null;
  const [current, previous, monthToDate, teamWeek, currency] = await Promise.all([
    readTermValues(ctx.db, { ...base, start: week.start, end: week.end, groupBy }),
    readTermValues(ctx.db, { ...base, start: previousWeek.start, end: previousWeek.end, groupBy }),
    readTermValues(ctx.db, { ...base, start: month.start, end: week.end, groupBy: null }),
    teamFilters
      ? readTermValues(ctx.db, {
          ...base,
          filters: teamFilters,
          start: week.start,
          end: week.end,
          groupBy: null,
        })
      : Promise.resolve(null),
    tenantCurrency(ctx.db.prisma, tenant.id),
  ]);
  const labels =
    audience.moverDimension === null
      ? new Map()
      : await breakdownLabels(
          ctx.db.prisma,
          tenant.id,
          audience.moverDimension,
          [...new Set([...current.groups.keys(), ...previous.groups.keys()])],
          lang,
        );
  const targetScope = {
    repId: audience.rep?.id ?? null,
    teamId: audience.rep ? null : (audience.team?.id ?? null),
  };
  const inputs: DigestMetricInput[] = [];
  for (const [index, metric] of metrics.entries()) {
    const additive = metric.kind === 'count' || metric.kind === 'sum';
    const [weekTarget, monthTarget] = await Promise.all([
      metric.objective
        ? findTarget(ctx.db.prisma, tenant.id, metric.name, additive, targetScope, week, pctx)
        : null,
      metric.objective && additive
        ? findTarget(ctx.db.prisma, tenant.id, metric.name, additive, targetScope, month.full, pctx)
        : null,
    ]);
    const figure = (values: ReadonlyMap<string, number>) => roundFigure(evaluateMetric(metric, values));
    const members =
      index === 0 && audience.moverDimension !== null
        ? membersOf(metric, current, previous, labels, audience, tenant)
        : undefined;
    inputs.push({
      name: metric.name,
      label: metric.label[lang],
      definition: metric.definition[lang],
      format: metric.format,
      direction: metric.direction,
      additive,
      current: figure(current.totals),
      previous: figure(previous.totals),
      weekTarget: weekTarget?.value ?? null,
      pace: monthTarget
        ? {
            actual: figure(monthToDate.totals).value,
            target: monthTarget.value,
            elapsedShare: elapsedShare(month.full, week.end),
            periodLabel: periodLabel(month.full, lang),
          }
        : null,
      team:
        teamWeek && audience.teamAggregate
          ? { label: audience.teamAggregate.name, value: figure(teamWeek.totals).value }
          : null,
      members,
    });
  }
  const headline = metrics[0]!;
  const chart = await chartPoints(ctx, headline, week, base, targetScope, tenant, pctx);
  const alerts = await openAlertsFor(ctx, tenant.id, {
    lang,
    viewer: audience.viewer,
    visibility: tenant.repVisibility,
    repDetail: audience.leaderboardAllowed,
    team: audience.team,
    rep: audience.rep,
  });
  const input: DigestInput = {
    lang,
    tz: req.tz,
    currency,
    audience: audience.audience,
    scopeLabel: audience.scopeLabel,
    week: {
      start: formatInstant(week.start, req.tz),
      end: formatInstant(week.end, req.tz),
      firstDay: localDate(week.start, req.tz),
      lastDay: lastLocalDay(week),
    },
    metrics: inputs,
    moverDimension: audience.moverDimension,
    leaderboardAllowed: audience.leaderboardAllowed,
    alerts,
    chart,
  };
  const view = composeDigest(input);
  return { view, week, skipped: view ? null : 'no_data' };
}

async function audienceOf(
  ctx: AppContext,
  tenant: TenantSettings,
  req: DigestRequest,
  lang: 'en' | 'fr',
): Promise<Audience | { skipped: ComputedDigest['skipped'] }> {
  const p = ctx.db.prisma;
  const team = req.teamId
    ? await p.team.findFirst({
        where: { tenantId: tenant.id, id: req.teamId },
        select: { id: true, name: true },
      })
    : null;
  if (req.teamId && !team) return { skipped: 'unknown_team' };
  const teamCount = await p.team.count({ where: { tenantId: tenant.id } });
  if (req.recipient.kind === 'channel') {
    // A channel is read by anyone in it: aggregates as a viewer sees them, rep figures only where it allows.
    const viewer: Viewer = { repId: null, role: 'viewer', teamId: null, managedTeamIds: [] };
    if (!decideAccess(viewer, tenant.repVisibility, { teamId: team?.id ?? null }).allowed) {
      return { skipped: 'not_allowed' };
    }
    const repDetail = await channelShowsRepDetail(ctx, tenant.id, req.recipient.channelId);
    return {
      viewer,
      filters: team ? { teamId: team.id } : {},
      scopeLabel: team ? teamLabel(team.name, lang) : tenant.name,
      audience: 'channel',
      moverDimension: repDetail ? 'rep' : team || teamCount < 2 ? 'channel' : 'team',
      leaderboardAllowed: repDetail,
      rep: null,
      team,
      teamAggregate: null,
    };
  }
  const identity = await resolveViewer(p, tenant.id, { repId: req.recipient.repId });
  const rep = identity.rep;
  if (!rep) return { skipped: 'unknown_rep' };
  const viewer = identity.viewer;
  if (team) {
    // A manager's (or an admin's) team digest by DM: the reps they may see are ranked.
    if (!decideAccess(viewer, tenant.repVisibility, { teamId: team.id }).allowed)
      return { skipped: 'not_allowed' };
    const reps = await p.rep.findMany({
      where: { tenantId: tenant.id, teamId: team.id },
      select: { id: true },
    });
    const seesReps =
      reps.length > 0 &&
      reps.every(
        (r) => decideAccess(viewer, tenant.repVisibility, { rep: { id: r.id, teamId: team.id } }).allowed,
      );
    return {
      viewer,
      filters: { teamId: team.id },
      scopeLabel: teamLabel(team.name, lang),
      audience: 'channel',
      moverDimension: seesReps ? 'rep' : 'channel',
      leaderboardAllowed: seesReps,
      rep: null,
      team,
      teamAggregate: null,
    };
  }
  const repTeam = rep.teamId
    ? await p.team.findFirst({
        where: { tenantId: tenant.id, id: rep.teamId },
        select: { id: true, name: true },
      })
    : null;
  const seesTeam =
    repTeam !== null && decideAccess(viewer, tenant.repVisibility, { teamId: repTeam.id }).allowed;
  return {
    viewer,
    filters: { repId: rep.id },
    scopeLabel: rep.name,
    audience: 'rep',
    moverDimension: 'channel',
    leaderboardAllowed: false,
    rep: { id: rep.id, name: rep.name, teamId: rep.teamId },
    team: null,
    teamAggregate: seesTeam && repTeam ? { id: repTeam.id, name: teamLabel(repTeam.name, lang) } : null,
  };
}

function teamLabel(name: string, lang: 'en' | 'fr'): string {
  return lang === 'fr' ? `Équipe ${name}` : `Team ${name}`;
}

/** The subscription's metrics that exist in the catalog, headline first; unknown names are skipped (logged). */
function metricsOf(ctx: AppContext, names: readonly string[]): CompiledMetric[] {
  const wanted = names.length > 0 ? names : DEFAULT_DIGEST_METRICS;
  const out: CompiledMetric[] = [];
  for (const name of wanted) {
    const metric = ctx.catalog.get(name);
    if (metric) out.push(metric);
    else ctx.log.warn({ metric: name }, 'digest: unknown metric skipped');
  }
  return out;
}

function uniqueTerms(terms: readonly MeasureTerm[]): MeasureTerm[] {
  const seen = new Map<string, MeasureTerm>();
  for (const t of terms) seen.set(termKey(t), t);
  return [...seen.values()];
}

/** The calendar month the week ends in: its whole extent (the objective's) and its start (month to date). */
function monthOf(week: Period, pctx: PeriodContext): { start: Date; full: Period } {
  const first = DateTime.fromISO(lastLocalDay(week), { zone: pctx.tz }).startOf('month');
  const start = first.toJSDate();
  const end = first.plus({ months: 1 }).toJSDate();
  const key = { kind: 'month' as const, year: first.year, month: first.month };
  return { start, full: { start, end, tz: pctx.tz, grain: 'month', toDate: false, key } };
}

function membersOf(
  metric: CompiledMetric,
  current: TermValues,
  previous: TermValues,
  labels: Map<string, { label: string; teamId: string | null }>,
  audience: Audience,
  tenant: TenantSettings,
): MemberFigure[] {
  const keys = new Set([...current.groups.keys(), ...previous.groups.keys()]);
  const empty = new Map<string, number>();
  const out: MemberFigure[] = [];
  for (const key of keys) {
    if (key === '*' || key === '') continue;
    const label = labels.get(key);
    if (audience.moverDimension === 'rep') {
      const subject = { rep: { id: key, teamId: label?.teamId ?? null } };
      if (
        !audience.leaderboardAllowed &&
        !decideAccess(audience.viewer, tenant.repVisibility, subject).allowed
      )
        continue;
    }
    out.push({
      key,
      label: label?.label ?? key,
      current: roundFigure(evaluateMetric(metric, current.groups.get(key) ?? empty)),
      previous: roundFigure(evaluateMetric(metric, previous.groups.get(key) ?? empty)),
    });
  }
  return out;
}

/** The headline metric over the last CHART_WEEKS weeks with each week's objective. */
async function chartPoints(
  ctx: AppContext,
  metric: CompiledMetric,
  week: Period,
  base: { tenantId: string; tz: string; rollupTz: string; filters: Partial<Record<Dimension, string>> },
  targetScope: { repId: string | null; teamId: string | null },
  tenant: TenantSettings,
  pctx: PeriodContext,
) {
  const weeks = weeksEndingWith(week, CHART_WEEKS, tenant.weekStart);
  const additive = metric.kind === 'count' || metric.kind === 'sum';
  return Promise.all(
    weeks.map(async (w) => {
      const [values, target] = await Promise.all([
        readTermValues(ctx.db, { ...base, terms: metric.terms, start: w.start, end: w.end, groupBy: null }),
        metric.objective
          ? findTarget(ctx.db.prisma, tenant.id, metric.name, additive, targetScope, w, pctx)
          : null,
      ]);
      return {
        weekStart: localDate(w.start, w.tz),
        value: roundFigure(evaluateMetric(metric, values.totals)).value,
        target: target?.value ?? null,
      };
    }),
  );
}

function roundFigure(f: FigureInput): FigureInput {
  const r = (v: number | null) => (v === null ? null : Math.round(v * 1e6) / 1e6);
  return { value: r(f.value), numerator: r(f.numerator), denominator: r(f.denominator) };
}
