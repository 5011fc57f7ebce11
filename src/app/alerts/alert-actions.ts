import { randomUUID } from 'node:crypto';
import {
  type AlertLifecycle,
  type AlertView,
  acknowledge,
  formatLasted,
  type Lang,
  snooze,
} from '../../core/alerts/index.ts';
import type { AlertState } from '../../generated/prisma/client.ts';
import type { AppContext } from '../context.ts';
import { type DeliveryDispatch, enqueueDeliveries } from '../delivery/index.ts';
import { updateMessage } from './alert-view.ts';
import { AlertRuleError, findAlertRule } from './manage-rules.ts';
import { lifecycleColumns, lifecycleOf, type RecordedJudgement, type RootMessage } from './state-records.ts';

/** A state by full id or by the alert id messages show (its first 8 characters, or any prefix of 6 or more). */
export async function findAlertState(
  ctx: AppContext,
  tenantId: string,
  ref: string,
): Promise<AlertState | null> {
  const id = ref.trim().toLowerCase();
  if (id.length < 6 || !/^[0-9a-f-]+$/.test(id)) return null;
  const rows = await ctx.db.prisma.alertState.findMany({
    where: { tenantId, id: { startsWith: id } },
    take: 2,
  });
  return rows.length === 1 ? rows[0]! : null;
}

/** The `fired` event of a state's current (or last) episode: its view and its root messages. */
async function lastFiring(ctx: AppContext, state: AlertState) {
  const fired = await ctx.db.prisma.alertEvent.findFirst({
    where: { tenantId: state.tenantId, ruleId: state.ruleId, scopeKey: state.scopeKey, type: 'fired' },
    orderBy: { at: 'desc' },
  });
  const detail = (fired?.detail ?? {}) as { view?: AlertView; roots?: RootMessage[] };
  return { event: fired, view: detail.view ?? null, roots: detail.roots ?? [] };
}

function withLifecycle(view: AlertView, l: AlertLifecycle): AlertView {
  return {
    ...view,
    acked: l.ackedAt ? { by: l.ackedBy ?? '', at: l.ackedAt.toISOString() } : null,
    snoozedUntil: l.snoozedUntil?.toISOString() ?? null,
  };
}

/**
 * Ack or snooze: the state changes (only if nobody changed it meanwhile), an event records who did it, and every
 * copy of the alert's message (each root it was posted as) gets an `update` in the outbox, so they all change in
 * place. Returns the updated view.
 */
async function changeFiring(
  ctx: AppContext,
  tenantId: string,
  stateRef: string,
  change: (prev: AlertLifecycle) => AlertLifecycle,
  event: { type: 'acked' | 'snoozed'; by: string; until?: Date },
  now: Date,
  opts: { dispatch?: DeliveryDispatch | undefined; lang?: Lang | undefined },
): Promise<AlertView> {
  const lang = opts.lang ?? 'en';
  const fr = lang === 'fr';
  const state = await findAlertState(ctx, tenantId, stateRef);
  if (!state) {
    throw new AlertRuleError(
      'unknown_alert',
      fr ? `Aucune alerte « ${stateRef} ».` : `No alert “${stateRef}”.`,
      lang,
    );
  }
  const prev = lifecycleOf(state)!;
  const firing = await lastFiring(ctx, state);
  if (prev.state !== 'firing' || !firing.view) {
    throw new AlertRuleError(
      'not_firing',
      fr
        ? "Cette alerte n'est plus active : rien à faire."
        : 'This alert is not firing any more: nothing to do.',
      lang,
    );
  }
  const next = change(prev);
  const view = withLifecycle(firing.view, next);
  const eventId = randomUUID();
  const messages = firing.roots.map((root) => updateMessage(tenantId, root, eventId, view));
  const ids = await ctx.db.prisma.$transaction(async (tx) => {
    const { count } = await tx.alertState.updateMany({
      where: { id: state.id, updatedAt: state.updatedAt },
      data: lifecycleColumns(next),
    });
    if (count !== 1) {
      throw new AlertRuleError(
        'conflict',
        fr ? "L'alerte vient de changer : réessayez." : 'The alert just changed: try again.',
        lang,
      );
    }
    await tx.alertEvent.create({
      data: {
        id: eventId,
        tenantId,
        ruleId: state.ruleId,
        scopeKey: state.scopeKey,
        type: event.type,
        detail: {
          stateId: state.id,
          by: event.by,
          ...(event.until ? { until: event.until.toISOString() } : {}),
        },
        at: now,
      },
    });
    return enqueueDeliveries(tx, messages);
  });
  if (opts.dispatch && ids.length > 0) {
    await opts
      .dispatch(ids)
      .catch((error: unknown) =>
        ctx.log.warn(
          { tenantId, err: (error as Error).message },
          'alert update not dispatched: left to the sweeper',
        ),
      );
  }
  return view;
}

