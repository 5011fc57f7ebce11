/**
 * The alert model shared by the rule parser, the judges, the lifecycle, evaluation (app/alerts) and the chat
 * renderers. Pure data: no I/O, no platform types.
 *
 * A rule watches one metric over one scope (optionally fanned out over each rep/team/channel: one state each),
 * judges an observation with one of four conditions, and steps a Grafana/Alertmanager-style lifecycle:
 * ok → pending (`for` evaluations in breach) → firing → ok again when the recovery bound is met (hysteresis).
 */
import type { Direction, MetricFormat } from '../answer.ts';

export type AlertKind = 'threshold' | 'change' | 'pace' | 'anomaly';
export type Lang = 'en' | 'fr';

/** Calendar grain of a pace rule's objective period. */
export type PaceGrain = 'week' | 'month' | 'quarter' | 'year';

/** Filters of the rule, as the user named them (team/channel names, rep email or name); app/ resolves them to ids. */
export interface AlertScope {
  team?: string | undefined;
  rep?: string | undefined;
  channel?: string | undefined;
}

/** One state per member of this dimension inside the scope (e.g. every rep of team Paris), or one state for the scope. */
export type FanOut = 'rep' | 'team' | 'channel' | null;

/** Where notifications go. `owner`: the rep the state is about, by DM; `manager`: that team's manager(s), by DM. */
export type AlertRoute =
  | { to: 'channel'; platform: 'slack' | 'teams'; id: string }
  | { to: 'owner' }
  | { to: 'manager' };

/**
 * threshold: value over the trailing `windowDays` complete local days is above/below `value`; recovers when back
 *   on the right side of `recovery` (default: `value`).
 * change: value over the trailing `windowDays` complete days vs the `windowDays` before them (`previous`) or the same
 *   days a year earlier (`last_year`) moved by ≥ `pct` (0.2 = 20 %) in `direction`; recovers under `recoveryPct`
 *   (default pct / 2). Judged only when the baseline's volume (denominator, or the value for counts) ≥ `minVolume`.
 * pace: objective drift: actual to date ÷ (target × elapsed share of the current `grain` period) < `below`;
 *   `workingDays` counts only Mon–Fri in the elapsed share; quiet (skip) before `minElapsed` of the period;
 *   recovers at ≥ `recovery` (default below + 0.1, capped at 1).
 * anomaly: for each of the last `lookbackDays` complete days, the day's value vs the same weekday over the
 *   `weeks` weeks before it (median and MAD); a day is anomalous when |value − median| > `sensitivity` × MAD
 *   (MAD floored at 5 % of the median) AND |value / median − 1| ≥ `minChange` AND max(value, median) ≥ `minVolume`.
 *   `direction` limits it to spikes (`up`), dips (`down`) or `both`. Breach while any day in the lookback is anomalous.
 */
export type AlertCondition =
  | {
      kind: 'threshold';
      op: 'above' | 'below';
      value: number;
      recovery?: number | undefined;
      windowDays: number;
    }
  | {
      kind: 'change';
      direction: 'drop' | 'rise';
      pct: number;
      versus: 'previous' | 'last_year';
      windowDays: number;
      /**
       * versus previous only: compare with the `baselineDays` before the window instead of the `windowDays` before
       * it (a steadier baseline: 14 days vs the 56 before). Counts and sums are taken per day of each range.
       */
      baselineDays?: number | undefined;
      recoveryPct?: number | undefined;
      minVolume: number;
    }
  | {
      kind: 'pace';
      below: number;
      grain: PaceGrain;
      minElapsed: number;
      workingDays: boolean;
      recovery?: number | undefined;
    }
  | {
      kind: 'anomaly';
      direction: 'up' | 'down' | 'both';
      weeks: number;
      lookbackDays: number;
      sensitivity: number;
      minChange: number;
      minVolume: number;
    };

export interface LifecycleParams {
  /** Consecutive breaching evaluations before firing (1 = fire on the first). */
  forEvaluations: number;
  /** While firing and not acked: remind every N minutes (0 = never). */
  repeatEveryMinutes: number;
}

/** A rule as written by a user (chat or KPIBOT_ALERTS file); validated by `alertRuleSpecSchema` in rule-spec.ts. */
export interface AlertRuleSpec {
  name: string;
  metric: string;
  scope: AlertScope;
  fanOut: FanOut;
  condition: AlertCondition;
  lifecycle: LifecycleParams;
  routing: AlertRoute[];
  lang?: Lang | undefined;
}

/** A half-open instant range with its label, as compared by a judgement (ISO with offset, like AnswerPeriod). */
export interface AlertRange {
  start: string;
  end: string;
  label: string;
}

