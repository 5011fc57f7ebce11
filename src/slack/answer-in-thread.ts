import type { Context } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { detectLanguage } from '../core/query/index.ts';
import { askInSlack } from './ask-in-slack.ts';
import { conversationKind } from './conversation-kind.ts';
import type { SlackDeps } from './deps.ts';
import { logSlackFailure } from './failure-log.ts';
import { renderFailure, renderReply } from './render-reply.ts';

export interface IncomingMessage {
  channel: string;
  channelType?: string | undefined;
  user: string;
  text: string;
  ts: string;
  threadTs?: string | undefined;
}

/**
 * A mention or a DM → the answer in the message's thread (or the thread it is in). Rep-level figures the
 * channel may not see go to the asker only, as an ephemeral message in that thread.
 */
export async function answerInThread(
  deps: SlackDeps,
  client: WebClient,
  context: Context,
  msg: IncomingMessage,
  where: string,
): Promise<void> {
  const tenantId = deps.tenantOf(context);
  const thread_ts = msg.threadTs ?? msg.ts;
  try {
    if (!tenantId) throw new Error('event without a workspace');
    const reply = await askInSlack(deps, client, {
      tenantId,
      userId: msg.user,
      conversation: { id: msg.channel, kind: conversationKind(msg.channel, msg.channelType) },
      text: msg.text,
      botUserId: context.botUserId,
    });
    const { message, private: isPrivate } = renderReply(reply, msg.text, deps.ctx.log);
    if (isPrivate) {
      await client.chat.postEphemeral({ channel: msg.channel, user: msg.user, thread_ts, ...message });
    } else {
      await client.chat.postMessage({ channel: msg.channel, thread_ts, ...message });
    }
  } catch (error) {
    logSlackFailure(deps.ctx.log, error, { where, tenantId, userId: msg.user, text: msg.text });
    await client.chat
      .postMessage({ channel: msg.channel, thread_ts, ...renderFailure(detectLanguage(msg.text)) })
      .catch((e: unknown) =>
        logSlackFailure(deps.ctx.log, e, { where: `${where} (failure notice)`, tenantId }),
      );
  }
}

/** Messages a person wrote: not ours, not another bot's, not an edit, a deletion or any other subtype. */
export function isFromPerson(
  event: { user?: string; bot_id?: string; subtype?: string },
  botUserId: string | undefined,
): event is { user: string } {
  if (event.subtype !== undefined || event.bot_id !== undefined || !event.user) return false;
  return event.user !== botUserId;
}
