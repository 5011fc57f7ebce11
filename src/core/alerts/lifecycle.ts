import {
  type AlertLifecycle,
  INITIAL_LIFECYCLE,
  type Judgement,
  type LifecycleParams,
  type LifecycleStep,
  type Notification,
} from './types.ts';

/**
 * Stable decision codes (recorded with every evaluation, read by /kpi why and the tests):
 * - `ok`: nothing in breach; `pending:<n>/<for>`: in breach, not yet long enough; `pending:reset`: the breach ended
 *   before firing.
 * - `fired`: the alert opened (or, muted until now, is told for the first time); `firing`: still in breach;
 *   `held:dead_band`: between the trigger and the recovery bound, so nothing changes.
 * - `repeated`: reminder after `repeatEveryMinutes`; `repeated:snooze_expired`: the snooze ended while firing.
 * - `suppressed:muted` / `suppressed:acked` / `suppressed:snoozed`: a notification was due but withheld.
 * - `resolved`: recovered, the thread is told; `resolved:silent`: recovered, nobody had been told it fired.
 * - `skipped:<reason>`: nothing to judge (no data, low volume, too early…): nothing moves.
 */
export type Decision = string;

export interface StepOptions {
  now: Date;
  lifecycle: LifecycleParams;
  muted: boolean;
}

/**
 * One evaluation's effect on an alert (Grafana/Alertmanager style): ok → pending (`forEvaluations` consecutive
 * breaches) → firing → ok when the recovery bound is met. Pure: the caller persists `next` and sends `notify`.
 */
/** What a step looks at of a judgement (not its words). */
type Judged = Pick<Judgement, 'breaching' | 'recovered' | 'skipped'>;

export function stepLifecycle(prev: AlertLifecycle, j: Judged, opts: StepOptions): LifecycleStep {
  if (j.skipped !== null) return { next: prev, notify: null, decision: `skipped:${j.skipped}` };
  if (prev.state === 'firing') return stepFiring(prev, j, opts);
  if (!j.breaching) {
    const decision = prev.state === 'pending' ? 'pending:reset' : 'ok';
    return { next: { ...prev, state: 'ok', pendingCount: 0 }, notify: null, decision };
  }
  const forEvaluations = Math.max(1, opts.lifecycle.forEvaluations);
  const count = (prev.state === 'pending' ? prev.pendingCount : 0) + 1;
  if (count < forEvaluations) {
    return {
      next: { ...prev, state: 'pending', pendingCount: count },
      notify: null,
      decision: `pending:${count}/${forEvaluations}`,
    };
  }
  // A new episode: the previous one's ack and snooze do not carry over.
  const fired: AlertLifecycle = {
    state: 'firing',
    pendingCount: 0,
    firingSince: opts.now,
    lastNotified: null,
    ackedAt: null,
    ackedBy: null,
    snoozedUntil: null,
  };
  return notifyUnlessMuted(fired, 'fire', 'fired', opts);
}

function stepFiring(prev: AlertLifecycle, j: Judged, opts: StepOptions): LifecycleStep {
  const { now } = opts;
  if (j.recovered) {
    // Ack and snooze stay readable on the resolved message; the next firing clears them.
    const resolved: AlertLifecycle = { ...prev, state: 'ok', pendingCount: 0, firingSince: null };
    if (prev.lastNotified === null) return { next: resolved, notify: null, decision: 'resolved:silent' };
    return notifyUnlessMuted(resolved, 'resolve', 'resolved', opts);
  }
  const holding = j.breaching ? 'firing' : 'held:dead_band';
  // Muted (or skipped as a mismatch) when it fired: the episode is told once the rule can speak.
  if (prev.lastNotified === null) return notifyUnlessMuted(prev, 'fire', 'fired', opts);
  const snoozedUntil = prev.snoozedUntil;
  if (snoozedUntil !== null && now.getTime() < snoozedUntil.getTime()) {
    return { next: prev, notify: null, decision: repeatDue(prev, opts) ? 'suppressed:snoozed' : holding };
  }
  if (snoozedUntil !== null && prev.ackedAt === null) {
    // The snooze ran out while still firing: remind once, then the normal repeat interval applies.
    const next = { ...prev, snoozedUntil: null };
    return notifyUnlessMuted(next, 'repeat', 'repeated:snooze_expired', opts);
  }
  if (!repeatDue(prev, opts)) return { next: prev, notify: null, decision: holding };
  if (prev.ackedAt !== null) return { next: prev, notify: null, decision: 'suppressed:acked' };
  return notifyUnlessMuted(prev, 'repeat', 'repeated', opts);
}

function repeatDue(prev: AlertLifecycle, opts: StepOptions): boolean {
  const every = opts.lifecycle.repeatEveryMinutes;
  if (!(every > 0) || prev.lastNotified === null) return false;
  return opts.now.getTime() - prev.lastNotified.getTime() >= every * 60_000;
}

function notifyUnlessMuted(
  next: AlertLifecycle,
  notify: Exclude<Notification, null>,
  decision: Decision,
  opts: StepOptions,
): LifecycleStep {
  if (opts.muted) return { next, notify: null, decision: 'suppressed:muted' };
  return { next: { ...next, lastNotified: opts.now }, notify, decision };
}

/** Ack a firing alert: no more reminders until it resolves. Anything else is returned unchanged. */
export function acknowledge(prev: AlertLifecycle, by: string, now: Date): AlertLifecycle {
  if (prev.state !== 'firing') return prev;
  return { ...prev, ackedAt: now, ackedBy: by };
}

/** Snooze a firing alert until `until` (a time in the past clears the snooze). Anything else is unchanged. */
export function snooze(prev: AlertLifecycle, until: Date, now: Date): AlertLifecycle {
  if (prev.state !== 'firing') return prev;
  return { ...prev, snoozedUntil: until.getTime() > now.getTime() ? until : null };
}

/** Steps a fresh lifecycle through past judgements (the 8-week preview of a new rule). */
export function replayLifecycle(
  judgements: readonly Judged[],
  times: readonly Date[],
  params: LifecycleParams,
  muted = false,
): Array<{ at: Date; step: LifecycleStep }> {
  const out: Array<{ at: Date; step: LifecycleStep }> = [];
  let state: AlertLifecycle = INITIAL_LIFECYCLE;
  judgements.forEach((j, i) => {
    const at = times[i];
    if (!at) return;
    const step = stepLifecycle(state, j, { now: at, lifecycle: params, muted });
    out.push({ at, step });
    state = step.next;
  });
  return out;
}