/** Ack: no more reminders for this episode; every copy of the message shows who acknowledged it. */
export function acknowledgeAlert(
  ctx: AppContext,
  tenantId: string,
  stateId: string,
  by: string,
  now: Date,
  opts: { dispatch?: DeliveryDispatch | undefined; lang?: Lang | undefined } = {},
): Promise<AlertView> {
  return changeFiring(
    ctx,
    tenantId,
    stateId,
    (prev) => acknowledge(prev, by, now),
    { type: 'acked', by },
    now,
    opts,
  );
}

/** Snooze until a time: no reminder before it, one when it ends if the alert still fires. */
export function snoozeAlert(
  ctx: AppContext,
  tenantId: string,
  stateId: string,
  until: Date,
  by: string,
  now: Date,
  opts: { dispatch?: DeliveryDispatch | undefined; lang?: Lang | undefined } = {},
): Promise<AlertView> {
  return changeFiring(
    ctx,
    tenantId,
    stateId,
    (prev) => snooze(prev, until, now),
    { type: 'snoozed', by, until },
    now,
    opts,
  );
}

export interface AlertExplanation {
  rule: { id: string; name: string; muted: boolean; problem: string | null };
  stateId: string | null;
  scopeKey: string | null;
  /** The alert as its message shows it (firing, or its last episode, resolved); null if it never fired. */
  view: AlertView | null;
  /** The latest evaluation (judged again at `at`, possibly many times with the same outcome). */
  latest: (RecordedJudgement & { evaluatedAt: string | null }) | null;
  /** Recorded evaluations and actions, newest first. */
  recent: Array<{
    at: Date;
    type: string;
    value: number | null;
    bound: number | null;
    decision: string | null;
    reason: string | null;
  }>;
}

/**
 * `/kpi why <alert id | rule>`: why an alert fired or did not. For a rule with several states (a fan-out), the
 * firing one first, else the last evaluated one.
 */
export async function explainAlert(
  ctx: AppContext,
  tenantId: string,
  ref: string,
  opts: { lang: Lang; limit?: number },
): Promise<AlertExplanation | null> {
  const prisma = ctx.db.prisma;
  let state = await findAlertState(ctx, tenantId, ref);
  let rule = state
    ? await prisma.alertRule.findFirst({ where: { tenantId, id: state.ruleId } })
    : await findAlertRule(ctx, tenantId, ref, opts.lang);
  if (!rule) return null;
  if (!state) {
    const states = await prisma.alertState.findMany({
      where: { tenantId, ruleId: rule.id },
      orderBy: [{ firingSince: { sort: 'asc', nulls: 'last' } }, { lastEvaluated: 'desc' }],
      take: 50,
    });
    state =
      states.find((s) => s.state === 'firing') ??
      states.find((s) => s.state === 'pending') ??
      states[0] ??
      null;
  }
  const found = await findAlertRule(ctx, tenantId, rule.id, opts.lang);
  rule = found ?? rule;
  const problem = found?.problem ?? null;
  const events = await prisma.alertEvent.findMany({
    where: { tenantId, ruleId: rule.id, ...(state ? { scopeKey: { in: [state.scopeKey, ''] } } : {}) },
    orderBy: { at: 'desc' },
    take: opts.limit ?? 10,
  });
  let view: AlertView | null = null;
  if (state) {
    const firing = await lastFiring(ctx, state);
    if (firing.view) {
      view = withLifecycle(firing.view, lifecycleOf(state)!);
      if (state.state !== 'firing') {
        const resolved = await prisma.alertEvent.findFirst({
          where: {
            tenantId,
            ruleId: state.ruleId,
            scopeKey: state.scopeKey,
            type: 'resolved',
            at: { gte: firing.event!.at },
          },
          orderBy: { at: 'desc' },
        });
        const at = resolved?.at ?? null;
        view = {
          ...view,
          status: 'resolved',
          resolvedAt: at?.toISOString() ?? null,
          lasted: at ? formatLasted(at.getTime() - new Date(view.firingSince).getTime(), view.lang) : null,
        };
      }
    }
  }
  const recorded = (state?.lastJudgement ?? null) as RecordedJudgement | null;
  return {
    rule: { id: rule.id, name: rule.name, muted: rule.muted, problem },
    stateId: state?.id ?? null,
    scopeKey: state?.scopeKey ?? null,
    view,
    // Judged the same on every later evaluation of the rule, which only stamps the rule.
    latest: recorded
      ? { ...recorded, evaluatedAt: (rule.lastEvaluatedAt ?? state?.lastEvaluated)?.toISOString() ?? null }
      : null,
    recent: events
      .filter((e) => e.scopeKey === (state?.scopeKey ?? '') || e.type === 'error')
      .map((e) => {
        const d = (e.detail ?? {}) as { decision?: string; reason?: string; message?: string };
        return {
          at: e.at,
          type: e.type,
          value: e.value,
          bound: e.threshold,
          decision: d.decision ?? null,
          reason: d.reason ?? d.message ?? null,
        };
      }),
  };
}
