import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpMetrics } from './http-metrics.ts';
import type { Logger } from './logger.ts';

export interface Route {
  /** '*' = any method (a mounted sub-application answers the methods itself). */
  method: 'GET' | 'POST' | '*';
  path: string;
  /** Also matches every path under `path/` (a mounted sub-application such as the queue board). */
  prefix?: boolean;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void> | void;
}

export type ReadinessCheck = () => Promise<Record<string, { ok: boolean; detail?: string }>>;

export interface HttpServer {
  readonly port: number;
  close(): Promise<void>;
}

/** The web process's HTTP server: health, readiness, Prometheus metrics, and the routes Slack and Teams mount. */
export async function startHttpServer(opts: {
  port: number;
  host?: string;
  routes: Route[];
  readiness: ReadinessCheck;
  log: Logger;
}): Promise<HttpServer> {
  const metrics = new HttpMetrics();
  const routes: Route[] = [
    { method: 'GET', path: '/healthz', handle: (_q, res) => json(res, 200, { status: 'ok' }) },
    {
      method: 'GET',
      path: '/readyz',
      handle: async (_q, res) => {
        const checks = await opts.readiness();
        const ok = Object.values(checks).every((c) => c.ok);
        json(res, ok ? 200 : 503, { status: ok ? 'ready' : 'not ready', checks });
      },
    },
    {
      method: 'GET',
      path: '/metrics',
      handle: (_q, res) => {
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(metrics.render());
      },
    },
    ...opts.routes,
  ];

  const server = http.createServer((req, res) => {
    const started = process.hrtime.bigint();
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = routes.find(
      (r) => pathMatches(r, pathname) && (r.method === '*' || r.method === req.method),
    );
    // Metrics label by route, never by raw path: a prefix route's sub-paths would otherwise grow without bound.
    const label = route?.path ?? (routes.some((r) => r.path === pathname) ? pathname : 'unmatched');
    res.on('finish', () => {
      metrics.record(label, res.statusCode, Number(process.hrtime.bigint() - started) / 1e9);
    });
    if (!route) {
      const allowed = routes.filter((r) => r.path === pathname).map((r) => r.method);
      if (allowed.length > 0) {
        res.writeHead(405, { allow: allowed.join(', ') }).end();
      } else {
        json(res, 404, { error: 'not_found', message: `No route for ${req.method} ${pathname}` });
      }
      return;
    }
    Promise.resolve()
      .then(() => route.handle(req, res))
      .catch((error: unknown) => {
        opts.log.error({ err: error, route: route.path }, 'request failed');
        if (!res.headersSent) json(res, 500, { error: 'internal_error' });
        else res.end();
      });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '0.0.0.0', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

function pathMatches(route: Route, pathname: string): boolean {
  return pathname === route.path || (route.prefix === true && pathname.startsWith(`${route.path}/`));
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}
