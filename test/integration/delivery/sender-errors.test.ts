import {
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
} from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { createChannelPacer } from '../../../src/slack/delivery/channel-pacer.ts';
import { classifySlackError } from '../../../src/slack/delivery/slack-errors.ts';
import { UnknownConversationError } from '../../../src/teams/notifier.ts';
import { classifyTeamsError } from '../../../src/teams/teams-sender.ts';

/** How each platform failure steers the outbox: retry or not, when, and whether the message may exist. */
const platform = (error: string) => new WebAPIPlatformError({ ok: false, error });

describe('Slack failures in the outbox terms', () => {
  it.each([
    ['channel_not_found'],
    ['not_in_channel'],
    ['is_archived'],
    ['invalid_auth'],
    ['account_inactive'],
    ['token_revoked'],
    ['missing_scope'],
    ['invalid_blocks'],
  ])('%s is permanent: never retried, nothing was posted', (code) => {
    expect(classifySlackError(platform(code), 'chat.postMessage')).toMatchObject({
      code,
      permanent: true,
      mayHavePosted: false,
      retryAfterMs: null,
    });
  });

  it('a 429 waits its Retry-After and posted nothing', () => {
    expect(classifySlackError(new WebAPIRateLimitedError(7), 'chat.postMessage')).toMatchObject({
      code: 'rate_limited',
      permanent: false,
      retryAfterMs: 7000,
      mayHavePosted: false,
    });
  });

  it('a 5xx, a network failure or internal_error may have posted: retried after a search', () => {
    for (const error of [
      new WebAPIHTTPError(503, 'Service Unavailable', {}, ''),
      new WebAPIRequestError(new Error('socket hang up')),
      platform('internal_error'),
    ]) {
      expect(classifySlackError(error, 'chat.postMessage')).toMatchObject({
        permanent: false,
        mayHavePosted: true,
      });
    }
  });

  it('an error code Slack documents as temporary is retried; an HTTP 4xx is not', () => {
    expect(classifySlackError(platform('service_unavailable'), 'chat.update')).toMatchObject({
      permanent: false,
      mayHavePosted: false,
    });
    expect(
      classifySlackError(new WebAPIHTTPError(404, 'Not Found', {}, ''), 'chat.postMessage').permanent,
    ).toBe(true);
  });
});

describe('Teams failures in the outbox terms', () => {
  const status = (statusCode: number, headers: Record<string, string> = {}) =>
    Object.assign(new Error(`HTTP ${statusCode}`), { statusCode, response: { headers } });

  it('400/401/403/404 and an unknown conversation are permanent', () => {
    for (const code of [400, 401, 403, 404]) expect(classifyTeamsError(status(code)).permanent).toBe(true);
    expect(classifyTeamsError(new UnknownConversationError('t', 'c'))).toMatchObject({
      code: 'teams_conversation_unknown',
      permanent: true,
    });
  });

  it('a 429 that outlasted the notifier waits its Retry-After; a 5xx or no answer is retried', () => {
    expect(classifyTeamsError(status(429, { 'retry-after': '12' }))).toMatchObject({ retryAfterMs: 12_000 });
    expect(classifyTeamsError(status(502))).toMatchObject({ permanent: false, mayHavePosted: true });
    expect(classifyTeamsError(new Error('ECONNRESET'))).toMatchObject({
      permanent: false,
      mayHavePosted: true,
    });
  });
});

describe('per-channel pacing', () => {
  it('spaces posts to one channel by the interval, in order, and lets other channels through', async () => {
    let now = 1_000_000;
    const slept: number[] = [];
    const pacer = createChannelPacer(1000, {
      now: () => now,
      sleep: async (ms) => {
        slept.push(ms);
      },
    });
    await pacer.wait('T:C1');
    await pacer.wait('T:C1');
    await pacer.wait('T:C1');
    await pacer.wait('T:C2');
    expect(slept).toEqual([1000, 2000]);
    now += 5000;
    await pacer.wait('T:C1');
    expect(slept).toEqual([1000, 2000]);
  });
});
