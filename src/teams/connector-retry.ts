/**
 * Retries a Bot Connector call that Teams throttled (429) or that hit a transient gateway error, honouring
 * Retry-After, with exponential backoff otherwise. botbuilder's HTTP pipeline already retries a few 429s that carry
 * Retry-After; this outer loop covers throttling that outlasts it and 429s without the header, so a proactive card
 * is delayed, never lost. Other failures (400, 403 bot removed, 404) are not retried: they would fail again.
 */

export interface RetryPolicy {
  maxAttempts: number;
  /** First backoff when the server gives no Retry-After; doubles each attempt. */
  baseDelayMs: number;
  /** No single wait is longer, whatever Retry-After says. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 60_000 };

/** 412 and 502/504 are what Teams documents as transient besides 429; 503 is the gateway's busy answer. */
const RETRYABLE = new Set([412, 429, 502, 503, 504]);

export interface RetryHooks {
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (info: { attempt: number; status: number; delayMs: number }) => void;
  /** Jitter source in [0, 1); tests pass a constant. */
  random?: () => number;
}

export async function withConnectorRetry<T>(
  send: () => Promise<T>,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  hooks: RetryHooks = {},
): Promise<T> {
  const sleep = hooks.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = hooks.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      const status = statusOf(error);
      if (status === null || !RETRYABLE.has(status) || attempt >= policy.maxAttempts) throw error;
      const retryAfter = retryAfterMs(error);
      const backoff = policy.baseDelayMs * 2 ** (attempt - 1) * (0.5 + random() / 2);
      const delayMs = Math.min(policy.maxDelayMs, retryAfter ?? backoff);
      hooks.onRetry?.({ attempt, status, delayMs });
      await sleep(delayMs);
    }
  }
}

/** The HTTP status of a failed connector call (botbuilder surfaces Azure RestErrors: `statusCode`). */
export function statusOf(error: unknown): number | null {
  if (typeof error !== 'object' || error === null) return null;
  const e = error as { statusCode?: unknown; status?: unknown; response?: { status?: unknown } };
  const status = e.statusCode ?? e.status ?? e.response?.status;
  return typeof status === 'number' ? status : null;
}

/** Retry-After in seconds or as an HTTP date, from the error's response headers. */
export function retryAfterMs(error: unknown, now = Date.now()): number | null {
  const headers = (error as { response?: { headers?: unknown } } | null)?.response?.headers;
  const value = headerValue(headers, 'retry-after');
  if (value === null) return null;
  const seconds = Number(value);
  if (value.trim() !== '' && Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : null;
}

function headerValue(headers: unknown, name: string): string | null {
  if (!headers || typeof headers !== 'object') return null;
  const h = headers as { get?: (n: string) => unknown } & Record<string, unknown>;
  const value = typeof h.get === 'function' ? h.get(name) : (h[name] ?? h[name.toLowerCase()]);
  return typeof value === 'string' ? value : null;
}
