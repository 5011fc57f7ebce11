import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { AppContext } from '../app/context.ts';
import type { TeamsCard } from './cards/index.ts';
import { findPersonalConversationRef, saveConversationRef } from './conversation-refs.ts';
import type { TeamsNotifier } from './notifier.ts';

/**
 * Teams has no ephemeral messages. Rep-level figures asked in a group chat or channel go to the asker's 1:1 chat
 * with the bot: the stored one, else one the bot opens (POST /v3/conversations, which works once the app is
 * installed for the user, as it is for everyone in a team where it is installed). The conversation only gets a
 * short note; if no private chat can be reached, the note asks the user to open one.
 */
export async function deliverPrivately(
  context: TurnContext,
  deps: { ctx: AppContext; adapter: CloudAdapter; appId: string; notifier: TeamsNotifier },
  tenantId: string,
  card: TeamsCard,
  lang: 'en' | 'fr',
): Promise<'sent' | 'no_private_chat'> {
  const log = deps.ctx.log;
  const asker = context.activity.from;
  let reference = await findPersonalConversationRef(deps.ctx.db.prisma, tenantId, asker.id);
  if (!reference) {
    reference = await openPersonalChat(context, deps, tenantId).catch((error: unknown) => {
      log.info({ err: (error as Error).message, tenantId }, 'could not open a 1:1 Teams chat with the asker');
      return null;
    });
  }
  let sent = false;
  if (reference) {
    sent = await deps.notifier.sendToReference(reference, card).then(
      () => true,
      (error: unknown) => {
        log.warn({ err: (error as Error).message, tenantId }, 'private Teams card not delivered');
        return false;
      },
    );
  }
  const fr = lang === 'fr';
  await context.sendActivity(
    sent
      ? fr
        ? 'Ces chiffres sont par commercial : je vous les ai envoyés en privé, dans notre conversation.'
        : "These figures are per rep, so I've sent them to you privately, in our 1:1 chat."
      : fr
        ? 'Ces chiffres sont par commercial et ne peuvent pas être montrés ici. Ouvrez une conversation avec moi et posez la question là-bas.'
        : "These figures are per rep and can't be shown here. Open a chat with me and ask there to see them.",
  );
  return sent ? 'sent' : 'no_private_chat';
}

async function openPersonalChat(
  context: TurnContext,
  deps: { ctx: AppContext; adapter: CloudAdapter; appId: string },
  tenantId: string,
): Promise<Partial<ConversationReference> | null> {
  const a = context.activity;
  const audience = context.turnState.get(deps.adapter.OAuthScopeKey) as string | undefined;
  let created: Partial<ConversationReference> | null = null;
  await deps.adapter.createConversationAsync(
    deps.appId,
    a.channelId,
    a.serviceUrl,
    audience ?? '',
    {
      isGroup: false,
      bot: a.recipient,
      members: [a.from],
      tenantId,
      channelData: { tenant: { id: tenantId } },
    },
    async (turn) => {
      const activity = {
        ...turn.activity,
        from: a.from,
        conversation: { ...turn.activity.conversation, conversationType: 'personal', tenantId },
      };
      await saveConversationRef(deps.ctx.db.prisma, activity);
      created = await findPersonalConversationRef(deps.ctx.db.prisma, tenantId, a.from.id);
    },
  );
  return created;
}
