import type { AlertLifecycle, Judgement, Lang, LifecycleStep } from '../../core/alerts/index.ts';
import type { Dimension } from '../../core/metrics/measures.ts';
import type { ResolvedScope } from '../resolve-scope.ts';
import type { comparedRanges } from './alert-view.ts';
import type { Member } from './plan.ts';
import type { MemberPick } from './read-plan.ts';
import type { StoredAlertRule } from './rule-store.ts';
import type { RecordedJudgement } from './state-records.ts';
import type { StoredState } from './state-store.ts';
import type { RuleWindows } from './windows.ts';

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
  /** Where the time went: loading and planning, the figures' reads, judging, writing (ms). */
  phases: { plan: number; read: number; judge: number; write: number };
}

export interface Planned {
  rule: StoredAlertRule;
  lang: Lang;
  scope: ResolvedScope;
  filters: Partial<Record<Dimension, string>>;
  fanOut: Dimension | null;
  pick: MemberPick | null;
  windows: RuleWindows;
  handles: { current?: string; previous?: string; daily?: string };
}

export interface Judged {
  plan: Planned;
  member: Member;
  row: StoredState | null;
  prev: AlertLifecycle;
  judgement: Judgement;
  step: LifecycleStep;
  record: RecordedJudgement;
  recordEvent: boolean;
  stateId: string;
  ranges: ReturnType<typeof comparedRanges>;
}
