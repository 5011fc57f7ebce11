/**
 * Alert evaluation and rule management (DESIGN §8): rules stored per tenant, evaluated over the rollups by
 * evaluateAlerts (the `alerts` queue, `kpibot alerts evaluate`), told through the delivery outbox. Chat commands
 * and buttons call these; every function takes the tenant and only touches its rows.
 */
export {
  type AlertExplanation,
  acknowledgeAlert,
  explainAlert,
  findAlertState,
  snoozeAlert,
} from './alert-actions.ts';
export {
  type AlertOutcome,
  type EvaluateOptions,
  type EvaluationSummary,
  evaluateAlerts,
} from './evaluate-alerts.ts';
export {
  AlertRuleError,
  type AlertRuleErrorCode,
  type AlertRuleRow,
  createAlertRule,
  deleteAlertRule,
  findAlertRule,
  type ListedAlertRule,
  listAlertRules,
  setAlertRuleMuted,
  validateAlertRule,
} from './manage-rules.ts';
export { type AlertPreview, previewAlertRule } from './preview.ts';
export { loadAlertsFile, type RulesSync, syncAlertRules } from './sync-rules.ts';
