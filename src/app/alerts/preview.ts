import { DateTime } from 'luxon';
import {
  type AlertRuleSpec,
  type AlertRuleSpecInput,
  alertRuleSpecSchema,
  describeSpecIssues,
  type Judgement,
  judge,
  type Lang,
  replayLifecycle,
} from '../../core/alerts/index.ts';
import type { PeriodContext } from '../../core/periods/index.ts';
import { dayRuns, type LocalDay } from '../../store/rollups/local-days.ts';
import { ensureTenant } from '../../store/tenants.ts';
import type { AppContext } from '../context.ts';
import { tenantCurrency } from '../tenant-currency.ts';
import { Directory } from './directory.ts';
import { AlertRuleError } from './manage-rules.ts';
import { observe, type ValueSource } from './observe.ts';
import { fanOutDimension, membersOf, ruleProblem, ScopeResolver, scopeFilters, sliceFor } from './plan.ts';
import { AggregateReads, DailyReads, type MemberPick, type TermMap } from './read-plan.ts';
import { TargetBook } from './target-book.ts';
import { type RuleWindows, ruleWindows } from './windows.ts';

/** The replay evaluates once a day at this local hour: when a morning evaluation would have told the team. */
const MORNING_HOUR = 9;
/** Members listed in the preview's lines (a fan-out over 40 reps says how many more). */
const MAX_MEMBER_LINES = 5;

export interface AlertPreview {
  /** Judgements replayed (days × members). */
  evaluations: number;
  firings: Array<{
    at: Date;
    resolvedAt: Date | null;
    value: number | null;
    scopeKey: string;
    label: string;
  }>;
  /** What the rule would have done, in the rule's language, e.g. "Would have fired 2 times in the last 8 weeks: …". */
  lines: string[];
}

/**
 * What a rule would have done over the last `weeks` weeks: one evaluation each morning (09:00 in the tenant's zone)
 * replayed through the lifecycle, from one day-by-day read per slice instead of one read per morning. A pace
 * rule's period to date counts whole days up to that morning.
 */
