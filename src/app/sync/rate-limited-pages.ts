import { RateLimitedError, type SyncPage, type SyncStream } from '../../connectors/types.ts';
import { abortableSleep } from './abortable-sleep.ts';

export interface RateLimitPolicy {
  /** Waits in a row (without a page in between) before the run gives up. Default 10. */
  maxRetries: number;
  /** Longest single wait, whatever the vendor asks. Default 60 s. */
  maxWaitMs: number;
}

export const DEFAULT_RATE_LIMIT_POLICY: RateLimitPolicy = { maxRetries: 10, maxWaitMs: 60_000 };

/**
 * The stream's pages from `cursor`, riding out rate limits: on RateLimitedError it waits retryAfterMs (capped),
 * then reopens the stream at the cursor of the last page handed out (which the caller has committed by the
 * time it asks for the next one), so the refused page is asked for again and nothing is skipped or repeated.
 */
export async function* rateLimitedPages(
  stream: SyncStream,
  cursor: string | null,
  signal: AbortSignal,
  policy: RateLimitPolicy,
  onWait?: (ms: number, attempt: number) => void,
): AsyncGenerator<SyncPage> {
  let from = cursor;
  let attempt = 0;
  for (;;) {
    try {
      for await (const page of stream.pages(from, signal)) {
        attempt = 0;
        yield page;
        from = page.cursor;
      }
      return;
    } catch (error) {
      if (!(error instanceof RateLimitedError) || attempt >= policy.maxRetries) throw error;
      attempt += 1;
      const ms = Math.max(0, Math.min(error.retryAfterMs, policy.maxWaitMs));
      onWait?.(ms, attempt);
      await abortableSleep(ms, signal);
    }
  }
}
