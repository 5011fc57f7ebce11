import type {
  AlertLifecycle,
  AlertRange,
  AlertStatus,
  Judgement,
  LifecycleStep,
} from '../../core/alerts/index.ts';
import type { AlertState } from '../../generated/prisma/client.ts';

/** AlertState.lastJudgement: what the last recorded evaluation judged and decided (read by /kpi why). */
export type RecordedJudgement = Judgement & {
  at: string;
  decision: string;
  current: AlertRange | null;
  compared: AlertRange | null;
};

export function recordOf(
  j: Judgement,
  step: LifecycleStep,
  at: Date,
  ranges: { current: AlertRange | null; compared: AlertRange | null },
): RecordedJudgement {
  return {
    at: at.toISOString(),
    decision: step.decision,
    breaching: j.breaching,
    recovered: j.recovered,
    skipped: j.skipped,
    value: j.value,
    bound: j.bound,
    recoveryBound: j.recoveryBound,
    baseline: j.baseline,
    day: j.day,
    reason: j.reason,
    current: ranges.current,
    compared: ranges.compared,
  };
}

// As stored: JSON has no Infinity or NaN (they are written as null).
const round = (v: number | null) => (v === null || !Number.isFinite(v) ? null : Number(v.toPrecision(9)));

/** The figures of a judgement, without the words: two evaluations with the same figures judged the same thing. */
type Figures = Pick<
  Judgement,
  'breaching' | 'recovered' | 'skipped' | 'value' | 'bound' | 'recoveryBound' | 'day'
>;

export function sameFigures(a: Figures, b: Figures): boolean {
  return (
    a.breaching === b.breaching &&
    a.recovered === b.recovered &&
    (a.skipped ?? null) === (b.skipped ?? null) &&
    sameNumber(a.value, b.value) &&
    sameNumber(a.bound, b.bound) &&
    sameNumber(a.recoveryBound, b.recoveryBound) &&
    (a.day ?? null) === (b.day ?? null)
  );
}

/** Equal, or equal once rounded as stored (most figures come back identical: no rounding needed). */
function sameNumber(a: number | null | undefined, b: number | null | undefined): boolean {
  return a === b || round(a ?? null) === round(b ?? null);
}

/** Decisions that state the same thing when the figures are the same: "fired" then "still firing" adds nothing. */
function decisionClass(decision: string): string {
  if (decision === 'fired' || decision === 'firing' || decision.startsWith('repeated')) return 'firing';
  if (decision === 'ok' || decision === 'pending:reset' || decision.startsWith('resolved')) return 'ok';
  return decision;
}

/**
 * Whether an evaluation adds anything to the history: a different judgement, or a different kind of decision.
 * `previous` is the state's recorded judgement as stored (anything, or nothing).
 */
export function isNewRecord(previous: unknown, next: Figures, decision: string): boolean {
  const p = previous as (Figures & { decision?: unknown }) | null | undefined;
  if (!p || typeof p !== 'object' || typeof p.decision !== 'string') return true;
  return decisionClass(p.decision) !== decisionClass(decision) || !sameFigures(p, next);
}

/** The lifecycle columns of an AlertState row (the whole row, or the lean one an evaluation reads). */
export type LifecycleRow = Pick<
  AlertState,
  'state' | 'pendingCount' | 'firingSince' | 'lastNotified' | 'ackedAt' | 'ackedBy' | 'snoozedUntil'
>;

export function lifecycleOf(row: LifecycleRow): AlertLifecycle;
export function lifecycleOf(row: LifecycleRow | null): AlertLifecycle | null;
export function lifecycleOf(row: LifecycleRow | null): AlertLifecycle | null {
  if (!row) return null;
  return {
    state: (row.state === 'pending' || row.state === 'firing' ? row.state : 'ok') as AlertStatus,
    pendingCount: row.pendingCount,
    firingSince: row.firingSince,
    lastNotified: row.lastNotified,
    ackedAt: row.ackedAt,
    ackedBy: row.ackedBy,
    snoozedUntil: row.snoozedUntil,
  };
}

const time = (d: Date | null) => (d === null ? null : d.getTime());

export function sameLifecycle(a: AlertLifecycle, b: AlertLifecycle): boolean {
  return (
    a.state === b.state &&
    a.pendingCount === b.pendingCount &&
    time(a.firingSince) === time(b.firingSince) &&
    time(a.lastNotified) === time(b.lastNotified) &&
    time(a.ackedAt) === time(b.ackedAt) &&
    a.ackedBy === b.ackedBy &&
    time(a.snoozedUntil) === time(b.snoozedUntil)
  );
}

/** The AlertEvent type of a step: what the history lists it as. */
export function eventType(step: LifecycleStep): 'fired' | 'repeated' | 'resolved' | 'evaluated' {
  if (step.notify === 'fire') return 'fired';
  if (step.notify === 'repeat') return 'repeated';
  if (step.notify === 'resolve' || step.decision.startsWith('resolved')) return 'resolved';
  return 'evaluated';
}

/** The lifecycle columns of an AlertState row. */
export function lifecycleColumns(l: AlertLifecycle) {
  return {
    state: l.state,
    pendingCount: l.pendingCount,
    firingSince: l.firingSince,
    lastNotified: l.lastNotified,
    ackedAt: l.ackedAt,
    ackedBy: l.ackedBy,
    snoozedUntil: l.snoozedUntil,
  };
}

/** Idempotency keys of an alert's messages (see ALERTS_PLAN): one root per episode and conversation. */
export const alertKeys = {
  root: (stateId: string, firingSince: Date, routeKey: string) =>
    `alert:${stateId}:${firingSince.toISOString()}:${routeKey}`,
  repeat: (root: string, n: number) => `${root}:repeat:${n}`,
  resolve: (root: string) => `${root}:resolve`,
  update: (root: string, eventId: string) => `${root}:update:${eventId}`,
};

/** The root messages of an episode, kept in its `fired` event so replies and updates find their threads. */
export interface RootMessage {
  key: string;
  platform: 'slack' | 'teams';
  target: string;
  repDetail: boolean;
}
