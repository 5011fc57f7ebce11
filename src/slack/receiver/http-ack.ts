import type { ServerResponse } from 'node:http';
import { ReceiverMultipleAckError } from '@slack/bolt';
import type { Logger } from '../../runtime/logger.ts';

/**
 * The HTTP answer to one Slack request: the listener's ack(body) writes it at once (Slack waits at most three
 * seconds). A request nobody acknowledges in time gets a 404 so it does not hang.
 */
export class HttpAck {
  private sent = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly res: ServerResponse,
    timeoutMs: number,
    private readonly log: Logger,
  ) {
    this.timer = setTimeout(() => {
      if (this.sent) return;
      this.log.warn({ timeoutMs }, 'a Slack request was not acknowledged in time');
      this.finish(404);
    }, timeoutMs);
    this.timer.unref();
  }

  get acknowledged(): boolean {
    return this.sent;
  }

  readonly ack = async (response?: unknown): Promise<void> => {
    if (this.sent) throw new ReceiverMultipleAckError();
    if (response === undefined || response === null || response === '') this.finish(200);
    else if (typeof response === 'string') this.finish(200, 'text/plain; charset=utf-8', response);
    else this.finish(200, 'application/json; charset=utf-8', JSON.stringify(response));
  };

  /** Nothing acknowledged (no listener matched, or one failed): answer now rather than at the timeout. */
  fail(status: number): void {
    if (!this.sent) this.finish(status);
  }

  private finish(status: number, contentType?: string, body?: string): void {
    this.sent = true;
    clearTimeout(this.timer);
    if (this.res.headersSent || this.res.writableEnded) return;
    this.res.writeHead(status, contentType ? { 'content-type': contentType } : {}).end(body);
  }
}
