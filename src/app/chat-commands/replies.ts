import type { Lang } from '../../core/alerts/types.ts';
import { AlertRuleError } from '../alerts/index.ts';
import type { AskResult, InfoReply } from '../ask.ts';

export function info(lang: Lang, title: string, lines: string[]): InfoReply {
  return { kind: 'info', lang, title, lines };
}

export function failure(lang: Lang, code: string, message: string): AskResult {
  return { kind: 'error', code, message, lang, suggestions: [] };
}

/**
 * Runs a step that may refuse with an AlertRuleError (unknown team, duplicate name, ambiguous id…): its message is
 * already written for the user, in their language, so it becomes the reply; anything else is a real failure.
 */
export async function attempt<T>(
  work: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; reply: AskResult }> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (error instanceof AlertRuleError) {
      return { ok: false, reply: failure(error.lang, error.code, error.message) };
    }
    throw error;
  }
}
