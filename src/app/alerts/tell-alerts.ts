import { randomUUID } from 'node:crypto';
import type { AlertView, Notification } from '../../core/alerts/index.ts';
import type { TenantSettings } from '../../store/tenants.ts';
import type { AppContext } from '../context.ts';
import { enqueueDeliveries, type OutboxClient } from '../delivery/index.ts';
import type { OutboundMessage } from '../delivery/types.ts';
import { alertView, updateMessage, viewForAudience } from './alert-view.ts';
import { breakdownQuery } from './breakdown-query.ts';
import { explainAlerts } from './contributors.ts';
import { chatUsersOf, type Directory } from './directory.ts';
import type { AlertOutcome, EvaluationSummary, Judged } from './evaluation-types.ts';
import { inPool } from './read-plan.ts';
import { type Recipient, Router } from './routing.ts';
import { alertKeys, eventType, lifecycleColumns, type RootMessage } from './state-records.ts';
import { STATE_VERSION } from './state-store.ts';
import { eventDetail, TRANSACTION_OPTIONS } from './write-evaluation.ts';

/** What one rule's moving states write together: their states, their events, their outbox rows. */
interface RuleWork {
  ruleId: string;
  ruleName: string;
  states: readonly Judged[];
  events: Array<{ id: string; j: Judged; detail: Record<string, unknown> }>;
  messages: OutboundMessage[];
  outcomes: Array<{ notify: Exclude<Notification, null>; outcome: AlertOutcome }>;
}

export interface MovingResult {
  deliveryIds: string[];
  fired: AlertOutcome[];
  repeated: AlertOutcome[];
  resolved: AlertOutcome[];
  errors: EvaluationSummary['errors'];
}

class ConcurrentEvaluationError extends Error {}

/** Rules written per transaction when many move at once (the first evaluation of a large tenant). */
const RULES_PER_BATCH = 100;

/**
 * States whose lifecycle moves (pending, fired, repeated, resolved…): the explanation and the routes of what is
 * told, then each rule's states (written only if nobody changed them since they were read), events and outbox
 * rows in one transaction. Rules are written a hundred to a transaction; if that transaction fails (another
 * evaluation moved one of its states first), its rules are written again one transaction each, so that one
 * conflict costs only its own rule.
 */
export async function writeMoving(
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
  const works: RuleWork[] = [];
  for (const group of byRule.values()) {
    const rule = group[0]!.plan.rule;
    const messages: OutboundMessage[] = [];
    const events: Array<{ id: string; j: Judged; detail: Record<string, unknown> }> = [];
    const outcomes: RuleWork['outcomes'] = [];
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
      outcomes.push({ notify, outcome });
    }
    works.push({ ruleId: rule.id, ruleName: rule.name, states: group, events, messages, outcomes });
  }

  const out: MovingResult = { deliveryIds: [], fired: [], repeated: [], resolved: [], errors: [] };
  const written = (work: RuleWork, ids: string[]) => {
    out.deliveryIds.push(...ids);
    for (const { notify, outcome } of work.outcomes) {
      (notify === 'fire' ? out.fired : notify === 'repeat' ? out.repeated : out.resolved).push(outcome);
    }
  };
  const writeOne = async (work: RuleWork) => {
    try {
      written(
        work,
        await prisma.$transaction((tx) => writeWorks(tx, tenant.id, now, [work]), TRANSACTION_OPTIONS),
      );
    } catch (error) {
      if (error instanceof ConcurrentEvaluationError) {
        // Another evaluation moved these states first and told whatever had to be told: nothing to add.
        ctx.log.info(
          { tenantId: tenant.id, ruleId: work.ruleId },
          'alert states changed meanwhile: left as they are',
        );
        return;
      }
      ctx.log.error(
        { tenantId: tenant.id, ruleId: work.ruleId, err: (error as Error).message },
        'alert rule not written',
      );
      out.errors.push({ ruleId: work.ruleId, ruleName: work.ruleName, message: (error as Error).message });
    }
  };
  const batches: RuleWork[][] = [];
  for (let i = 0; i < works.length; i += RULES_PER_BATCH) batches.push(works.slice(i, i + RULES_PER_BATCH));
  await inPool(
    batches.map((batch) => async () => {
      if (batch.length === 1) return writeOne(batch[0]!);
      let ids: string[];
      try {
        ids = await prisma.$transaction((tx) => writeWorks(tx, tenant.id, now, batch), TRANSACTION_OPTIONS);
      } catch {
        for (const work of batch) await writeOne(work);
        return;
      }
      // Delivery ids come back in message order: hand each rule its own.
      let at = 0;
      for (const work of batch) {
        written(work, ids.slice(at, at + work.messages.length));
        at += work.messages.length;
      }
    }),
    input.concurrency,
  );
  return out;
}

