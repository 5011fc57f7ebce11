import { CloudAdapter } from 'botbuilder';
import type { AppContext } from '../app/context.ts';
import { DeliveryError } from '../app/delivery/errors.ts';
import { personalChatConversationId } from '../app/delivery/targets.ts';
import type { PlatformSender, RenderedTeams } from '../app/delivery/types.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { createBotAuthentication } from './bot-authentication.ts';
import type { TeamsCard } from './cards/adaptive-card.ts';
import { ADAPTIVE_CARD_VERSION } from './cards/adaptive-card.ts';
import { type RetryPolicy, retryAfterMs, statusOf } from './connector-retry.ts';
import { createTeamsNotifier, type TeamsNotifier, UnknownConversationError } from './notifier.ts';

/**
 * The outbox's Teams side, over the notifier (stored conversation references; 429 and gateway errors retried by
 * its policy, Retry-After honoured). Bots cannot read a conversation back, so there is no `findPosted`: a send
 * whose outcome was lost is sent again (see deliver-one.ts and README "Delivery").
 */
export function createTeamsSender(deps: {
  prisma: PrismaClient;
  notifier: TeamsNotifier;
}): PlatformSender<RenderedTeams> {
  const { prisma, notifier } = deps;
  const send = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw classifyTeamsError(error);
    }
  };
  return {
    async resolveConversation(tenantId, target) {
      if (!target.startsWith('user:')) return target;
      const userId = target.slice('user:'.length);
      const conversationId = await personalChatConversationId(prisma, tenantId, userId);
      if (!conversationId) {
        throw new DeliveryError(
          'teams_no_personal_chat',
          `No Teams 1:1 chat with user ${userId} in tenant ${tenantId}: they must install the app or message the bot once`,
          { permanent: true },
        );
      }
      return conversationId;
    },

    async post({ tenantId, conversationId, content, threadRootId }) {
      const card = attachmentOf(content);
      const { activityId } = await send(() =>
        threadRootId
          ? notifier.replyInThread(tenantId, conversationId, threadRootId, card)
          : notifier.sendCard(tenantId, conversationId, card),
      );
      if (!activityId)
        throw new DeliveryError('teams_no_activity_id', 'Teams accepted the card without an id');
      return { messageId: activityId, threadId: threadRootId ?? null };
    },

    async update({ tenantId, conversationId, messageId, content }) {
      await send(() => notifier.updateCard(tenantId, conversationId, messageId, attachmentOf(content)));
    },

    findPosted: null,
  };
}

/**
 * A notifier of its own for a process without the web server (a worker): same adapter settings as createTeams.
 * Without MICROSOFT_APP_ID botbuilder sends unauthenticated, which only a local connector accepts.
 */
export function createWorkerTeamsSender(
  ctx: AppContext,
  opts: { retry?: RetryPolicy } = {},
): PlatformSender<RenderedTeams> {
  const adapter = new CloudAdapter(createBotAuthentication(ctx.config.teams));
  const notifier = createTeamsNotifier({
    adapter,
    appId: ctx.config.teams.appId ?? '',
    prisma: ctx.db.prisma,
    log: ctx.log,
    ...(opts.retry ? { retry: opts.retry } : {}),
  });
  return createTeamsSender({ prisma: ctx.db.prisma, notifier });
}

function attachmentOf(content: RenderedTeams): TeamsCard {
  const card = content.card;
  if (card && card.contentType === 'application/vnd.microsoft.card.adaptive')
    return card as unknown as TeamsCard;
  if (card) return { contentType: 'application/vnd.microsoft.card.adaptive', content: card as never };
  return {
    contentType: 'application/vnd.microsoft.card.adaptive',
    content: {
      type: 'AdaptiveCard',
      version: ADAPTIVE_CARD_VERSION,
      body: [{ type: 'TextBlock', text: content.text ?? '', wrap: true }],
    } as never,
  };
}

/**
 * 400/401/403/404 (malformed, bot removed from the team or chat, conversation deleted) and an unknown conversation
 * are permanent. A 429 that outlasted the notifier's own retries waits for its Retry-After; a 5xx may have been
 * delivered; no HTTP answer at all (network, timeout) may have been too.
 */
export function classifyTeamsError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof UnknownConversationError)
    return new DeliveryError(error.code, error.message, { permanent: true });
  const status = statusOf(error);
  const message = `Teams: ${status === null ? '' : `HTTP ${status} `}${(error as Error)?.message ?? String(error)}`;
  if (status === null) return new DeliveryError('teams_request_failed', message, { mayHavePosted: true });
  if (status === 429)
    return new DeliveryError('teams_throttled', message, { retryAfterMs: retryAfterMs(error) ?? 5_000 });
  if (status >= 500) return new DeliveryError(`teams_http_${status}`, message, { mayHavePosted: true });
  return new DeliveryError(`teams_http_${status}`, message, {
    permanent: status === 400 || status === 401 || status === 403 || status === 404,
  });
}
