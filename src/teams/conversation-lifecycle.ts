import type { TurnContext } from 'botbuilder';
import type { AppContext } from '../app/context.ts';
import { activityFacts } from './activity-facts.ts';
import { removeConversationRef, saveConversationRef } from './conversation-refs.ts';

/**
 * The bot added to a chat, team or personal scope (conversationUpdate with the bot among membersAdded, or
 * installationUpdate add): remember the conversation for proactive messages. Removed or uninstalled: forget it.
 */
export async function trackConversation(context: TurnContext, ctx: AppContext): Promise<void> {
  const a = context.activity;
  const bot = a.recipient?.id;
  const added =
    (a.type === 'installationUpdate' && isAdd(a.action)) || (a.membersAdded ?? []).some((m) => m.id === bot);
  const removed =
    (a.type === 'installationUpdate' && isRemove(a.action)) ||
    (a.membersRemoved ?? []).some((m) => m.id === bot);
  const facts = activityFacts(a);
  if (removed) {
    await removeConversationRef(ctx.db.prisma, a);
    ctx.log.info({ tenantId: facts.tenantId, kind: facts.kind }, 'kpibot removed from a Teams conversation');
  } else if (added) {
    await saveConversationRef(ctx.db.prisma, a);
    ctx.log.info({ tenantId: facts.tenantId, kind: facts.kind }, 'kpibot added to a Teams conversation');
  }
}

// Teams sends "add"/"remove", and "add-upgrade"/"remove-upgrade" when the app is updated.
const isAdd = (action: string | undefined) => action === 'add' || action === 'add-upgrade';
const isRemove = (action: string | undefined) => action === 'remove' || action === 'remove-upgrade';