type Tx = OutboxClient & { $executeRawUnsafe(sql: string, ...values: unknown[]): Promise<number> };

/** The states, events and outbox rows of some rules, in the caller's transaction; throws on a conflict. */
async function writeWorks(
  tx: Tx,
  tenantId: string,
  now: Date,
  works: readonly RuleWork[],
): Promise<string[]> {
  const states = works.flatMap((w) => w.states);
  const existing = states.filter((j) => j.row !== null);
  const fresh = states.filter((j) => j.row === null);
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const lifecycle = (list: readonly Judged[]) => {
    const col = <T>(pick: (j: Judged) => T) => list.map(pick);
    const l = (j: Judged) => lifecycleColumns(j.step.next);
    return [
      col((j) => l(j).state),
      col((j) => l(j).pendingCount),
      col((j) => iso(l(j).firingSince)),
      col((j) => iso(l(j).lastNotified)),
      col((j) => iso(l(j).ackedAt)),
      col((j) => l(j).ackedBy),
      col((j) => iso(l(j).snoozedUntil)),
      col((j) => j.judgement.value),
      col((j) => (j.recordEvent ? JSON.stringify(j.record) : null)),
    ];
  };
  const columns = `state, pending, firing_since, last_notified, acked_at, acked_by, snoozed_until, value, judgement`;
  const types = `$5::text[], $6::int[], $7::timestamptz[], $8::timestamptz[], $9::timestamptz[], $10::text[],
    $11::timestamptz[], $12::float8[], $13::text[]`;
  if (existing.length > 0) {
    // Only rows nobody changed since they were read: a concurrent evaluation (or an ack) wins, this one yields.
    const updated = await tx.$executeRawUnsafe(
      `UPDATE "AlertState" AS s SET state = u.state, "pendingCount" = u.pending, "firingSince" = u.firing_since,
         "lastNotified" = u.last_notified, "ackedAt" = u.acked_at, "ackedBy" = u.acked_by,
         "snoozedUntil" = u.snoozed_until, "lastValue" = u.value, "lastEvaluated" = $2::timestamptz,
         "lastJudgement" = COALESCE(u.judgement::jsonb, s."lastJudgement"), "updatedAt" = now()
       FROM unnest($3::text[], $4::float8[], ${types}) AS u(id, version, ${columns})
       WHERE s.id = u.id AND s."tenantId" = $1 AND ${STATE_VERSION('s')} = u.version`,
      tenantId,
      now.toISOString(),
      existing.map((j) => j.row!.id),
      existing.map((j) => j.row!.version),
      ...lifecycle(existing),
    );
    if (updated !== existing.length) throw new ConcurrentEvaluationError();
  }
  if (fresh.length > 0) {
    const inserted = await tx.$executeRawUnsafe(
      `INSERT INTO "AlertState" (id, "tenantId", "ruleId", "scopeKey", state, "pendingCount", "firingSince",
         "lastNotified", "ackedAt", "ackedBy", "snoozedUntil", "lastValue", "lastEvaluated", "lastJudgement",
         "updatedAt")
       SELECT u.id, $1, u.rule, u.scope, u.state, u.pending, u.firing_since, u.last_notified, u.acked_at,
         u.acked_by, u.snoozed_until, u.value, $2::timestamptz, u.judgement::jsonb, now()
       FROM unnest($3::text[], $4::text[], ${types}, $14::text[]) AS u(id, rule, ${columns}, scope)
       ON CONFLICT ("tenantId", "ruleId", "scopeKey") DO NOTHING`,
      tenantId,
      now.toISOString(),
      fresh.map((j) => j.stateId),
      fresh.map((j) => j.plan.rule.id),
      ...lifecycle(fresh),
      fresh.map((j) => j.member.scopeKey),
    );
    if (inserted !== fresh.length) throw new ConcurrentEvaluationError();
  }
  const events = works.flatMap((w) => w.events);
  if (events.length > 0) {
    const col = <T>(pick: (e: (typeof events)[number]) => T) => events.map(pick);
    await tx.$executeRawUnsafe(
      `INSERT INTO "AlertEvent" (id, "tenantId", "ruleId", "scopeKey", type, value, threshold, detail, at)
       SELECT u.id, $1, u.rule, u.scope, u.type, u.value, u.bound, u.detail::jsonb, $2::timestamptz
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::float8[], $8::float8[], $9::text[])
         AS u(id, rule, scope, type, value, bound, detail)`,
      tenantId,
      now.toISOString(),
      col((e) => e.id),
      col((e) => e.j.plan.rule.id),
      col((e) => e.j.member.scopeKey),
      col((e) => eventType(e.j.step)),
      col((e) => e.j.judgement.value),
      col((e) => e.j.judgement.bound),
      col((e) => JSON.stringify(e.detail)),
    );
  }
  return enqueueDeliveries(
    tx,
    works.flatMap((w) => w.messages),
  );
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
