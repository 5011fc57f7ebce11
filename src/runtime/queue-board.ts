import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Queue } from 'bullmq';
import express from 'express';
import { Redis } from 'ioredis';
import { DIGEST_QUEUE } from '../../jobs/digest.ts';
import { QUEUE_PREFIX, QUEUES } from '../../jobs/queues.ts';
import type { Route } from './http-server.ts';
import type { Logger } from './logger.ts';

export const QUEUE_BOARD_PATH = '/admin/queues';

export interface QueueBoard {
  route: Route;
  close(): Promise<void>;
}

/**
 * Bull Board (waiting, active, failed jobs; retry, clean) mounted on our HTTP server behind basic auth. Off unless
 * KPIBOT_QUEUE_BOARD_USER/PASSWORD are set. Its Redis connection opens on the first authorised request, so a web
 * process keeps starting (and answering chat) while Redis is down.
 */
export function createQueueBoard(opts: {
  redisUrl: string;
  prefix?: string;
  user: string;
  password: string;
  log: Logger;
}): QueueBoard {
  let mounted: { app: express.Express; connection: Redis; queues: Queue[] } | null = null;
  const expected = digest(`${opts.user}:${opts.password}`);

  const mount = () => {
    if (mounted) return mounted;
    const connection = new Redis(opts.redisUrl, { maxRetriesPerRequest: null, lazyConnect: true });
    connection.on('error', (err) =>
      opts.log.warn({ err: err.message }, 'queue board: redis connection error'),
    );
    const names = [...Object.values(QUEUES), DIGEST_QUEUE];
    const queues = names.map((name) => new Queue(name, { connection, prefix: opts.prefix ?? QUEUE_PREFIX }));
    const serverAdapter = new ExpressAdapter().setBasePath(QUEUE_BOARD_PATH);
    createBullBoard({
      queues: queues.map((q) => new BullMQAdapter(q)),
      serverAdapter,
      options: { uiConfig: { boardTitle: 'kpibot queues' } },
    });
    const app = express();
    app.disable('x-powered-by');
    app.use(QUEUE_BOARD_PATH, serverAdapter.getRouter());
    mounted = { app, connection, queues };
    return mounted;
  };

  return {
    route: {
      method: '*',
      path: QUEUE_BOARD_PATH,
      prefix: true,
      handle: (req: IncomingMessage, res: ServerResponse) => {
        if (!authorised(req.headers.authorization, expected)) {
          res
            .writeHead(401, {
              'www-authenticate': 'Basic realm="kpibot queues", charset="UTF-8"',
              'content-type': 'text/plain; charset=utf-8',
            })
            .end(
              'Authentication required: the KPIBOT_QUEUE_BOARD_USER and KPIBOT_QUEUE_BOARD_PASSWORD credentials.\n',
            );
          return;
        }
        return new Promise<void>((resolve, reject) => {
          res.on('finish', resolve);
          res.on('close', resolve);
          mount().app(req as express.Request, res as express.Response, (err?: unknown) => {
            if (err) reject(err);
            else {
              res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
            }
          });
        });
      },
    },
    close: async () => {
      if (!mounted) return;
      await Promise.all(mounted.queues.map((q) => q.close()));
      mounted.connection.disconnect();
      mounted = null;
    },
  };
}

/** Compares digests of equal length in constant time: neither the user nor the password leaks through timing. */
function authorised(header: string | undefined, expected: Buffer): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return false;
  return timingSafeEqual(digest(Buffer.from(match[1], 'base64').toString('utf8')), expected);
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
