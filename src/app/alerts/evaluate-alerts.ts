import { randomUUID } from 'node:crypto';
import {
  type AlertLifecycle,
  type AlertView,
  INITIAL_LIFECYCLE,
  type Judgement,
  judge,
  type Lang,
  type LifecycleStep,
  stepLifecycle,
} from '../../core/alerts/index.ts';
import type { Dimension } from '../../core/metrics/measures.ts';
import type { PeriodContext } from '../../core/periods/index.ts';
import type { AlertState } from '../../generated/prisma/client.ts';
import { ensureTenant, type TenantSettings } from '../../store/tenants.ts';
import type { AppContext } from '../context.ts';
import { type DeliveryDispatch, enqueueDeliveries } from '../delivery/index.ts';
import type { OutboundMessage } from '../delivery/types.ts';
import type { ResolvedScope } from '../resolve-scope.ts';
import { tenantCurrency } from '../tenant-currency.ts';
import { alertView, comparedRanges, updateMessage, viewForAudience } from './alert-view.ts';
import { breakdownQuery } from './breakdown-query.ts';
import { explainAlerts } from './contributors.ts';
import { chatUsersOf, Directory } from './directory.ts';
import { observe, type ValueSource } from './observe.ts';
import {
  fanOutDimension,
  type Member,
  membersOf,
  ruleProblem,
  ScopeResolver,
  scopeFilters,
  sliceFor,
} from './plan.ts';
import { AggregateReads, DailyReads, inPool, type MemberPick } from './read-plan.ts';
import { type Recipient, Router } from './routing.ts';
import { loadRules, type StoredAlertRule } from './rule-store.ts';
import {
  alertKeys,
  eventType,
  isNewRecord,
  lifecycleColumns,
  lifecycleOf,
  type RecordedJudgement,
  type RootMessage,
  recordOf,
  sameLifecycle,
} from './state-records.ts';
import { TargetBook } from './target-book.ts';
import { type RuleWindows, ruleWindows } from './windows.ts';

export interface EvaluateOptions {
  now: Date;
  /** Queues the deliver jobs of the messages written (the worker's); without it they wait for a sweeper. */
  dispatch?: DeliveryDispatch | undefined;
  /** Only these rules (e.g. a rule just created); default every live rule of the tenant. */
  ruleIds?: readonly string[] | undefined;
}

export interface AlertOutcome {
  ruleId: string;
  ruleName: string;
  stateId: string;
  alertId: string;
  scopeKey: string;
  scopeLabel: string;
  headline: string;
  reason: string;
  /** `slack:C0123`, `teams:user:…`: where it was (or will be) posted. */
  sentTo: string[];
  /** Routes that could not be used, and why. */
  notes: string[];
}

export interface EvaluationSummary {
  tenantId: string;
  at: string;
  rules: number;
  /** (rule, member) states judged. */
  states: number;
  fired: AlertOutcome[];
  repeated: AlertOutcome[];
  resolved: AlertOutcome[];
  /** Judgements that could not be made (too early in the period, no objective, no data…), with the reason. */
  skipped: Array<{ ruleId: string; ruleName: string; scopeLabel: string; code: string; reason: string }>;
  /** Rules that could not be evaluated (a bad stored rule, an unknown team…): recorded, the others go on. */
  errors: Array<{ ruleId: string; ruleName: string; message: string }>;
  deliveryIds: string[];
  /** Distinct database reads made for the figures (aggregate and day-by-day), for the benchmark. */
  reads: { aggregate: number; daily: number };
  ms: number;
}

interface Planned {
  rule: StoredAlertRule;
  lang: Lang;
  scope: ResolvedScope;
  filters: Partial<Record<Dimension, string>>;
  fanOut: Dimension | null;
  pick: MemberPick | null;
  windows: RuleWindows;
  handles: { current?: string; previous?: string; daily?: string };
}

interface Judged {
  plan: Planned;
  member: Member;
  row: AlertState | null;
  prev: AlertLifecycle;
  judgement: Judgement;
  step: LifecycleStep;
  record: RecordedJudgement;
  recordEvent: boolean;
  stateId: string;
  ranges: ReturnType<typeof comparedRanges>;
}

