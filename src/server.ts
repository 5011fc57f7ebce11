import type { AppContext } from './app/context.ts';
import { type HttpServer, type Route, startHttpServer } from './runtime/http-server.ts';
import { pingRedis } from './runtime/redis.ts';

/** Web composition root: the HTTP server with health checks; Slack and Teams mount their routes here. */
export async function startServer(
  ctx: AppContext,
  opts: { port: number; redisUrl: string; routes?: Route[] },
): Promise<HttpServer> {
  return startHttpServer({
    port: opts.port,
    routes: opts.routes ?? [],
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
}
