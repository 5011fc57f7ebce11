import { MessageFactory, type TurnContext } from 'botbuilder';
import { pressAlertButton } from '../app/chat-commands/alert-buttons.ts';
import { activityFacts, chatConversationKind } from './activity-facts.ts';
import { renderAlertCard } from './cards/alert-card.ts';
import { ALERT_CARD_ACTIONS, type AlertCardActionData } from './cards/alert-card-actions.ts';
import { renderErrorCard } from './cards/index.ts';
import type { TeamsBotDeps } from './teams-bot.ts';
import { askerProfile } from './teams-members.ts';

/**
 * Ack / Snooze on an alert card (Action.Submit: a message activity whose `value` is the button's data and whose
 * `replyToId` is the card's activity). The clicking user acts with their own rights; the clicked card is replaced
 * in place (updateActivity), the other copies through the outbox. A refusal is a short card in reply: Teams has
 * no ephemeral messages, and it names no figure.
 */
export async function answerAlertCardAction(
  context: TurnContext,
  deps: TeamsBotDeps,
  action: AlertCardActionData,
): Promise<void> {
  const a = context.activity;
  const facts = activityFacts(a);
  const outcome = await pressAlertButton(deps.ctx, {
    tenantId: facts.tenantId,
    platform: 'teams',
    user: {
      platform: 'teams',
      tenantId: facts.tenantId,
      userId: a.from.id,
      lookup: () => askerProfile(context),
    },
    conversation: { id: facts.conversationId, kind: chatConversationKind(facts.kind) },
    stateId: action.stateId,
    action: action.kpiAction === ALERT_CARD_ACTIONS.ack ? 'ack' : 'snooze',
    days: action.days,
    dispatch: deps.dispatch,
    now: deps.now(),
  });
  if (!outcome.ok) {
    await context.sendActivity(
      MessageFactory.attachment(
        renderErrorCard({
          code: outcome.code,
          lang: outcome.lang,
          message: outcome.message,
          suggestions: [],
        }),
      ),
    );
    return;
  }
  const card = renderAlertCard(outcome.view);
  if (a.replyToId) {
    await context.updateActivity({ type: 'message', id: a.replyToId, attachments: [card] });
    return;
  }
  // A client that does not say which message the button was on: the new state as a new card.
  await context.sendActivity(MessageFactory.attachment(card));
}