/**
 * Evaluates the tenant's alert rules at `now` (to the minute): for each rule and each member of its fan-out, the
 * figures from the rollups (reads shared by every rule that needs the same range and slice), CORE's judge and
 * lifecycle, then per rule one transaction that writes its states, its events and its outbox rows together.
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
    loadRules(prisma, tenantId, ctx.catalog, opts.ruleIds),
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
  const resolver = new ScopeResolver(prisma, tenantId);

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
      const windows = ruleWindows(rule.spec.condition, pctx);
      const terms = rule.metric.terms;
      const handles: Planned['handles'] = {};
      if (windows.current) handles.current = agg.want(windows.current, slice, terms);
      if (windows.previous) handles.previous = agg.want(windows.previous, slice, terms);
      if (windows.anomaly) handles.daily = daily.want(windows.anomaly.span, slice, terms);
      plans.push({ rule, lang, scope, filters, fanOut, pick, windows, handles });
    }),
  );
  plans.sort((a, b) => (a.rule.id < b.rule.id ? -1 : 1));

  // 2. Read: shared reads, objectives for pace (and attainment), existing states.
  const concurrency = ctx.db.kind === 'postgres' ? 6 : 1;
  const paced = plans.filter(
    (p) => p.rule.spec.condition.kind === 'pace' || p.rule.metric.kind === 'attainment',
  );
  const [targets, rows] = await Promise.all([
    TargetBook.load(
      prisma,
      tenantId,
      new Set(paced.map((p) => p.rule.metric.of ?? p.rule.metric.name)),
      paced.flatMap((p) => [p.windows.full, p.windows.current, p.windows.previous].filter((x) => x !== null)),
      dir.reps,
    ),
    plans.length > 0
      ? prisma.alertState.findMany({ where: { tenantId, ruleId: { in: plans.map((p) => p.rule.id) } } })
      : Promise.resolve([] as AlertState[]),
    agg.run(ctx.db, concurrency),
    daily.run(ctx.db, concurrency),
  ]);
  summary.reads = { aggregate: agg.size, daily: daily.size };
  const statesByRule = new Map<string, Map<string, AlertState>>();
  for (const row of rows) {
    const m = statesByRule.get(row.ruleId) ?? new Map<string, AlertState>();
    m.set(row.scopeKey, row);
    statesByRule.set(row.ruleId, m);
  }

  // 3. Judge and step every (rule, member).
  const judged: Judged[] = [];
  for (const plan of plans) {
    const states = statesByRule.get(plan.rule.id) ?? new Map<string, AlertState>();
    const seen = plan.fanOut
      ? [
          ...(plan.handles.current ? agg.groups(plan.handles.current) : []),
          ...(plan.handles.previous ? agg.groups(plan.handles.previous) : []),
          ...(plan.handles.daily ? daily.groups(plan.handles.daily) : []),
        ]
      : [];
    const members = membersOf(plan, dir, seen, states.keys());
    const source: ValueSource = {
      range: (which, pick) => agg.values(plan.handles[which]!, pick),
      day: (day, pick) => daily.values(plan.handles.daily!, day, pick),
    };
    const condition = plan.rule.spec.condition;
    for (const member of members) {
      const row = states.get(member.scopeKey) ?? null;
      const prev = lifecycleOf(row) ?? INITIAL_LIFECYCLE;
      const observation = observe(
        {
          metric: plan.rule.metric,
          condition,
          windows: plan.windows,
          catalog: ctx.catalog,
          targets,
          now,
          tz: tenant.tz,
          lang: plan.lang,
        },
        member,
        source,
      );
      const judgement = judge(condition, observation, {
        lang: plan.lang,
        status: prev.state,
        format: plan.rule.metric.format,
        currency,
      });
      const ranges = comparedRanges(condition, plan.windows, judgement, tenant.tz, plan.lang);
      const previous = row?.lastJudgement as RecordedJudgement | null | undefined;
      // The same minute, the same figures: already evaluated (a retried job, two triggers at once).
      if (row?.lastEvaluated?.getTime() === now.getTime() && previous && sameJudgement(previous, judgement)) {
        summary.states += 1;
        continue;
      }
      const step = stepLifecycle(prev, judgement, {
        now,
        lifecycle: plan.rule.spec.lifecycle,
        muted: plan.rule.muted,
      });
      const record = recordOf(judgement, step, now, ranges);
      judged.push({
        plan,
        member,
        row,
        prev,
        judgement,
        step,
        record,
        recordEvent: isNewRecord(previous, record),
        stateId: row?.id ?? randomUUID(),
        ranges,
      });
      summary.states += 1;
      if (judgement.skipped !== null) {
        summary.skipped.push({
          ruleId: plan.rule.id,
          ruleName: plan.rule.name,
          scopeLabel: member.label,
          code: judgement.skipped,
          reason: judgement.reason,
        });
      }
    }
  }

  // 4. Write: quiet states in bulk, every state whose lifecycle moves in its rule's own transaction.
  const isMoving = (j: Judged) => j.step.notify !== null || !sameLifecycle(j.prev, j.step.next);
  const moving = judged.filter(isMoving);
  const quiet = judged.filter((j) => !isMoving(j));
  await writeQuiet(ctx, tenantId, now, quiet);
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

function sameJudgement(recorded: RecordedJudgement, j: Judgement): boolean {
  const round = (v: number | null) => (v === null ? null : Number(v.toPrecision(9)));
  return (
    recorded.breaching === j.breaching &&
    recorded.recovered === j.recovered &&
    recorded.skipped === j.skipped &&
    round(recorded.value) === round(j.value) &&
    round(recorded.bound) === round(j.bound) &&
    recorded.day === j.day
  );
}

/**
 * States whose lifecycle does not move: one statement upserts them all (new members start ok), one inserts the
 * events of those whose judgement changed. Together, so a state's lastJudgement never names an event not written.
 */
