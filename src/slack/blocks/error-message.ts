import { actionId, encodeActionValue } from './action-values.ts';
import { actions, button, context, section } from './block-builders.ts';
import { FALLBACK_TEXT_MAX } from './limits.ts';
import { clampText, escapeMrkdwn } from './mrkdwn.ts';
import type { Block, SlackMessage } from './types.ts';
import { wording } from './wording.ts';

export interface ErrorReply {
  message: string;
  /** Metric labels to offer instead, best first. */
  suggestions: string[];
  lang: 'en' | 'fr';
  code: string;
}

const MAX_SUGGESTIONS = 5;
const METRIC_CODES = new Set(['unknown_metric', 'ambiguous_metric']);

/**
 * A failed question, said kindly: what went wrong, "did you mean" buttons that ask a suggested metric, and where
 * to look next. Never a stack trace: the operators have the log line.
 */
export function renderErrorMessage(err: ErrorReply): SlackMessage {
  const w = wording(err.lang);
  const icon = err.code === 'internal_error' ? ':warning:' : ':thinking_face:';
  const blocks: Block[] = [section(`${icon} ${escapeMrkdwn(err.message)}`)];
  const suggestions = err.suggestions.filter((s) => s.trim() !== '').slice(0, MAX_SUGGESTIONS);
  if (suggestions.length > 0) {
    blocks.push(section(w.didYouMean));
    blocks.push(
      actions(
        suggestions.map((s, i) => button(s, actionId('suggest', String(i)), encodeActionValue({ q: s }))),
      ),
    );
  }
  if (err.code !== 'internal_error') {
    blocks.push(context([METRIC_CODES.has(err.code) ? w.listHint : w.helpHint]));
  }
  return { text: clampText(escapeMrkdwn(err.message.replace(/\s+/g, ' ')), FALLBACK_TEXT_MAX), blocks };
}