/** What app/alerts measured for one (rule, scope member) at one evaluation: the judge's input. */
export type Observation =
  | { kind: 'threshold'; value: number | null; current: AlertRange }
  | {
      kind: 'change';
      value: number | null;
      baseline: number | null;
      /** Volume behind the baseline (denominator of a ratio, else the baseline value). */
      baselineVolume: number;
      current: AlertRange;
      previous: AlertRange;
    }
  | {
      kind: 'pace';
      actual: number | null;
      target: number | null;
      /** Elapsed share of the period (0..1), on working days when the rule says so. */
      elapsedShare: number;
      current: AlertRange;
    }
  | {
      kind: 'anomaly';
      /** Oldest first; each day with the same weekday's values over the weeks before it (oldest first). */
      days: Array<{ date: string; value: number | null; history: Array<number | null> }>;
    };

/**
 * The judge's verdict. `breaching` opens (or keeps) an alert; `recovered` closes a firing one; neither = the
 * dead band between the trigger and the recovery bound (no transition). `skipped` = nothing to judge (no data,
 * below minimum volume, quiet period): the lifecycle does not move.
 */
export interface Judgement {
  breaching: boolean;
  recovered: boolean;
  skipped: string | null;
  /** The figure judged (value; change as a fraction; pace attainment; the anomalous day's value). */
  value: number | null;
  /** The trigger bound, in the same unit as `value`. */
  bound: number | null;
  recoveryBound: number | null;
  /** What the value was compared with (previous value, expected to date, the weekday median). */
  baseline: number | null;
  /** For anomaly: the day judged; for others null. */
  day: string | null;
  /** One line, in the rule's language, that says why (shown by /kpi why). */
  reason: string;
}

export type AlertStatus = 'ok' | 'pending' | 'firing';

/** The persisted lifecycle of one (rule, scope member); mirrors the AlertState row. */
export interface AlertLifecycle {
  state: AlertStatus;
  pendingCount: number;
  firingSince: Date | null;
  lastNotified: Date | null;
  ackedAt: Date | null;
  ackedBy: string | null;
  snoozedUntil: Date | null;
}

export const INITIAL_LIFECYCLE: AlertLifecycle = Object.freeze({
  state: 'ok',
  pendingCount: 0,
  firingSince: null,
  lastNotified: null,
  ackedAt: null,
  ackedBy: null,
  snoozedUntil: null,
}) as AlertLifecycle;

/**
 * What a step decided: `fire` (post the alert), `repeat` (remind in its thread), `resolve` (reply in its thread and
 * update the message), `update` (the message should change: e.g. a snooze expired, value moved), or nothing.
 */
export type Notification = 'fire' | 'repeat' | 'resolve' | null;

export interface LifecycleStep {
  next: AlertLifecycle;
  notify: Notification;
  /**
   * Machine-readable decision (e.g. 'pending:1/3', 'fired', 'suppressed:snoozed', 'resolved', 'held:dead_band'):
   * the stable codes are listed in lifecycle.ts; decisionText says them in words.
   */
  decision: string;
}

/** A contributor to a change: a rep, channel, team or stage whose own change explains part of the total change. */
export interface Contributor {
  key: string;
  label: string;
  value: number | null;
  baseline: number | null;
  /** Signed share of the total change explained (sums to ≈ 1 over all members). */
  share: number;
}

/** The platform-neutral content of an alert message (Slack blocks and Teams cards render it; /kpi why reads it). */
export interface AlertView {
  /** Short id users type in `/kpi why <id>` (first 8 chars of the AlertState id). */
  alertId: string;
  stateId: string;
  ruleId: string;
  ruleName: string;
  lang: Lang;
  status: 'firing' | 'resolved';
  acked: { by: string; at: string } | null;
  snoozedUntil: string | null;
  metric: {
    name: string;
    label: string;
    format: MetricFormat;
    direction: Direction;
    currency?: string | undefined;
  };
  /** e.g. "Team Lyon", "Julien Moreau", "Company". */
  scopeLabel: string;
  /** One sentence: what happened, e.g. "Meeting → proposal fell 58 % vs the previous 14 days (24 % vs 61 %)". */
  headline: string;
  judgement: Judgement;
  current: AlertRange | null;
  compared: AlertRange | null;
  contributors: Contributor[];
  firingSince: string;
  resolvedAt: string | null;
  /** "3 h 20 min" / "2 j 4 h" in the view's language, set on resolve. */
  lasted: string | null;
  /** The /kpi question that opens the breakdown behind the alert (the "Open breakdown" button). */
  breakdownQuery: string | null;
  /**
   * The rule's kind: how `judgement` reads (change and pace judge a fraction — the change, the attainment of the
   * pace — while threshold and anomaly judge the metric's own unit). Renderers show only the reason without it.
   */
  kind?: AlertKind | undefined;
  /** The zone the ranges were computed in (the tenant's), shown beside them. */
  tz?: string | undefined;
}

/**
 * The view of an 'alert_reply' delivery (a reply in the alert message's thread): `repeat` reminds that it is still
 * firing, `resolve` says it is back and how long it lasted (`alert.lasted`). The 'alert' kind's view is the AlertView.
 */
export interface AlertReplyView {
  reply: 'repeat' | 'resolve';
  alert: AlertView;
}