async function writeQuiet(ctx: AppContext, tenantId: string, now: Date, quiet: readonly Judged[]) {
  if (quiet.length === 0) return;
  const col = <T>(pick: (j: Judged) => T) => quiet.map(pick);
  const events = quiet.filter((j) => j.recordEvent);
  const ecol = <T>(pick: (j: Judged) => T) => events.map(pick);
  await ctx.db.prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(
      `INSERT INTO "AlertState" (id, "tenantId", "ruleId", "scopeKey", state, "pendingCount", "lastValue",
         "lastEvaluated", "lastJudgement", "updatedAt")
       SELECT u.id, $1, u.rule, u.scope, 'ok', 0, u.value, $2::timestamptz, u.judgement::jsonb, now()
       FROM unnest($3::text[], $4::text[], $5::text[], $6::float8[], $7::text[])
         AS u(id, rule, scope, value, judgement)
       ON CONFLICT ("tenantId", "ruleId", "scopeKey") DO UPDATE SET
         "lastValue" = EXCLUDED."lastValue",
         "lastEvaluated" = EXCLUDED."lastEvaluated",
         "lastJudgement" = COALESCE(EXCLUDED."lastJudgement", "AlertState"."lastJudgement")`,
      tenantId,
      now.toISOString(),
      col((j) => j.stateId),
      col((j) => j.plan.rule.id),
      col((j) => j.member.scopeKey),
      col((j) => j.judgement.value),
      col((j) => (j.recordEvent ? JSON.stringify(j.record) : null)),
    );
    if (events.length > 0) {
      await tx.$executeRawUnsafe(
        `INSERT INTO "AlertEvent" (id, "tenantId", "ruleId", "scopeKey", type, value, threshold, detail, at)
         SELECT gen_random_uuid()::text, $1, u.rule, u.scope, u.type, u.value, u.bound, u.detail::jsonb,
           $2::timestamptz
         FROM unnest($3::text[], $4::text[], $5::text[], $6::float8[], $7::float8[], $8::text[])
           AS u(rule, scope, type, value, bound, detail)`,
        tenantId,
        now.toISOString(),
        ecol((j) => j.plan.rule.id),
        ecol((j) => j.member.scopeKey),
        ecol((j) => eventType(j.step)),
        ecol((j) => j.judgement.value),
        ecol((j) => j.judgement.bound),
        ecol((j) => JSON.stringify(eventDetail(j))),
      );
    }
  });
}

