import { openDeliveryDispatch } from '../jobs/deliver.ts';
import type { AppContext } from './app/context.ts';
import type { DeliveryDispatch } from './app/delivery/index.ts';
import { type HttpServer, type Route, startHttpServer } from './runtime/http-server.ts';
import { createQueueBoard } from './runtime/queue-board.ts';
import { pingRedis } from './runtime/redis.ts';
import { createSlack } from './slack/index.ts';
import { createTeams } from './teams/index.ts';

/** Web composition root: the HTTP server with health checks; Slack and Teams mount their routes here. */
export async function startServer(
  ctx: AppContext,
  opts: { port: number; redisUrl: string; routes?: Route[]; queuePrefix?: string },
): Promise<WebServer> {
  // Teams is always mounted at POST /api/messages (unauthenticated, loopback-only, without MICROSOFT_APP_ID).
  // Button clicks write outbox rows (every copy of an alert changes); this web process adds their deliver jobs.
  const outbox = openDeliveryDispatch({ redisUrl: opts.redisUrl, prefix: opts.queuePrefix });
  const dispatch: DeliveryDispatch = async (ids) => {
    // Never hold a click on Redis: the rows are committed, and the worker's sweeper sends what this could not add.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, 2_000);
    });
    await Promise.race([outbox.dispatch(ids), timeout])
      .catch((err: unknown) =>
        ctx.log.warn({ err: (err as Error).message }, 'deliver jobs not added: the sweeper will'),
      )
      .finally(() => clearTimeout(timer));
  };
  const teams = createTeams(ctx, { dispatch });
  // Slack only when its credentials are set (SLACK_SIGNING_SECRET + SLACK_BOT_TOKEN or the OAuth trio).
  const slack = createSlack(ctx, { dispatch });
  // Bull Board only when its credentials are set (KPIBOT_QUEUE_BOARD_USER/PASSWORD).
  const board = ctx.config.queueBoard
    ? createQueueBoard({
        redisUrl: opts.redisUrl,
        prefix: opts.queuePrefix,
        ...ctx.config.queueBoard,
        log: ctx.log,
      })
    : null;
  const server = await startHttpServer({
    port: opts.port,
    routes: [
      ...(opts.routes ?? []),
      ...teams.routes,
      ...(slack?.routes ?? []),
      ...(board ? [board.route] : []),
    ],
    log: ctx.log,
    readiness: async () => {
      const [database, redis] = await Promise.all([
        ctx.db.prisma
          .$queryRawUnsafe('SELECT 1')
          .then(() => ({ ok: true }))
          .catch((e: unknown) => ({ ok: false, detail: (e as Error).message })),
        pingRedis(opts.redisUrl, 1000).then((ok) => (ok ? { ok } : { ok, detail: 'no PONG from Redis' })),
      ]);
      return { database, redis };
    },
  });
  await slack?.start();
  return {
    port: server.port,
    slack: slack?.description ?? null,
    close: async () => {
      await slack?.stop();
      await server.close();
      await board?.close();
      await outbox.close();
    },
  };
}

export interface WebServer extends HttpServer {
  /** How Slack is connected (e.g. "single workspace (tenant 'default'), HTTP events on /slack/events"), or null. */
  readonly slack: string | null;
}
