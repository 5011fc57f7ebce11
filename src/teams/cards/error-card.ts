import { type CardElement, type TeamsCard, teamsCard } from './adaptive-card.ts';
import { CARD_ACTIONS, submitAction } from './card-actions.ts';
import { LABELS } from './card-labels.ts';
import { chatMarkdown, truncate } from './card-text.ts';

export interface ErrorCardInput {
  message: string;
  suggestions: string[];
  lang: 'en' | 'fr';
  code: string;
}

const MAX_SUGGESTIONS = 5;
const MAX_BUTTON_TITLE = 40;

/**
 * A question we could not answer: the friendly message, and each suggested metric as a button that asks for it.
 * Only `internal_error` is shown in the attention colour: the others are the user's wording, not a failure.
 */
export function renderErrorCard(err: ErrorCardInput): TeamsCard {
  const message = truncate(chatMarkdown(err.message), 2000);
  const body: CardElement[] = [
    {
      type: 'TextBlock',
      text: message,
      wrap: true,
      ...(err.code === 'internal_error' ? { color: 'Attention' as const } : {}),
    },
  ];
  const suggestions = err.suggestions
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .slice(0, MAX_SUGGESTIONS)
    .map((s) => truncate(s, 200));
  if (suggestions.length > 0) {
    body.push({ type: 'TextBlock', text: LABELS.didYouMean[err.lang], isSubtle: true, size: 'Small' });
  }
  const actions = suggestions.map((s) =>
    submitAction(truncate(s, MAX_BUTTON_TITLE), { kpiAction: CARD_ACTIONS.suggest, q: s }),
  );
  return teamsCard(err.lang, message, body, actions);
}