function eventDetail(j: Judged, extra: Record<string, unknown> = {}) {
  return {
    stateId: j.stateId,
    scopeLabel: j.member.label,
    decision: j.step.decision,
    reason: j.judgement.reason,
    skipped: j.judgement.skipped,
    bound: j.judgement.bound,
    recoveryBound: j.judgement.recoveryBound,
    baseline: j.judgement.baseline,
    day: j.judgement.day,
    current: j.ranges.current,
    compared: j.ranges.compared,
    ...extra,
  };
}

class ConcurrentEvaluationError extends Error {}

interface MovingResult {
  deliveryIds: string[];
  fired: AlertOutcome[];
  repeated: AlertOutcome[];
  resolved: AlertOutcome[];
  errors: EvaluationSummary['errors'];
}

/**
 * States whose lifecycle moves (pending, fired, repeated, resolved…), rule by rule: the explanation and the routes
 * of what is told, then one transaction per rule writing its states (only if nobody changed them since they were
 * read), its events and its outbox rows.
 */
async function writeMoving(
  ctx: AppContext,
  input: {
    tenant: TenantSettings;
    currency: string;
    now: Date;
    dir: Directory;
    moving: readonly Judged[];
    concurrency: number;
  },
): Promise<MovingResult> {
  const { tenant, now, dir, moving } = input;
  const prisma = ctx.db.prisma;
  const out: MovingResult = { deliveryIds: [], fired: [], repeated: [], resolved: [], errors: [] };
  const telling = moving.filter((j) => j.step.notify !== null);

  // Contributors of what fires (change and anomaly), in one batch of breakdown reads.
  const explained = await explainAlerts(
    ctx,
    { tenantId: tenant.id, tz: tenant.tz, rollupTz: tenant.tz },
    telling
      .filter(
        (j) =>
          j.step.notify === 'fire' &&
          (j.plan.rule.spec.condition.kind === 'change' || j.plan.rule.spec.condition.kind === 'anomaly'),
      )
      .map((j) => ({
        id: j.stateId,
        metric: j.plan.rule.metric,
        member: j.member,
        windows: j.plan.windows,
        judgement: j.judgement,
        kind: j.plan.rule.spec.condition.kind as 'change' | 'anomaly',
        lang: j.plan.lang,
      })),
    input.concurrency,
  );

  // Who is told: DM accounts of owners and managers, and, for replies, the episode's root messages.
  const chatUsers = await chatUsersOf(prisma, tenant.id, [
    ...new Set(telling.flatMap((j) => Router.dmCandidates(dir, j.member))),
  ]);
  const router = new Router(ctx, tenant.id, dir, tenant.repVisibility, chatUsers);
  const following = telling.filter((j) => j.step.notify !== 'fire');
  const episodes = await episodesOf(ctx, tenant.id, following);

  const byRule = new Map<string, Judged[]>();
  for (const j of moving) byRule.set(j.plan.rule.id, [...(byRule.get(j.plan.rule.id) ?? []), j]);

  const tasks = [...byRule.values()].map((group) => async () => {
    const rule = group[0]!.plan.rule;
    const messages: OutboundMessage[] = [];
    const events: Array<{ id: string; j: Judged; detail: Record<string, unknown> }> = [];
    const outcomes: Array<{ list: AlertOutcome[]; outcome: AlertOutcome }> = [];
    for (const j of group) {
      const eventId = randomUUID();
      const notify = j.step.notify;
      if (notify === null) {
        if (j.recordEvent) events.push({ id: eventId, j, detail: eventDetail(j) });
        continue;
      }
      const firingSince = j.step.next.firingSince ?? j.prev.firingSince ?? now;
      const explanation = explained.get(j.stateId);
      const episode = episodes.get(j.stateId);
      const view = alertView({
        stateId: j.stateId,
        ruleId: rule.id,
        ruleName: rule.name,
        lang: j.plan.lang,
        condition: rule.spec.condition,
        metric: rule.metric,
        currency: input.currency,
        tz: tenant.tz,
        scopeLabel: j.member.label,
        judgement: j.judgement,
        firingSince,
        resolvedAt: notify === 'resolve' ? now : null,
        lifecycle: j.step.next,
        current: j.ranges.current,
        compared: j.ranges.compared,
        contributors: explanation?.contributors ?? episode?.view?.contributors ?? [],
        breakdownQuery: breakdownQuery(
          rule.metric,
          rule.spec.condition,
          j.member,
          explanation?.dimension ?? null,
          dir,
          j.plan.lang,
        ),
      });
      let roots: RootMessage[] = [];
      let notes: string[] = [];
      if (notify === 'fire') {
        const routed = await router.route(rule.spec.routing, j.member, j.plan.lang);
        notes = routed.notes;
        roots = routed.recipients.map((r: Recipient) => ({
          key: alertKeys.root(j.stateId, firingSince, r.routeKey),
          platform: r.platform,
          target: r.target,
          repDetail: r.repDetail,
        }));
        for (const root of roots) {
          messages.push({
            tenantId: tenant.id,
            platform: root.platform,
            target: root.target,
            idempotencyKey: root.key,
            kind: 'alert',
            op: 'post',
            view: viewForAudience(view, root.repDetail),
          });
        }
      } else {
        roots = episode?.roots ?? [];
        for (const root of roots) {
          const audience = viewForAudience(view, root.repDetail);
          const reply = notify === 'repeat' ? 'repeat' : 'resolve';
          messages.push({
            tenantId: tenant.id,
            platform: root.platform,
            target: root.target,
            idempotencyKey:
              reply === 'repeat'
                ? alertKeys.repeat(root.key, (episode?.repeats ?? 0) + 1)
                : alertKeys.resolve(root.key),
            kind: 'alert_reply',
            op: 'post',
            parentKey: root.key,
            view: { reply, alert: audience },
          });
          if (reply === 'resolve') messages.push(updateMessage(tenant.id, root, eventId, view));
        }
      }
      events.push({
        id: eventId,
        j,
        detail: eventDetail(j, {
          roots,
          notes,
          ...(notify === 'fire' ? { view } : {}),
          headline: view.headline,
        }),
      });
      const outcome: AlertOutcome = {
        ruleId: rule.id,
        ruleName: rule.name,
        stateId: j.stateId,
        alertId: view.alertId,
        scopeKey: j.member.scopeKey,
        scopeLabel: j.member.label,
        headline: view.headline,
        reason: j.judgement.reason,
        sentTo: roots.map((r) => `${r.platform}:${r.target}`),
        notes,
      };
      outcomes.push({
        list: notify === 'fire' ? out.fired : notify === 'repeat' ? out.repeated : out.resolved,
        outcome,
      });
    }
    try {
      const ids = await prisma.$transaction(async (tx) => {
        for (const j of group) {
          const data = {
            ...lifecycleColumns(j.step.next),
            lastValue: j.judgement.value,
            lastEvaluated: now,
            ...(j.recordEvent ? { lastJudgement: j.record as object } : {}),
          };
          if (j.row) {
            const { count } = await tx.alertState.updateMany({
              where: { id: j.row.id, updatedAt: j.row.updatedAt },
              data,
            });
            if (count !== 1) throw new ConcurrentEvaluationError();
          } else {
            const { count } = await tx.alertState.createMany({
              data: [
                {
                  id: j.stateId,
                  tenantId: tenant.id,
                  ruleId: rule.id,
                  scopeKey: j.member.scopeKey,
                  ...data,
                  lastJudgement: j.record as object,
                },
              ],
              skipDuplicates: true,
            });
            if (count !== 1) throw new ConcurrentEvaluationError();
          }
        }
        if (events.length > 0) {
          await tx.alertEvent.createMany({
            data: events.map((e) => ({
              id: e.id,
              tenantId: tenant.id,
              ruleId: rule.id,
              scopeKey: e.j.member.scopeKey,
              type: eventType(e.j.step),
              value: e.j.judgement.value,
              threshold: e.j.judgement.bound,
              detail: e.detail as object,
              at: now,
            })),
          });
        }
        return enqueueDeliveries(tx, messages);
      });
      out.deliveryIds.push(...ids);
      for (const { list, outcome } of outcomes) list.push(outcome);
    } catch (error) {
      if (error instanceof ConcurrentEvaluationError) {
        // Another evaluation moved these states first and told whatever had to be told: nothing to add.
        ctx.log.info(
          { tenantId: tenant.id, ruleId: rule.id },
          'alert states changed meanwhile: left as they are',
        );
        return;
      }
      ctx.log.error(
        { tenantId: tenant.id, ruleId: rule.id, err: (error as Error).message },
        'alert rule not written',
      );
      out.errors.push({ ruleId: rule.id, ruleName: rule.name, message: (error as Error).message });
    }
  });
  await inPool(tasks, input.concurrency);
  return out;
}

