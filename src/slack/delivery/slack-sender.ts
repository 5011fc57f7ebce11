import { WebClient } from '@slack/web-api';
import type { AppContext } from '../../app/context.ts';
import { DeliveryError } from '../../app/delivery/errors.ts';
import type { PlatformSender, PostedMessage, RenderedSlack } from '../../app/delivery/types.ts';
import { boltLogger } from '../bolt-logger.ts';
import { type ChannelPacer, createChannelPacer } from './channel-pacer.ts';
import { slackCall as call, classifySlackError } from './slack-errors.ts';
import { attachSlackFiles } from './slack-files.ts';
import { slackTokenSource } from './slack-token.ts';

/** Marks every message the outbox posts, so a send whose outcome was lost can be found again in the history. */
export const DELIVERY_EVENT_TYPE = 'kpibot_delivery';

/** How far back a search for a lost send pages, at most (the window is a few minutes: a few pages at most). */
const MAX_SEARCH_PAGES = 10;

export interface SlackSenderOptions {
  pacer?: ChannelPacer;
  /** Per Web API request; a timed-out post counts as "may have posted" and is searched for before a retry. */
  timeoutMs?: number;
}

/**
 * The outbox's Slack side. The WebClient makes no retries of its own (`retries: 0`) and rejects rate-limited
 * calls at once (`rejectRateLimitedCalls`): the outbox owns retries, so a 429 delays the job by exactly its
 * Retry-After and a 5xx backs off through the job's attempts, never a wait inside a wait. Null when Slack is not
 * configured.
 */
export function createSlackSender(
  ctx: AppContext,
  opts: SlackSenderOptions = {},
): PlatformSender<RenderedSlack> | null {
  const tokenFor = slackTokenSource(ctx);
  if (!tokenFor) return null;
  const pacer = opts.pacer ?? createChannelPacer();
  const slackApiUrl = ctx.config.slack.apiUrl ?? 'https://slack.com/api/';
  const logger = boltLogger(ctx.log);
  const clients = new Map<string, WebClient>();
  const clientFor = async (tenantId: string): Promise<WebClient> => {
    const token = await tokenFor(tenantId);
    let client = clients.get(token);
    if (!client) {
      client = new WebClient(token, {
        slackApiUrl: slackApiUrl.endsWith('/') ? slackApiUrl : `${slackApiUrl}/`,
        logger,
        retryConfig: { retries: 0 },
        rejectRateLimitedCalls: true,
        timeout: opts.timeoutMs ?? 20_000,
      });
      clients.set(token, client);
    }
    return client;
  };

  return {
    async resolveConversation(tenantId, target) {
      // A user id (U…, W…) posts to the app's DM with them; chat.update and the history need the D… id.
      if (!/^[UW][A-Z0-9]+$/.test(target)) return target;
      const client = await clientFor(tenantId);
      let opened: Awaited<ReturnType<typeof client.conversations.open>>;
      try {
        opened = await call('conversations.open', () => client.conversations.open({ users: target }));
      } catch (error) {
        // An install from before im:write: chat.postMessage to the user id still reaches their DM, and its
        // answer names the D… channel.
        if (error instanceof DeliveryError && error.code === 'missing_scope') return target;
        throw error;
      }
      const id = opened.channel?.id;
      if (!id)
        throw classifySlackError(new Error('conversations.open returned no channel'), 'conversations.open');
      return id;
    },

    async post({ tenantId, conversationId, deliveryId, content, threadRootId }) {
      const client = await clientFor(tenantId);
      await pacer.wait(`${tenantId}:${conversationId}`);
      const res = await call('chat.postMessage', () =>
        client.chat.postMessage({
          channel: conversationId,
          text: content.text,
          ...(content.blocks ? { blocks: content.blocks as never } : {}),
          ...(threadRootId ? { thread_ts: threadRootId } : {}),
          unfurl_links: false,
          unfurl_media: false,
          metadata: { event_type: DELIVERY_EVENT_TYPE, event_payload: { delivery_id: deliveryId } },
        }),
      );
      if (!res.ts) throw classifySlackError(new Error('chat.postMessage returned no ts'), 'chat.postMessage');
      return {
        messageId: res.ts,
        threadId: threadRootId ?? null,
        ...(res.channel ? { conversationId: res.channel } : {}),
      };
    },

    async update({ tenantId, conversationId, messageId, content }) {
      const client = await clientFor(tenantId);
      await call('chat.update', () =>
        client.chat.update({
          channel: conversationId,
          ts: messageId,
          text: content.text,
          ...(content.blocks ? { blocks: content.blocks as never } : {}),
        }),
      );
    },

    async findPosted(req) {
      try {
        return await searchPosted(await clientFor(req.tenantId), req);
      } catch (error) {
        // The search is an optimisation of the retry, not a condition for it: when it cannot run at all (an
        // install without the history scopes, a DM not opened), the message is posted, and if the conversation
        // really is gone, the post fails with Slack's own reason.
        if (!(error instanceof DeliveryError) || !error.permanent) throw error;
        ctx.log.warn(
          { tenantId: req.tenantId, deliveryId: req.deliveryId, code: error.code },
          'Slack: cannot search for an interrupted send; posting again',
        );
        return null;
      }
    },

    async attachFiles({ tenantId, conversationId, threadRootId, content, resumed }) {
      if (!content.files || content.files.length === 0) return;
      const client = await clientFor(tenantId);
      await attachSlackFiles(client, {
        channel: conversationId,
        threadTs: threadRootId,
        files: content.files,
        resumed,
        timeoutMs: opts.timeoutMs ?? 20_000,
      });
    },
  };
}

/** Pages through the conversation (or the thread) since `since` for the message carrying this delivery's id. */
async function searchPosted(
  client: WebClient,
  req: { conversationId: string; deliveryId: string; since: Date; threadRootId?: string | undefined },
): Promise<PostedMessage | null> {
  const { conversationId, deliveryId, since, threadRootId } = req;
  const oldest = (since.getTime() / 1000).toFixed(6);
  let cursor: string | undefined;
  for (let page = 0; page < MAX_SEARCH_PAGES; page++) {
    const args = {
      channel: conversationId,
      oldest,
      include_all_metadata: true,
      limit: 100,
      ...(cursor ? { cursor } : {}),
    };
    const res = threadRootId
      ? await call('conversations.replies', () => client.conversations.replies({ ...args, ts: threadRootId }))
      : await call('conversations.history', () => client.conversations.history(args));
    const found = (res.messages ?? []).find(
      (m) =>
        m.metadata?.event_type === DELIVERY_EVENT_TYPE &&
        (m.metadata.event_payload as { delivery_id?: unknown } | undefined)?.delivery_id === deliveryId,
    );
    if (found?.ts) return { messageId: found.ts, threadId: threadRootId ?? null } satisfies PostedMessage;
    cursor = res.response_metadata?.next_cursor || undefined;
    if (!cursor || !res.has_more) return null;
  }
  return null;
}
