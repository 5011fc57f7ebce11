export {
  ADAPTIVE_CARD_SCHEMA,
  ADAPTIVE_CARD_VERSION,
  type AdaptiveCard,
  type CardElement,
  cardSize,
  type SubmitAction,
  TEAMS_CARD_MAX_BYTES,
  type TeamsCard,
} from './adaptive-card.ts';
export { type AnswerCardOptions, renderAnswerCard } from './answer-card.ts';
export {
  CARD_ACTIONS,
  type CardActionData,
  type CardActionKind,
  type CardBreakdown,
  parseCardAction,
} from './card-actions.ts';
export { renderComingSoonCard } from './coming-soon-card.ts';
export { type ErrorCardInput, renderErrorCard } from './error-card.ts';
export { renderInfoCard } from './info-card.ts';
