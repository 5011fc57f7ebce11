import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Route } from '../runtime/http-server.ts';
import type { Logger } from '../runtime/logger.ts';
import { BodyError, botRequest, botResponse, readJsonBody } from './http-shim.ts';

export const MESSAGES_PATH = '/api/messages';

/**
 * POST /api/messages on our own HTTP server: the body parsed here, then CloudAdapter authenticates the Bot
 * Framework JWT (401 when it is missing or invalid), runs the turn, and writes the response.
 */
export function messagesRoute(opts: {
  adapter: CloudAdapter;
  logic: (context: TurnContext) => Promise<void>;
  authenticated: boolean;
  log: Logger;
}): Route {
  return {
    method: 'POST',
    path: MESSAGES_PATH,
    async handle(req: IncomingMessage, res: ServerResponse) {
      let body: unknown;
      try {
        body = await readJsonBody(req);
      } catch (error) {
        if (!(error instanceof BodyError)) throw error;
        return plain(res, error.status, error.message);
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        return plain(res, 400, 'an activity is a JSON object');
      }
      const activity = body as Record<string, unknown>;
      if (!opts.authenticated && !isLoopback(activity.serviceUrl)) {
        // Unauthenticated, the bot would post answers to any serviceUrl a caller names: only local tools may talk
        // to it (Bot Framework Emulator, tests). Teams itself always comes with an app id.
        opts.log.warn(
          { serviceUrl: String(activity.serviceUrl).slice(0, 100) },
          'unauthenticated Teams activity refused',
        );
        return plain(
          res,
          403,
          'Teams authentication is off (no MICROSOFT_APP_ID): only local serviceUrls are accepted',
        );
      }
      await opts.adapter.process(botRequest(req, activity), botResponse(res), opts.logic);
    },
  };
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function isLoopback(serviceUrl: unknown): boolean {
  if (typeof serviceUrl !== 'string') return false;
  try {
    return LOOPBACK.has(new URL(serviceUrl).hostname);
  } catch {
    return false;
  }
}

function plain(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(message);
}
