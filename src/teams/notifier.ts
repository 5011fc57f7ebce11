import {
  type Activity,
  type CloudAdapter,
  type ConversationReference,
  MessageFactory,
  TurnContext,
} from 'botbuilder';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { Logger } from '../runtime/logger.ts';
import type { TeamsCard } from './cards/index.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy, withConnectorRetry } from './connector-retry.ts';
import { findConversationRef } from './conversation-refs.ts';

/** Proactive Teams messages (alerts, digests, private answers) through stored conversation references. */
export interface TeamsNotifier {
  sendCard(tenantId: string, conversationId: string, card: TeamsCard): Promise<{ activityId: string }>;
  updateCard(tenantId: string, conversationId: string, activityId: string, card: TeamsCard): Promise<void>;
  /** In a channel, a reply under the post; in a chat (no threads), a message that replies to it. */
  replyInThread(
    tenantId: string,
    conversationId: string,
    parentActivityId: string,
    message: TeamsCard | string,
  ): Promise<{ activityId: string }>;
  /** Sends through a reference already in hand (e.g. a user's 1:1 chat found by user id). */
  sendToReference(
    reference: Partial<ConversationReference>,
    card: TeamsCard,
  ): Promise<{ activityId: string }>;
}

export class UnknownConversationError extends Error {
  readonly code = 'teams_conversation_unknown';
  constructor(tenantId: string, conversationId: string) {
    super(
      `No Teams conversation reference for ${conversationId} in tenant ${tenantId}: the bot must be added to that chat or channel (or receive a message there) first.`,
    );
  }
}

export interface NotifierDeps {
  adapter: CloudAdapter;
  /** MICROSOFT_APP_ID; '' when authentication is off. */
  appId: string;
  prisma: PrismaClient;
  log: Logger;
  retry?: RetryPolicy;
}

export function createTeamsNotifier(deps: NotifierDeps): TeamsNotifier {
  const policy = deps.retry ?? DEFAULT_RETRY_POLICY;

  /**
   * Runs one send in a proactive turn. Errors are carried out of the turn by hand: inside it, botbuilder would hand
   * them to onTurnError, which swallows them, and a caller must know its card was not delivered.
   */
  async function inConversation<T>(
    reference: Partial<ConversationReference>,
    send: (context: TurnContext) => Promise<T>,
  ): Promise<T> {
    let outcome: { ok: true; value: T } | { ok: false; error: unknown } | null = null;
    await deps.adapter.continueConversationAsync(deps.appId, reference, async (context) => {
      try {
        outcome = {
          ok: true,
          value: await withConnectorRetry(() => send(context), policy, {
            onRetry: (info) =>
              deps.log.warn(
                { ...info, conversationId: reference.conversation?.id },
                'Teams throttled or busy: retrying the send',
              ),
          }),
        };
      } catch (error) {
        outcome = { ok: false, error };
      }
    });
    const done = outcome as { ok: true; value: T } | { ok: false; error: unknown } | null;
    if (!done) throw new Error('Teams proactive turn did not run');
    if (!done.ok) throw done.error;
    return done.value;
  }

  async function referenceFor(tenantId: string, conversationId: string) {
    const reference = await findConversationRef(deps.prisma, tenantId, conversationId);
    if (!reference) throw new UnknownConversationError(tenantId, conversationId);
    return reference;
  }

  /**
   * Sends through the adapter, not context.sendActivity: the latter makes every message a reply to the proactive
   * turn's made-up activity id, where a notification must be a new post (or a reply to the parent we name).
   */
  async function post(
    context: TurnContext,
    reference: Partial<ConversationReference>,
    activity: Partial<Activity>,
  ): Promise<{ activityId: string }> {
    const outgoing = TurnContext.applyConversationReference({ ...activity }, reference);
    if (activity.replyToId) outgoing.replyToId = activity.replyToId;
    const [response] = await context.adapter.sendActivities(context, [outgoing]);
    return { activityId: response?.id ?? '' };
  }

  return {
    async sendCard(tenantId, conversationId, card) {
      const reference = await referenceFor(tenantId, conversationId);
      return inConversation(reference, (context) =>
        post(context, reference, MessageFactory.attachment(card)),
      );
    },

    async updateCard(tenantId, conversationId, activityId, card) {
      const reference = await referenceFor(tenantId, conversationId);
      await inConversation(reference, async (context) => {
        const update = MessageFactory.attachment(card);
        update.id = activityId;
        await context.updateActivity(update);
      });
    },

    async replyInThread(tenantId, conversationId, parentActivityId, message) {
      const reference = await referenceFor(tenantId, conversationId);
      const threaded: Partial<ConversationReference> =
        reference.conversation?.conversationType === 'channel'
          ? {
              ...reference,
              conversation: {
                ...reference.conversation,
                id: `${reference.conversation.id};messageid=${parentActivityId}`,
              },
            }
          : reference;
      return inConversation(threaded, (context) => {
        const activity =
          typeof message === 'string' ? MessageFactory.text(message) : MessageFactory.attachment(message);
        activity.replyToId = parentActivityId;
        return post(context, threaded, activity);
      });
    },

    sendToReference(reference, card) {
      return inConversation(reference, (context) =>
        post(context, reference, MessageFactory.attachment(card)),
      );
    },
  };
}