export async function previewAlertRule(
  ctx: AppContext,
  tenantId: string,
  input: AlertRuleSpec | AlertRuleSpecInput,
  opts: { now: Date; weeks?: number },
): Promise<AlertPreview> {
  const weeks = opts.weeks ?? 8;
  const prisma = ctx.db.prisma;
  const [tenant, currency, dir] = await Promise.all([
    ensureTenant(prisma, tenantId, ctx.tenantDefaults),
    tenantCurrency(prisma, tenantId),
    Directory.load(prisma, tenantId),
  ]);
  const parsed = alertRuleSpecSchema.safeParse(input);
  const lang: Lang = (parsed.success ? parsed.data.lang : undefined) ?? tenant.lang;
  if (!parsed.success) {
    throw new AlertRuleError('invalid_rule', describeSpecIssues(parsed.error).join('; '), lang);
  }
  const spec = parsed.data as AlertRuleSpec;
  const metric = ctx.catalog.get(spec.metric);
  if (!metric) throw new AlertRuleError('unknown_metric', `Unknown metric: ${spec.metric}`, lang);
  const problem = ruleProblem(spec, metric, lang);
  if (problem) throw new AlertRuleError('unsupported_rule', problem, lang);
  const scope = await new ScopeResolver(prisma, tenantId).resolve(spec.scope, lang);
  if ('code' in scope) throw new AlertRuleError('unknown_team', scope.message, lang);

  // The mornings replayed, oldest first, up to the last one before now.
  const local = DateTime.fromJSDate(opts.now, { zone: tenant.tz });
  let last = local.startOf('day').set({ hour: MORNING_HOUR });
  if (last > local) last = last.minus({ days: 1 });
  const times: Date[] = [];
  for (let d = weeks * 7 - 1; d >= 0; d--) times.push(last.minus({ days: d }).toJSDate());
  const windows = times.map((now) =>
    ruleWindows(spec.condition, {
      now,
      tz: tenant.tz,
      weekStart: tenant.weekStart,
      fiscalYearStart: tenant.fiscalYearStart,
    } satisfies PeriodContext),
  );

  const filters = scopeFilters(scope);
  const fanOut = fanOutDimension(spec.fanOut);
  const { slice, pick } = sliceFor(filters, fanOut);
  const readScope = { tenantId, tz: tenant.tz, rollupTz: tenant.tz };
  const daily = new DailyReads(readScope);
  const agg = new AggregateReads(readScope);
  const byDays = metric.terms.every((t) => t.window === 'period');
  // Every day any replayed window covers, read as a few runs of consecutive days.
  const dayHandle = new Map<LocalDay, string>();
  const aggHandles: Array<{ current?: string; previous?: string }> = [];
  if (byDays) {
    const days = new Set<LocalDay>();
    for (const w of windows) for (const day of windowDays(w, tenant.tz)) days.add(day);
    for (const run of dayRuns(days)) {
      const handle = daily.want(run, slice, metric.terms);
      for (const day of daysOf(run.from, run.to)) dayHandle.set(day, handle);
    }
  } else {
    // Running totals (the open pipeline) have no daily values: read each morning's windows.
    for (const w of windows) {
      aggHandles.push({
        ...(w.current ? { current: agg.want(w.current, slice, metric.terms) } : {}),
        ...(w.previous ? { previous: agg.want(w.previous, slice, metric.terms) } : {}),
      });
    }
  }
  const paced = spec.condition.kind === 'pace' || metric.kind === 'attainment';
  const [targets] = await Promise.all([
    TargetBook.load(
      prisma,
      tenantId,
      new Set(paced ? [metric.of ?? metric.name] : []),
      paced ? windows.flatMap((w) => [w.full, w.current, w.previous].filter((p) => p !== null)) : [],
      dir.reps,
    ),
    daily.run(ctx.db, ctx.db.kind === 'postgres' ? 4 : 1),
    agg.run(ctx.db, ctx.db.kind === 'postgres' ? 4 : 1),
  ]);

  const dayValues = (day: LocalDay, p: MemberPick): TermMap => {
    const handle = dayHandle.get(day);
    return handle ? daily.values(handle, day, p) : new Map();
  };
  const seen = new Set<string>();
  for (const handle of new Set(dayHandle.values())) for (const k of daily.groups(handle)) seen.add(k);
  for (const h of aggHandles)
    for (const x of [h.current, h.previous]) if (x) for (const k of agg.groups(x)) seen.add(k);
  const members = membersOf({ scope, filters, fanOut, pick, lang }, dir, fanOut ? seen : [], []);

  const firings: AlertPreview['firings'] = [];
  const skipped: string[] = [];
  for (const member of members) {
    const judgements: Judgement[] = times.map((now, i) => {
      const w = windows[i]!;
      const source: ValueSource = byDays
        ? {
            range: (which, p) => sumDays(windowDaysOf(w, which, tenant.tz), (d) => dayValues(d, p)),
            day: (d, p) => dayValues(d, p),
          }
        : {
            range: (which, p) => agg.values(aggHandles[i]![which]!, p),
            day: () => new Map(),
          };
      const observation = observe(
        {
          metric,
          condition: spec.condition,
          windows: w,
          catalog: ctx.catalog,
          targets,
          now,
          tz: tenant.tz,
          lang,
        },
        member,
        source,
      );
      return judge(spec.condition, observation, { lang, status: 'ok', format: metric.format, currency });
    });
    const steps = replayLifecycle(judgements, times, spec.lifecycle);
    let open: AlertPreview['firings'][number] | null = null;
    steps.forEach(({ at, step }, i) => {
      if (step.decision === 'fired' || step.decision === 'suppressed:muted') {
        open = {
          at,
          resolvedAt: null,
          value: judgements[i]!.value,
          scopeKey: member.scopeKey,
          label: member.label,
        };
        firings.push(open);
      } else if (open && step.decision.startsWith('resolved')) {
        open.resolvedAt = at;
        open = null;
      }
    });
    const lastSkip = judgements.at(-1)?.skipped ? judgements.at(-1)!.reason : null;
    if (judgements.every((j) => j.skipped !== null) && lastSkip) skipped.push(lastSkip);
  }
  return {
    evaluations: times.length * members.length,
    firings,
    lines: previewLines(firings, { weeks, lang, tz: tenant.tz, fannedOut: fanOut !== null, skipped }),
  };
}

