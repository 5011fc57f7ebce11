import { CloudAdapter } from 'botbuilder';
import type { AppContext } from '../app/context.ts';
import type { DeliveryDispatch } from '../app/delivery/index.ts';
import type { Route } from '../runtime/http-server.ts';
import { createBotAuthentication, type TeamsAuthOptions } from './bot-authentication.ts';
import type { RetryPolicy } from './connector-retry.ts';
import { messagesRoute } from './messages-route.ts';
import { createTeamsNotifier, type TeamsNotifier } from './notifier.ts';
import { KpiTeamsBot } from './teams-bot.ts';
import { turnErrorHandler } from './turn-error.ts';

export type { BotFrameworkEndpoints, TeamsAuthOptions } from './bot-authentication.ts';
export type { RetryPolicy } from './connector-retry.ts';
export { MESSAGES_PATH } from './messages-route.ts';
export { type TeamsNotifier, UnknownConversationError } from './notifier.ts';

export interface TeamsOptions {
  auth?: TeamsAuthOptions;
  /** The clock questions are answered at (tests pin it). */
  now?: () => Date;
  /** Backoff for throttled sends. */
  retry?: RetryPolicy;
  /** Adds deliver jobs for outbox rows written while handling an activity. */
  dispatch?: DeliveryDispatch;
}

export interface Teams {
  routes: Route[];
  notifier: TeamsNotifier;
  adapter: CloudAdapter;
}

/**
 * Microsoft Teams: the bot at POST /api/messages and a notifier for proactive cards. Always available: without
 * MICROSOFT_APP_ID it runs unauthenticated (botbuilder's local-testing mode, loopback serviceUrls only) and says so.
 */
export function createTeams(ctx: AppContext, opts: TeamsOptions = {}): Teams {
  const appId = ctx.config.teams.appId ?? '';
  if (!appId) {
    ctx.log.warn(
      'Teams: MICROSOFT_APP_ID is not set, /api/messages runs UNAUTHENTICATED for local testing (Bot Framework Emulator) and only answers loopback serviceUrls. Set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD to connect Teams.',
    );
  }
  const adapter = new CloudAdapter(createBotAuthentication(ctx.config.teams, opts.auth));
  adapter.onTurnError = turnErrorHandler(ctx.log);
  const notifier = createTeamsNotifier({
    adapter,
    appId,
    prisma: ctx.db.prisma,
    log: ctx.log,
    ...(opts.retry ? { retry: opts.retry } : {}),
  });
  const bot = new KpiTeamsBot({
    ctx,
    adapter,
    appId,
    notifier,
    now: opts.now ?? (() => new Date()),
    dispatch: opts.dispatch,
  });
  const route = messagesRoute({
    adapter,
    logic: (context) => bot.run(context),
    authenticated: Boolean(appId),
    log: ctx.log,
  });
  return { routes: [route], notifier, adapter };
}
