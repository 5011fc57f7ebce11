import { describe, expect, it } from 'vitest';
import {
  type RetryPolicy,
  retryAfterMs,
  statusOf,
  withConnectorRetry,
} from '../../../src/teams/connector-retry.ts';

/** A connector failure as botbuilder surfaces it: an Azure RestError with statusCode and response headers. */
function restError(status: number, headers: Record<string, string> = {}) {
  const map = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return Object.assign(new Error(`HTTP ${status}`), {
    statusCode: status,
    response: { status, headers: { get: (name: string) => map.get(name.toLowerCase()) } },
  });
}

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 5000 };

async function run(failures: unknown[], p = policy) {
  const waits: number[] = [];
  let calls = 0;
  const outcome = await withConnectorRetry(
    async () => {
      const failure = failures[calls++];
      if (failure) throw failure;
      return 'sent';
    },
    p,
    { sleep: async (ms) => void waits.push(ms), random: () => 0.5 },
  ).catch((e: unknown) => e);
  return { outcome, calls, waits };
}

describe('withConnectorRetry', () => {
  it.each([
    ['Retry-After in seconds', [restError(429, { 'Retry-After': '3' })], [3000]],
    ['Retry-After 0', [restError(429, { 'Retry-After': '0' })], [0]],
    ['no Retry-After: exponential backoff', [restError(429), restError(503), restError(502)], [75, 150, 300]],
    ['Retry-After capped by maxDelayMs', [restError(429, { 'Retry-After': '3600' })], [5000]],
  ])('%s', async (_name, failures, expected) => {
    const r = await run(failures);
    expect(r.outcome).toBe('sent');
    expect(r.calls).toBe(failures.length + 1);
    expect(r.waits).toEqual(expected);
  });

  it('gives up after maxAttempts with the last error', async () => {
    const last = restError(429, { 'Retry-After': '1' });
    const r = await run([restError(429), restError(429), restError(429), last, restError(429)]);
    expect(r.outcome).toBe(last);
    expect(r.calls).toBe(4);
  });

  it.each([400, 401, 403, 404, 500])('does not retry %i', async (status) => {
    const error = restError(status);
    const r = await run([error]);
    expect(r.outcome).toBe(error);
    expect(r.calls).toBe(1);
  });

  it('does not retry errors without a status (programming errors)', async () => {
    const r = await run([new TypeError('boom')]);
    expect(r.calls).toBe(1);
  });

  it('reads statuses and Retry-After dates', () => {
    expect(statusOf(restError(429))).toBe(429);
    expect(statusOf({ response: { status: 503 } })).toBe(503);
    expect(statusOf('nope')).toBeNull();
    const now = Date.parse('2026-11-18T09:00:00Z');
    expect(retryAfterMs(restError(429, { 'Retry-After': 'Wed, 18 Nov 2026 09:00:30 GMT' }), now)).toBe(
      30_000,
    );
    expect(retryAfterMs(restError(429, { 'Retry-After': 'soon' }), now)).toBeNull();
    expect(retryAfterMs({ response: { headers: { 'retry-after': '2' } } }, now)).toBe(2000);
  });
});