/** The local days [from, to). */
function daysOf(from: LocalDay, to: LocalDay): LocalDay[] {
  const out: LocalDay[] = [];
  for (let d = DateTime.fromISO(from, { zone: 'utc' }); d.toISODate()! < to; d = d.plus({ days: 1 })) {
    out.push(d.toISODate()!);
  }
  return out;
}

/** The whole local days of a window (a pace's period to a morning counts the days before that morning). */
function windowDaysOf(w: RuleWindows, which: 'current' | 'previous', tz: string): LocalDay[] {
  const p = which === 'current' ? w.current : w.previous;
  if (!p) return [];
  const from = DateTime.fromJSDate(p.start, { zone: tz }).toISODate()!;
  const to = DateTime.fromJSDate(p.end, { zone: tz }).toISODate()!;
  return daysOf(from, to);
}

function windowDays(w: RuleWindows, tz: string): LocalDay[] {
  if (w.anomaly) return daysOf(w.anomaly.span.from, w.anomaly.span.to);
  return [...windowDaysOf(w, 'current', tz), ...windowDaysOf(w, 'previous', tz)];
}

function sumDays(days: readonly LocalDay[], valuesOn: (day: LocalDay) => TermMap): TermMap {
  const out = new Map<string, number>();
  for (const day of days) for (const [k, v] of valuesOn(day)) out.set(k, (out.get(k) ?? 0) + v);
  return out;
}

/**
 * "Would have fired 2 times in the last 8 weeks: 14 Oct (lasted 3 days), 4 Nov (still firing)" — per member for
 * a fan-out (the first few), in the rule's language.
 */
export function previewLines(
  firings: AlertPreview['firings'],
  opts: { weeks: number; lang: Lang; tz: string; fannedOut: boolean; skipped: string[] },
): string[] {
  const fr = opts.lang === 'fr';
  const span = fr ? `sur les ${opts.weeks} dernières semaines` : `in the last ${opts.weeks} weeks`;
  if (firings.length === 0) {
    const lines = [fr ? `Ne se serait pas déclenchée ${span}.` : `Would not have fired ${span}.`];
    if (opts.skipped.length > 0) {
      lines.push(fr ? `Non jugée : ${opts.skipped[0]}` : `Not judged: ${opts.skipped[0]}`);
    }
    return lines;
  }
  const day = (d: Date) =>
    DateTime.fromJSDate(d, { zone: opts.tz })
      .setLocale(fr ? 'fr-FR' : 'en-GB')
      .toFormat('d LLL');
  const episode = (f: AlertPreview['firings'][number]) => {
    if (!f.resolvedAt) return `${day(f.at)} (${fr ? 'toujours active' : 'still firing'})`;
    const days = Math.max(1, Math.round((f.resolvedAt.getTime() - f.at.getTime()) / 86_400_000));
    const lasted = fr ? `${days} jour${days > 1 ? 's' : ''}` : `lasted ${days} day${days > 1 ? 's' : ''}`;
    return `${day(f.at)} (${lasted})`;
  };
  const times = firings.length;
  const head = fr
    ? `Se serait déclenchée ${times} fois ${span}`
    : `Would have fired ${times === 1 ? 'once' : `${times} times`} ${span}`;
  if (!opts.fannedOut) return [`${head}${fr ? ' : ' : ': '}${firings.map(episode).join(', ')}`];
  const byMember = new Map<string, AlertPreview['firings']>();
  for (const f of firings) byMember.set(f.label, [...(byMember.get(f.label) ?? []), f]);
  const lines = [`${head}${fr ? ' :' : ':'}`];
  for (const [label, list] of [...byMember].slice(0, MAX_MEMBER_LINES)) {
    lines.push(`• ${label}${fr ? ' : ' : ': '}${list.map(episode).join(', ')}`);
  }
  if (byMember.size > MAX_MEMBER_LINES) {
    const more = byMember.size - MAX_MEMBER_LINES;
    lines.push(fr ? `… et ${more} autre(s)` : `… and ${more} more`);
  }
  return lines;
}