/** The current episode of states about to repeat or resolve: its root messages, its view, its repeats so far. */
async function episodesOf(
  ctx: AppContext,
  tenantId: string,
  following: readonly Judged[],
): Promise<Map<string, { roots: RootMessage[]; view: AlertView | null; repeats: number }>> {
  const out = new Map<string, { roots: RootMessage[]; view: AlertView | null; repeats: number }>();
  if (following.length === 0) return out;
  const since = new Date(Math.min(...following.map((j) => (j.prev.firingSince ?? new Date(0)).getTime())));
  const events = await ctx.db.prisma.alertEvent.findMany({
    where: {
      tenantId,
      ruleId: { in: [...new Set(following.map((j) => j.plan.rule.id))] },
      type: { in: ['fired', 'repeated'] },
      at: { gte: since },
    },
    orderBy: { at: 'asc' },
  });
  for (const j of following) {
    const from = j.prev.firingSince?.getTime() ?? 0;
    const mine = events.filter(
      (e) => e.ruleId === j.plan.rule.id && e.scopeKey === j.member.scopeKey && e.at.getTime() >= from,
    );
    const fired = mine.filter((e) => e.type === 'fired').at(-1);
    const detail = (fired?.detail ?? {}) as { roots?: RootMessage[]; view?: AlertView };
    out.set(j.stateId, {
      roots: detail.roots ?? [],
      view: detail.view ?? null,
      repeats: mine.filter((e) => e.type === 'repeated').length,
    });
  }
  return out;
}

