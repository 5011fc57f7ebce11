import { randomUUID } from 'node:crypto';
import { find, INITIAL_LIFECYCLE, stepLifecycle, worded } from '../../core/alerts/index.ts';
import type { PeriodContext } from '../../core/periods/index.ts';
import { ensureTenant } from '../../store/tenants.ts';
import type { AppContext } from '../context.ts';
import type { DeliveryDispatch } from '../delivery/index.ts';
import { tenantCurrency } from '../tenant-currency.ts';
import { comparedRanges } from './alert-view.ts';
import { Directory } from './directory.ts';
import type { EvaluationSummary, Judged, Planned } from './evaluation-types.ts';
import { observe, type ValueSource } from './observe.ts';
import { fanOutDimension, membersOf, ruleProblem, ScopeResolver, scopeFilters, sliceFor } from './plan.ts';
import { AggregateReads, DailyReads } from './read-plan.ts';
import { loadRules } from './rule-store.ts';
import { isNewRecord, recordOf, sameFigures, sameLifecycle } from './state-records.ts';
import { loadStates, type StoredState } from './state-store.ts';
import { TargetBook } from './target-book.ts';
import { writeMoving } from './tell-alerts.ts';
import { type RuleWindows, ruleWindows, windowsKey } from './windows.ts';
import { recordRuleErrors, writeQuiet } from './write-evaluation.ts';

export type { AlertOutcome, EvaluationSummary } from './evaluation-types.ts';

export interface EvaluateOptions {
  now: Date;
  /** Queues the deliver jobs of the messages written (the worker's); without it they wait for a sweeper. */
  dispatch?: DeliveryDispatch | undefined;
  /** Only these rules (e.g. a rule just created); default every live rule of the tenant. */
  ruleIds?: readonly string[] | undefined;
}

/**
 * Evaluates the tenant's alert rules at `now` (to the minute): for each rule and each member of its fan-out, the
 * figures from the rollups (reads shared by every rule that needs the same range and slice), CORE's judge and
 * lifecycle, then the writes: states that moved with their events and outbox rows, each rule's in one
 * transaction (tell-alerts.ts); states that judged something new in bulk; unchanged states not at all.
 * Evaluating twice at the same minute changes nothing the second time; a rule that cannot be read is reported and
 * skipped. The deliver jobs are dispatched after the commits.
 */
