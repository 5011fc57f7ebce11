import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request as BotRequest, Response as BotResponse } from 'botbuilder';

/** Teams activities are a few KB; anything near this is not one. */
export const MAX_ACTIVITY_BYTES = 1_000_000;

export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

/** Reads and parses a JSON request body: CloudAdapter wants it parsed, as express' body parser would. */
export async function readJsonBody(req: IncomingMessage, limit = MAX_ACTIVITY_BYTES): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyError(413, `request body over ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BodyError(400, 'request body is not JSON');
  }
}

/** The express-like request CloudAdapter.process reads: method, headers, parsed body. */
export function botRequest(req: IncomingMessage, body: Record<string, unknown>): BotRequest {
  return { method: req.method ?? 'POST', headers: req.headers, body };
}

/**
 * The express-like response CloudAdapter.process writes: status(), header(), send(), end(). The body is kept until
 * end() so the status line is written once, whatever order the adapter calls them in.
 */
export function botResponse(res: ServerResponse): BotResponse {
  let status = 200;
  let body: unknown;
  return {
    socket: res.socket,
    status(code: unknown) {
      status = Number(code);
      return this;
    },
    header(name: unknown, value: unknown) {
      res.setHeader(String(name), String(value));
      return this;
    },
    send(payload: unknown) {
      body = payload;
      return this;
    },
    end() {
      if (res.writableEnded) return this;
      if (body === undefined || body === null) {
        res.writeHead(status).end();
      } else if (typeof body === 'string' || Buffer.isBuffer(body)) {
        res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(body);
      } else {
        res
          .writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
          .end(JSON.stringify(body));
      }
      return this;
    },
  };
}
