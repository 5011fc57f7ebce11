import type { ChatReply } from '../app/chat-ask.ts';
import type { Logger } from '../runtime/logger.ts';
import {
  type FollowUp,
  renderAnswerMessage,
  renderComingSoon,
  renderErrorMessage,
  renderInfoMessage,
  type SlackMessage,
  validateBlockKit,
} from './blocks/index.ts';

export interface RenderedReply {
  message: SlackMessage;
  /** Only the asker should see it: rep-level figures where the conversation does not allow them. */
  private: boolean;
  /** An answer (shown to everyone when not private); info, errors and "coming soon" are for the asker. */
  isAnswer: boolean;
}

/** Any chat reply → a Slack message. A private answer carries a "Share in channel" button that re-checks access. */
export function renderReply(
  reply: ChatReply,
  question: string,
  log: Logger,
  followUp?: FollowUp,
): RenderedReply {
  const r = reply.result;
  let message: SlackMessage;
  switch (r.kind) {
    case 'answer':
      message = renderAnswerMessage(r.answer, {
        question,
        shareable: reply.private,
        ...(followUp ? { followUp } : {}),
      });
      break;
    case 'info':
      message = renderInfoMessage(r);
      break;
    case 'error':
      message = renderErrorMessage({
        message: r.message,
        suggestions: r.suggestions,
        lang: r.lang,
        code: r.code,
      });
      break;
    case 'command':
      message = renderComingSoon(r.name, r.lang);
      break;
  }
  const problems = validateBlockKit(message);
  if (problems.length > 0) log.warn({ problems, kind: r.kind }, 'Slack message outside Block Kit limits');
  return { message, private: reply.private, isAnswer: r.kind === 'answer' };
}

/** The reply we give when answering failed unexpectedly: friendly, in the question's language, no details. */
export function renderFailure(lang: 'en' | 'fr'): SlackMessage {
  return renderErrorMessage({
    code: 'internal_error',
    lang,
    suggestions: [],
    message:
      lang === 'fr'
        ? 'Un problème est survenu de mon côté (consigné pour l’équipe technique). Réessayez dans un instant.'
        : 'Something went wrong on my side (logged for the operators). Please try again in a moment.',
  });
}
