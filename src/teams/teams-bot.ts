import { type CloudAdapter, TeamsActivityHandler } from 'botbuilder';
import type { AppContext } from '../app/context.ts';
import type { DeliveryDispatch } from '../app/delivery/index.ts';
import { answerAlertCardAction } from './alert-card-action.ts';
import { answerMessage } from './answer-message.ts';
import { parseAlertCardAction } from './cards/alert-card-actions.ts';
import { trackConversation } from './conversation-lifecycle.ts';
import type { TeamsNotifier } from './notifier.ts';

export interface TeamsBotDeps {
  ctx: AppContext;
  adapter: CloudAdapter;
  /** MICROSOFT_APP_ID; '' when authentication is off. */
  appId: string;
  notifier: TeamsNotifier;
  now: () => Date;
  /** Adds deliver jobs for outbox rows written while handling an activity (an Ack updates every copy at once). */
  dispatch?: DeliveryDispatch | undefined;
}

/**
 * kpibot in Teams: messages and card buttons are questions, alert cards' Ack/Snooze act on the alert; membership
 * changes keep conversation references.
 */
export class KpiTeamsBot extends TeamsActivityHandler {
  constructor(deps: TeamsBotDeps) {
    super();
    this.onMessage(async (context, next) => {
      const alertAction = parseAlertCardAction(context.activity.value);
      if (alertAction) await answerAlertCardAction(context, deps, alertAction);
      else await answerMessage(context, deps);
      await next();
    });
    this.onConversationUpdate(async (context, next) => {
      await trackConversation(context, deps.ctx);
      await next();
    });
    this.onInstallationUpdate(async (context, next) => {
      await trackConversation(context, deps.ctx);
      await next();
    });
  }
}