/**
 * A rule that cannot be evaluated gets an `error` event (once per distinct message, not every 15 minutes), so
 * `/kpi alerts list` and `/kpi why` can say what is wrong with it.
 */
async function recordRuleErrors(
  ctx: AppContext,
  tenantId: string,
  now: Date,
  errors: EvaluationSummary['errors'],
) {
  const prisma = ctx.db.prisma;
  const last = await prisma.alertEvent.findMany({
    where: { tenantId, ruleId: { in: errors.map((e) => e.ruleId) }, type: 'error' },
    orderBy: { at: 'desc' },
    distinct: ['ruleId'],
    select: { ruleId: true, detail: true },
  });
  const known = new Map(last.map((e) => [e.ruleId, (e.detail as { message?: string }).message]));
  const fresh = errors.filter((e) => known.get(e.ruleId) !== e.message);
  if (fresh.length === 0) return;
  await prisma.alertEvent.createMany({
    data: fresh.map((e) => ({
      tenantId,
      ruleId: e.ruleId,
      scopeKey: '',
      type: 'error',
      detail: { message: e.message },
      at: now,
    })),
  });
  for (const e of fresh) {
    ctx.log.warn({ tenantId, ruleId: e.ruleId, rule: e.ruleName, problem: e.message }, 'alert rule skipped');
  }
}
