import type { InfoReply } from '../../app/ask.ts';
import { context, header, section } from './block-builders.ts';
import { BLOCK_KIT_LIMITS, FALLBACK_TEXT_MAX } from './limits.ts';
import { clampText, escapeMrkdwn, escapeMrkdwnKeepingMentions } from './mrkdwn.ts';
import { packLines } from './pack-lines.ts';
import type { Block, SlackMessage } from './types.ts';
import { wording } from './wording.ts';

/**
 * help, list, targets, whoami: a header and the lines (app-written mrkdwn around user data) packed into as few
 * sections as the limits allow; a very long list ends with a note of what was left out.
 */
export function renderInfoMessage(info: InfoReply): SlackMessage {
  const groups = packLines(info.lines.map(escapeMrkdwnKeepingMentions), BLOCK_KIT_LIMITS.sectionText);
  // Room for the header and a closing note.
  const room = BLOCK_KIT_LIMITS.messageBlocks - 2;
  const shown = groups.slice(0, room);
  const blocks: Block[] = [header(info.title), ...shown.map((g) => section(g.join('\n')))];
  const hidden = groups.slice(room).reduce((n, g) => n + g.length, 0);
  if (hidden > 0) blocks.push(context([wording(info.lang).linesCut(hidden)]));
  return { text: clampText(escapeMrkdwn(info.title), FALLBACK_TEXT_MAX), blocks };
}
