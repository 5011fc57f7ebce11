import { MessageFactory, type TurnContext } from 'botbuilder';
import type { QueryOverrides } from '../app/ask.ts';
import { chatAsk } from '../app/chat-ask.ts';
import { langOf } from '../app/chat-identity.ts';
import { activityFacts, chatConversationKind } from './activity-facts.ts';
import { type CardActionData, parseCardAction } from './cards/index.ts';
import { saveConversationRef } from './conversation-refs.ts';
import { deliverPrivately } from './private-delivery.ts';
import { questionText, userMentions } from './question-text.ts';
import { renderReplyCard } from './render-reply.ts';
import type { TeamsBotDeps } from './teams-bot.ts';
import { askerProfile, resolveTeamsMention } from './teams-members.ts';

/**
 * A message to the bot (1:1, group chat @mention, channel @mention) or a click on one of its card buttons
 * (Action.Submit: a message with `value`): parse → chatAsk → reply with a card in the same conversation and thread.
 */
export async function answerMessage(context: TurnContext, deps: TeamsBotDeps): Promise<void> {
  const a = context.activity;
  const facts = activityFacts(a);
  const log = deps.ctx.log;
  await saveConversationRef(deps.ctx.db.prisma, a).catch((error: unknown) =>
    log.warn(
      { err: (error as Error).message, tenantId: facts.tenantId },
      'could not save the Teams conversation',
    ),
  );

  let action: CardActionData | null = null;
  if (a.value !== undefined && a.value !== null) {
    action = parseCardAction(a.value);
    if (!action) {
      log.debug({ conversationId: facts.conversationId }, 'ignoring a card submit that is not ours');
      return;
    }
  }
  const question = action ? action.q : await withMentionsResolved(context, deps, facts.tenantId);
  const reply = await chatAsk(deps.ctx, {
    tenantId: facts.tenantId,
    platform: 'teams',
    user: {
      platform: 'teams',
      tenantId: facts.tenantId,
      userId: a.from.id,
      lookup: () => askerProfile(context),
    },
    conversation: { id: facts.conversationId, kind: chatConversationKind(facts.kind) },
    text: question,
    now: deps.now(),
    ...(action ? { overrides: overridesOf(action) } : {}),
  });
  const applied = action
    ? { ...(action.b ? { b: action.b } : {}), ...(action.p ? { p: action.p } : {}) }
    : undefined;
  const privately = reply.private && facts.kind !== 'personal';
  const card = renderReplyCard(reply.result, {
    question,
    shareable: !privately,
    ...(applied ? { applied } : {}),
  });
  if (privately) {
    const lang =
      reply.result.kind === 'answer' ? reply.result.answer.lang : (langOf(a.locale ?? null) ?? 'en');
    await deliverPrivately(context, deps, facts.tenantId, card, lang);
    return;
  }
  await context.sendActivity(MessageFactory.attachment(card));
}

function overridesOf(action: CardActionData): QueryOverrides | undefined {
  if (action.b) return { breakdown: action.b };
  if (action.p === 'previous') return { period: 'previous' };
  return undefined;
}

/**
 * The question, with other users' mentions replaced by their rep's email: the query parser resolves an email to a
 * rep exactly, where `<at>Name</at>` only matches a rep by display name. A mention Teams cannot look up stays as
 * the name.
 */
async function withMentionsResolved(
  context: TurnContext,
  deps: TeamsBotDeps,
  tenantId: string,
): Promise<string> {
  let text = questionText(context.activity);
  for (const mention of userMentions(context.activity)) {
    if (!text.includes(mention.markup)) continue;
    const rep = await resolveTeamsMention(context, deps.ctx.db.prisma, tenantId, mention.userId).catch(
      (error: unknown) => {
        deps.ctx.log.info({ err: (error as Error).message, tenantId }, 'Teams mention lookup failed');
        return null;
      },
    );
    if (rep?.email) text = text.replace(mention.markup, ` ${rep.email} `);
  }
  return text.replace(/\s+/g, ' ').trim();
}