export async function evaluateAlerts(
  ctx: AppContext,
  tenantId: string,
  opts: EvaluateOptions,
): Promise<EvaluationSummary> {
  const started = performance.now();
  const now = new Date(Math.floor(opts.now.getTime() / 60_000) * 60_000);
  const prisma = ctx.db.prisma;
  const [tenant, currency, loaded, dir] = await Promise.all([
    ensureTenant(prisma, tenantId, ctx.tenantDefaults),
    tenantCurrency(prisma, tenantId),
    loadRules(ctx.db, tenantId, ctx.catalog, opts.ruleIds),
    Directory.load(prisma, tenantId),
  ]);
  const summary: EvaluationSummary = {
    tenantId,
    at: now.toISOString(),
    rules: loaded.length,
    states: 0,
    fired: [],
    repeated: [],
    resolved: [],
    skipped: [],
    errors: [],
    deliveryIds: [],
    reads: { aggregate: 0, daily: 0 },
    ms: 0,
    phases: { plan: 0, read: 0, judge: 0, write: 0 },
  };
  let lap = started;
  const phase = (name: keyof EvaluationSummary['phases']) => {
    const t = performance.now();
    summary.phases[name] = Math.round(t - lap);
    lap = t;
  };
  for (const bad of loaded) {
    if (!bad.ok) summary.errors.push({ ruleId: bad.id, ruleName: bad.name, message: bad.message });
  }
  const rules = loaded.flatMap((l) => (l.ok ? [l.rule] : []));
  const pctx: PeriodContext = {
    now,
    tz: tenant.tz,
    weekStart: tenant.weekStart,
    fiscalYearStart: tenant.fiscalYearStart,
  };
  const readScope = { tenantId, tz: tenant.tz, rollupTz: tenant.tz };
  const agg = new AggregateReads(readScope);
  const daily = new DailyReads(readScope);
  const resolver = new ScopeResolver(prisma, tenantId, dir);
  const windowsMemo = new Map<string, RuleWindows>();

  // 1. Plan: each rule's scope, slice and windows; register the reads it needs.
  const plans: Planned[] = [];
  await Promise.all(
    rules.map(async (rule) => {
      const lang = rule.spec.lang ?? tenant.lang;
      const problem = ruleProblem(rule.spec, rule.metric, lang);
      const scope = problem ? null : await resolver.resolve(rule.spec.scope, lang);
      if (problem || !scope || 'code' in scope) {
        const message = problem ?? (scope && 'code' in scope ? scope.message : 'scope');
        summary.errors.push({ ruleId: rule.id, ruleName: rule.name, message });
        return;
      }
      const filters = scopeFilters(scope);
      const fanOut = fanOutDimension(rule.spec.fanOut);
      const { slice, pick } = sliceFor(filters, fanOut);
      // Rules with the same windows share the periods (and so the reads and the ranges they show).
      const wkey = windowsKey(rule.spec.condition);
      let windows = windowsMemo.get(wkey);
      if (!windows) {
        windows = ruleWindows(rule.spec.condition, pctx);
        windowsMemo.set(wkey, windows);
      }
      const terms = rule.metric.terms;
      const handles: Planned['handles'] = {};
      if (windows.current) handles.current = agg.want(windows.current, slice, terms);
      if (windows.previous) handles.previous = agg.want(windows.previous, slice, terms);
      if (windows.anomaly) {
        handles.daily = daily.want({ ...windows.anomaly.span, only: windows.anomaly.days }, slice, terms);
      }
      plans.push({ rule, lang, scope, filters, fanOut, pick, windows, handles });
    }),
  );
  plans.sort((a, b) => (a.rule.id < b.rule.id ? -1 : 1));

  phase('plan');
  // 2. Read: shared reads, objectives for pace (and attainment), existing states.
  const concurrency = ctx.db.kind === 'postgres' ? 6 : 1;
  const paced = plans.filter(
    (p) => p.rule.spec.condition.kind === 'pace' || p.rule.metric.kind === 'attainment',
  );
  const [targets, statesByRule] = await Promise.all([
    TargetBook.load(
      prisma,
      tenantId,
      new Set(paced.map((p) => p.rule.metric.of ?? p.rule.metric.name)),
      paced.flatMap((p) => [p.windows.full, p.windows.current, p.windows.previous].filter((x) => x !== null)),
      dir.reps,
    ),
    loadStates(
      ctx.db,
      tenantId,
      plans.map((p) => p.rule.id),
    ),
    agg.run(ctx.db, concurrency),
    daily.run(ctx.db, concurrency),
  ]);
  summary.reads = { aggregate: agg.size, daily: daily.size };
  phase('read');

  // 3. Judge and step every (rule, member).
  const judged: Judged[] = [];
  const rangeMemo = new Map<string, ReturnType<typeof comparedRanges>>();
  const shares = new Map<string, number>();
  for (const plan of plans) {
    const states = statesByRule.get(plan.rule.id) ?? new Map<string, StoredState>();
    const seen = plan.fanOut
      ? [
          ...(plan.handles.current ? agg.groups(plan.handles.current) : []),
          ...(plan.handles.previous ? agg.groups(plan.handles.previous) : []),
          ...(plan.handles.daily ? daily.groups(plan.handles.daily) : []),
        ]
      : [];
    const members = membersOf(plan, dir, seen, states.keys());
    const { current, previous, daily: days } = plan.handles;
    const readers = {
      current: current ? agg.reader(current) : null,
      previous: previous ? agg.reader(previous) : null,
    };
    const onDay = days ? daily.reader(days) : null;
    const source: ValueSource = {
      range: (which, pick) => readers[which]!(pick),
      day: (day, pick) => onDay!(day, pick),
    };
    const input = {
      metric: plan.rule.metric,
      condition: plan.rule.spec.condition,
      windows: plan.windows,
      catalog: ctx.catalog,
      targets,
      now,
      tz: tenant.tz,
      lang: plan.lang,
      shares,
    };
    const condition = plan.rule.spec.condition;
    for (const member of members) {
      const row = states.get(member.scopeKey) ?? null;
      const prev = row?.lifecycle ?? INITIAL_LIFECYCLE;
      const observation = observe(input, member, source);
      const finding = find(condition, observation, {
        lang: plan.lang,
        status: prev.state,
        format: plan.rule.metric.format,
        currency,
      });
      summary.states += 1;
      if (finding.skipped !== null) {
        summary.skipped.push({
          ruleId: plan.rule.id,
          ruleName: plan.rule.name,
          scopeLabel: member.label,
          code: finding.skipped,
          // Worded only if read (the CLI shows ten; a large tenant skips thousands).
          get reason() {
            return finding.word();
          },
        });
      }
      const previous = row?.judged;
      // The same minute, the same figures: already evaluated (a retried job, two triggers at once).
      if (row?.lastEvaluated === now.getTime() && previous && sameFigures(previous, finding)) continue;
      const step = stepLifecycle(prev, finding, {
        now,
        lifecycle: plan.rule.spec.lifecycle,
        muted: plan.rule.muted,
      });
      const recordEvent = isNewRecord(previous, finding, step.decision);
      // Neither a move nor anything new to record: nothing to write (most states, most of the time).
      if (row !== null && !recordEvent && step.notify === null && sameLifecycle(prev, step.next)) continue;
      const judgement = worded(finding);
      // The same ranges for every member and rule with these windows (an anomaly's depend on its day).
      const rangeKey = `${windowsKey(condition)}|${plan.lang}|${judgement.day ?? ''}`;
      let ranges = rangeMemo.get(rangeKey);
      if (!ranges) {
        ranges = comparedRanges(condition, plan.windows, judgement, tenant.tz, plan.lang);
        rangeMemo.set(rangeKey, ranges);
      }
      judged.push({
        plan,
        member,
        row,
        prev,
        judgement,
        step,
        record: recordOf(judgement, step, now, ranges),
        recordEvent,
        stateId: row?.id ?? randomUUID(),
        ranges,
      });
    }
  }

  phase('judge');
  // 4. Write: quiet states in bulk, every state whose lifecycle moves in its rule's own transaction.
  // `judged` holds only what needs a write: a state that neither moves nor judges anything new was left out above
  // (the rule's lastEvaluatedAt says it was seen).
  const isMoving = (j: Judged) => j.step.notify !== null || !sameLifecycle(j.prev, j.step.next);
  const moving = judged.filter(isMoving);
  const quiet = judged.filter((j) => !isMoving(j));
  await writeQuiet(ctx, tenantId, now, quiet);
  if (plans.length > 0) {
    await prisma.$executeRawUnsafe(
      'UPDATE "AlertRule" SET "lastEvaluatedAt" = $2::timestamptz WHERE "tenantId" = $1 AND id = ANY($3::text[])',
      tenantId,
      now.toISOString(),
      plans.map((p) => p.rule.id),
    );
  }
  if (moving.length > 0) {
    const written = await writeMoving(ctx, {
      tenant,
      currency,
      now,
      dir,
      moving,
      concurrency: ctx.db.kind === 'postgres' ? 4 : 1,
    });
    summary.deliveryIds.push(...written.deliveryIds);
    summary.fired.push(...written.fired);
    summary.repeated.push(...written.repeated);
    summary.resolved.push(...written.resolved);
    summary.errors.push(...written.errors);
  }
  if (summary.errors.length > 0) await recordRuleErrors(ctx, tenantId, now, summary.errors);

  phase('write');
  // 5. Tell the deliver queue (a failure here loses nothing: the rows wait in the outbox for the sweeper).
  if (opts.dispatch && summary.deliveryIds.length > 0) {
    await opts
      .dispatch(summary.deliveryIds)
      .catch((error: unknown) =>
        ctx.log.warn(
          { tenantId, deliveries: summary.deliveryIds.length, err: (error as Error).message },
          'alert deliveries written but not dispatched: the outbox sweeper will send them',
        ),
      );
  }
  summary.ms = Math.round(performance.now() - started);
  ctx.log.info(
    {
      tenantId,
      at: summary.at,
      rules: summary.rules,
      states: summary.states,
      fired: summary.fired.length,
      repeated: summary.repeated.length,
      resolved: summary.resolved.length,
      errors: summary.errors.length,
      deliveries: summary.deliveryIds.length,
      ms: summary.ms,
    },
    'alerts evaluated',
  );
  return summary;
}
