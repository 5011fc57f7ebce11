import { App, type Receiver, SocketModeReceiver } from '@slack/bolt';
import { InstallProvider } from '@slack/oauth';
import type { AppContext } from '../app/context.ts';
import type { DeliveryDispatch } from '../app/delivery/index.ts';
import type { Route } from '../runtime/http-server.ts';
import { DEFAULT_TENANT } from '../store/tenants.ts';
import { boltLogger } from './bolt-logger.ts';
import type { SlackDeps } from './deps.ts';
import { registerErrorHandler } from './error-handler.ts';
import { logSlackFailure } from './failure-log.ts';
import { PrismaInstallationStore, tenantIdOf } from './installation-store.ts';
import { registerListeners } from './listeners/index.ts';
import { oauthRoutes } from './oauth-routes.ts';
import { SlackHttpReceiver } from './receiver/http-receiver.ts';
import type { ReplayCache } from './receiver/replay-cache.ts';
import { withinBudget } from './within-budget.ts';

const SOCKET_CONNECT_WAIT_MS = 10_000;

export interface SlackService {
  readonly app: App;
  readonly receiver: Receiver;
  /** Mount these on our HTTP server: /slack/events (HTTP mode) and the OAuth install routes. */
  readonly routes: Route[];
  /** e.g. "single workspace, HTTP events on /slack/events". */
  readonly description: string;
  /** Connects the Socket Mode websocket (HTTP mode: nothing to do, our server receives). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface SlackOptions {
  /** The clock questions are answered at; default the wall clock. */
  now?: () => Date;
  /** A /kpi answer ready within this many ms goes in the ack; default 2500 (Slack waits 3 s). */
  ackBudgetMs?: number;
  replays?: ReplayCache;
  /** Adds deliver jobs for outbox rows written while handling a request (an Ack updates every copy at once). */
  dispatch?: DeliveryDispatch;
}

/**
 * Slack for this process, or null when no Slack credentials are configured. Single workspace
 * (SLACK_BOT_TOKEN): every request is tenant 'default', the CLI's data. OAuth (SLACK_CLIENT_ID/SECRET/STATE_SECRET):
 * one tenant per workspace (its team id; an org-wide Enterprise Grid install: the enterprise id), installations
 * encrypted in the database. SLACK_APP_TOKEN switches from HTTP events to Socket Mode.
 */
export function createSlack(ctx: AppContext, opts: SlackOptions = {}): SlackService | null {
  const s = ctx.config.slack;
  const oauth = Boolean(s.clientId && s.clientSecret && s.stateSecret && ctx.config.encryptionKey);
  const socketMode = Boolean(s.appToken);
  if (!oauth && !s.botToken) return null;
  if (!socketMode && !s.signingSecret) return null;
  if (oauth && s.botToken)
    ctx.log.warn('SLACK_BOT_TOKEN is ignored: OAuth (SLACK_CLIENT_ID…) serves every workspace');

  const logger = boltLogger(ctx.log);
  const clientOptions = s.apiUrl ? { slackApiUrl: s.apiUrl.endsWith('/') ? s.apiUrl : `${s.apiUrl}/` } : {};
  const installations = oauth ? new PrismaInstallationStore(ctx, ctx.config.encryptionKey as Buffer) : null;
  const installer = installations
    ? new InstallProvider({
        clientId: s.clientId as string,
        clientSecret: s.clientSecret as string,
        stateSecret: s.stateSecret as string,
        installationStore: installations,
        directInstall: true,
        logger,
        clientOptions,
      })
    : null;

  const httpReceiver = socketMode
    ? null
    : new SlackHttpReceiver({
        signingSecret: s.signingSecret as string,
        log: ctx.log,
        ...(opts.replays ? { replays: opts.replays } : {}),
      });
  const receiver: Receiver =
    httpReceiver ??
    new SocketModeReceiver({ appToken: s.appToken as string, logger, installerOptions: { clientOptions } });

  const app = new App({
    receiver,
    logger,
    clientOptions,
    extendedErrorHandler: true,
    // kpibot keeps no conversation state in Bolt (its default in-memory store only grows).
    convoStore: false,
    ...(installer ? { authorize: (source) => installer.authorize(source) } : { token: s.botToken as string }),
  });
  const deps: SlackDeps = {
    ctx,
    tenantOf: installer ? (context) => tenantIdOf(context) : () => DEFAULT_TENANT,
    now: opts.now ?? (() => new Date()),
    ackBudgetMs: opts.ackBudgetMs ?? 2500,
    installations,
    dispatch: opts.dispatch,
  };
  registerListeners(app, deps);
  registerErrorHandler(app, deps);

  const routes = [
    ...(httpReceiver ? [httpReceiver.route()] : []),
    ...(installer ? oauthRoutes(installer, ctx.log) : []),
  ];
  const description = [
    installer
      ? 'OAuth (one tenant per workspace), install at /slack/install'
      : `single workspace (tenant '${DEFAULT_TENANT}')`,
    socketMode ? 'Socket Mode' : `HTTP events on ${httpReceiver?.path}`,
  ].join(', ');
  return {
    app,
    receiver,
    routes,
    description,
    start: async () => {
      if (!socketMode) return;
      // The websocket client keeps retrying on its own: wait a little for it, never block start-up on Slack.
      const connecting = app.start().then(
        () => ctx.log.info('Slack Socket Mode connected'),
        (error: unknown) => logSlackFailure(ctx.log, error, { where: 'socket mode connect' }),
      );
      await withinBudget(connecting, SOCKET_CONNECT_WAIT_MS);
    },
    stop: async () => {
      if (socketMode) await app.stop();
    },
  };
}
