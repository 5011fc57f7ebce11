import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackSignature } from '../../support/fake-slack.ts';
import { SIGNING_SECRET, type SlackHarness, startSlackHarness } from './slack-harness.ts';
import { eventCallback, slashCommand, type Workspace } from './slack-payloads.ts';

const WS: Workspace = { teamId: 'T0ACME', botUserId: 'UKPIBOT' };
const TOKEN = 'xoxb-acme-verification';

describe('POST /slack/events refuses what Slack did not sign, or signed too long ago, or already sent', () => {
  let h: SlackHarness;
  const command = () =>
    slashCommand(WS, {
      text: 'win rate last week',
      userId: 'UDIANE',
      channelId: 'C0SALES',
      responseUrl: h.fake.responseUrl(),
    });
  /** Nothing reached a listener: no Slack call (users.info comes first in every question) and no response_url. */
  const nothingRan = () => {
    expect(h.fake.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
    expect(h.fake.responses).toEqual([]);
  };

  beforeAll(async () => {
    h = await startSlackHarness({
      env: () => ({ SLACK_BOT_TOKEN: TOKEN }),
      tokens: {
        [TOKEN]: { teamId: WS.teamId, teamName: 'Acme', botUserId: WS.botUserId, botId: 'B0KPIBOT' },
      },
      seedTenants: [],
    });
  });
  afterAll(async () => {
    await h?.dispose();
  });

  it.each([
    ['a signature made with another secret', (body: string) => slackSignature('not-the-secret', body)],
    [
      'a signature of another body',
      (body: string) => slackSignature(SIGNING_SECRET, body.replace('win', 'lose')),
    ],
    ['no signature at all', () => ({})],
    [
      'a timestamp over five minutes old',
      (body: string) => slackSignature(SIGNING_SECRET, body, Math.floor(Date.now() / 1000) - 301),
    ],
    [
      'a timestamp over five minutes ahead',
      (body: string) => slackSignature(SIGNING_SECRET, body, Math.floor(Date.now() / 1000) + 301),
    ],
    [
      'a timestamp header that disagrees with the signed one',
      (body: string) => ({
        ...slackSignature(SIGNING_SECRET, body),
        'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000) - 1),
      }),
    ],
  ])('401 for %s, and no listener runs', async (_what, headers) => {
    const req = command();
    const res = await h.post(req, headers(req.body) as Record<string, string>);
    expect(res.status).toBe(401);
    nothingRan();
  });

  it('accepts a request once and refuses the same signed request replayed', async () => {
    const req = command();
    const headers = slackSignature(SIGNING_SECRET, req.body);
    const first = await h.post(req, headers);
    expect(first.status).toBe(200);
    expect(await first.text()).toMatch(/Win rate/);
    const callsAfterFirst = h.fake.calls.length;
    const replay = await h.post(req, headers);
    expect(replay.status).toBe(401);
    expect(h.fake.calls.length).toBe(callsAfterFirst);
  });

  it('answers the Events API url_verification challenge', async () => {
    const body = JSON.stringify({ token: 'x', challenge: 'c4ll3ng3-abc', type: 'url_verification' });
    const res = await h.post({ body, contentType: 'application/json' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'c4ll3ng3-abc' });
  });

  it('refuses an unsigned url_verification too', async () => {
    const body = JSON.stringify({ token: 'x', challenge: 'c4ll3ng3-abc', type: 'url_verification' });
    const res = await h.post({ body, contentType: 'application/json' }, {});
    expect(res.status).toBe(401);
  });

  it('acknowledges an event it has no listener for, and refuses a malformed body', async () => {
    const ok = await h.post(eventCallback(WS, { type: 'reaction_added', user: 'UDIANE', reaction: 'tada' }));
    expect(ok.status).toBe(200);
    const bad = await h.post({ body: '{not json', contentType: 'application/json' });
    expect(bad.status).toBe(400);
  });

  it('only POST is routed', async () => {
    const res = await fetch(h.url('/slack/events'));
    expect(res.status).toBe(405);
  });
});
