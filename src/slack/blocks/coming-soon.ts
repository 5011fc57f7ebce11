import { context, section } from './block-builders.ts';
import { escapeMrkdwn } from './mrkdwn.ts';
import type { SlackMessage } from './types.ts';
import { wording } from './wording.ts';

/** A recognised command that no chat handler answers (yet): says so and points to help. */
export function renderComingSoon(command: string, lang: 'en' | 'fr'): SlackMessage {
  const w = wording(lang);
  const sentence = w.comingSoon(escapeMrkdwn(command.slice(0, 100)));
  return { text: sentence, blocks: [section(`:construction: ${sentence}`), context([w.helpHint])] };
}
