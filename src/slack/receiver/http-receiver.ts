import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App, Receiver } from '@slack/bolt';
import type { Route } from '../../runtime/http-server.ts';
import type { Logger } from '../../runtime/logger.ts';
import { HttpAck } from './http-ack.ts';
import { ReplayCache } from './replay-cache.ts';
import { BodyTooLargeError, parseSlackBody, readRawBody } from './request-body.ts';
import { checkSlackSignature, SIGNATURE_TOLERANCE_SECONDS } from './verify-signature.ts';

export interface SlackHttpReceiverOptions {
  signingSecret: string;
  log: Logger;
  path?: string;
  /** Milliseconds since the epoch; tests move the clock. */
  now?: () => number;
  ackTimeoutMs?: number;
  replays?: ReplayCache;
  bodyLimitBytes?: number;
}

/**
 * Bolt's receiver port, adapted to our HTTP server: `POST /slack/events` carries commands, events and
 * interactivity. It verifies Slack's signature and refuses stale or replayed requests before anything is parsed
 * for the app, answers url_verification and ssl_check itself, and hands the rest to `app.processEvent` with an
 * ack that writes the HTTP response. Our server owns the socket, so start and stop do nothing.
 */
export class SlackHttpReceiver implements Receiver {
  readonly path: string;
  private app: App | undefined;
  private readonly now: () => number;
  private readonly replays: ReplayCache;

  constructor(private readonly opts: SlackHttpReceiverOptions) {
    this.path = opts.path ?? '/slack/events';
    this.now = opts.now ?? Date.now;
    this.replays = opts.replays ?? new ReplayCache();
  }

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  route(): Route {
    return { method: 'POST', path: this.path, handle: (req, res) => this.handle(req, res) };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const log = this.opts.log;
    let raw: Buffer;
    try {
      raw = await readRawBody(req, this.opts.bodyLimitBytes ?? 1024 * 1024);
    } catch (error) {
      res.writeHead(error instanceof BodyTooLargeError ? 413 : 400).end();
      return;
    }
    const signature = header(req, 'x-slack-signature');
    const check = checkSlackSignature({
      signingSecret: this.opts.signingSecret,
      rawBody: raw,
      signature,
      timestamp: header(req, 'x-slack-request-timestamp'),
      nowMs: this.now(),
    });
    if (!check.ok) {
      log.warn({ reason: check.reason }, 'refused a Slack request');
      res.writeHead(401).end();
      return;
    }
    const expiresAt = (check.timestamp + SIGNATURE_TOLERANCE_SECONDS) * 1000 + 1000;
    if (!this.replays.remember(signature as string, expiresAt, this.now())) {
      log.warn({ reason: 'replay' }, 'refused a Slack request');
      res.writeHead(401).end();
      return;
    }
    let body: Record<string, unknown>;
    try {
      body = parseSlackBody(raw.toString('utf8'), req.headers['content-type']);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (body.ssl_check === '1') {
      res.writeHead(200).end();
      return;
    }
    if (body.type === 'url_verification') {
      res
        .writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
        .end(JSON.stringify({ challenge: body.challenge }));
      return;
    }
    if (!this.app) throw new Error('SlackHttpReceiver used before app.init');
    const ack = new HttpAck(res, this.opts.ackTimeoutMs ?? 2900, log);
    const retryNum = header(req, 'x-slack-retry-num');
    const retryReason = header(req, 'x-slack-retry-reason');
    try {
      await this.app.processEvent({
        body,
        ack: ack.ack,
        ...(retryNum !== undefined ? { retryNum: Number(retryNum) } : {}),
        ...(retryReason !== undefined ? { retryReason } : {}),
      });
      ack.fail(404);
    } catch (error) {
      log.error({ err: error }, 'Slack request processing failed');
      ack.fail(500);
    }
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
