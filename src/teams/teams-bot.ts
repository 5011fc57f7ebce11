import { type CloudAdapter, TeamsActivityHandler } from 'botbuilder';
import type { AppContext } from '../app/context.ts';
import { answerMessage } from './answer-message.ts';
import { trackConversation } from './conversation-lifecycle.ts';
import type { TeamsNotifier } from './notifier.ts';

export interface TeamsBotDeps {
  ctx: AppContext;
  adapter: CloudAdapter;
  /** MICROSOFT_APP_ID; '' when authentication is off. */
  appId: string;
  notifier: TeamsNotifier;
  now: () => Date;
}

/** kpibot in Teams: messages and card buttons are questions; membership changes keep conversation references. */
export class KpiTeamsBot extends TeamsActivityHandler {
  constructor(deps: TeamsBotDeps) {
    super();
    this.onMessage(async (context, next) => {
      await answerMessage(context, deps);
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
