import type { AskResult } from '../app/ask.ts';
import {
  type CardBreakdown,
  renderAnswerCard,
  renderComingSoonCard,
  renderErrorCard,
  renderInfoCard,
  type TeamsCard,
} from './cards/index.ts';

/** Any chat result → its Adaptive Card: answer, info (help, list…), a command not built yet, or an error. */
export function renderReplyCard(
  result: AskResult,
  opts: { question: string; shareable: boolean; applied?: { b?: CardBreakdown; p?: 'previous' } },
): TeamsCard {
  switch (result.kind) {
    case 'answer':
      return renderAnswerCard(result.answer, {
        question: opts.question,
        shareable: opts.shareable,
        ...(opts.applied ? { applied: opts.applied } : {}),
      });
    case 'info':
      return renderInfoCard(result);
    case 'command':
      return renderComingSoonCard(result.name, result.lang);
    case 'error':
      return renderErrorCard({
        message: result.message,
        suggestions: result.suggestions,
        lang: result.lang,
        code: result.code,
      });
  }
}
