/** Block Kit renderers: pure functions from our models to Slack messages and views, within Slack's limits. */
export {
  ACTION_ID_PATTERNS,
  ACTIONS,
  type ActionKind,
  type ActionValue,
  actionId,
  actionKindOf,
  decodeActionValue,
  encodeActionValue,
  type FollowUpBreakdown,
  MAX_QUESTION_IN_VALUE,
} from './action-values.ts';
export type { FollowUp } from './answer-actions.ts';
export { type AnswerMessageOptions, renderAnswerMessage } from './answer-message.ts';
export { MAX_TABLE_ROWS } from './breakdown-table.ts';
export { renderComingSoon } from './coming-soon.ts';
export { describeRange } from './describe-range.ts';
export { type ErrorReply, renderErrorMessage } from './error-message.ts';
export {
  type HomeLine,
  type HomeModel,
  type HomeUser,
  MAX_HOME_FIGURES,
  renderHomeView,
} from './home-view.ts';
export { renderInfoMessage } from './info-message.ts';
export { BLOCK_KIT_LIMITS, type BlockKitViolation, FALLBACK_TEXT_MAX, validateBlockKit } from './limits.ts';
export { clampText, escapeMrkdwn, escapeMrkdwnKeepingMentions } from './mrkdwn.ts';
export type { Block, HomeView, SlackMessage } from './types.ts';
