/** The pure alert core (DESIGN §8): rule specs, judges, lifecycle, explanations, pacing, views and the rule parser. */
export { decisionText } from './decisions.ts';

export { type Contribution, explainChange, type MemberFigures } from './explain.ts';
export {
  type DayVerdict,
  type Finding,
  find,
  type JudgeOptions,
  judge,
  judgeDay,
  MIN_ANOMALY_HISTORY,
  worded,
} from './judge.ts';
export {
  acknowledge,
  type Decision,
  replayLifecycle,
  type StepOptions,
  snooze,
  stepLifecycle,
} from './lifecycle.ts';
export { elapsedShare } from './pace.ts';
export { MAX_RULE_CHARS, type ParseRuleOptions, type ParseRuleResult, parseAlertRule } from './parse-rule.ts';
export {
  type AlertRuleSpecInput,
  alertConditionSchema,
  alertRuleSpecSchema,
  describeSpecIssues,
  MAX_RULE_NAME,
} from './rule-spec.ts';
export * from './types.ts';
export { type AlertViewInput, buildAlertView, formatLasted } from './view.ts';
