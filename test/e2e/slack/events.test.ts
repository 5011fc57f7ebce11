import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackHarness, startSlackHarness } from './slack-harness.ts';
import { eventCallback, type Workspace } from './slack-payloads.ts';

const WS: Workspace = { teamId: 'T0ACME', botUserId: 'UKPIBOT' };
const TOKEN = 'xoxb-acme-events';

function allText(params: Record<string, unknown>): string {
  return `${params.text}\n${JSON.stringify(params.blocks)}`;
}

describe('Slack events over HTTP: mentions, DMs, App Home', () => {
  let h: SlackHarness;

  beforeAll(async () => {
    h = await startSlackHarness({
      env: () => ({ SLACK_BOT_TOKEN: TOKEN }),
      tokens: {
        [TOKEN]: { teamId: WS.teamId, teamName: 'Acme', botUserId: WS.botUserId, botId: 'B0KPIBOT' },
      },
      seedTenants: ['default'],
    });
  });
  afterAll(async () => {
    await h?.dispose();
  });

  it('answers an @mention in its thread, without the bot mention in the question', async () => {
    const res = await h.post(
      eventCallback(WS, {
        type: 'app_mention',
        user: 'UDIANE',
        text: `<@${WS.botUserId}> win rate last week`,
        ts: '1763456500.000100',
        channel: 'C0SALES',
        event_ts: '1763456500.000100',
      }),
    );
    expect(res.status).toBe(200);
    const posted = await h.fake.waitForCall(
      (c) => c.method === 'chat.postMessage' && c.params.thread_ts === '1763456500.000100',
    );
    expect(posted.params.channel).toBe('C0SALES');
    expect(posted.authorization).toBe(`Bearer ${TOKEN}`);
    expect(allText(posted.params)).toMatch(/50(\.0)?\s?%/);
  });

  it('replies in the existing thread when mentioned inside one', async () => {
    await h.post(
      eventCallback(WS, {
        type: 'app_mention',
        user: 'UDIANE',
        text: `<@${WS.botUserId}> revenue signed last week`,
        ts: '1763456600.000200',
        thread_ts: '1763456000.000001',
        channel: 'C0SALES',
        event_ts: '1763456600.000200',
      }),
    );
    const posted = await h.fake.waitForCall(
      (c) => c.method === 'chat.postMessage' && c.params.thread_ts === '1763456000.000001',
    );
    expect(allText(posted.params)).toMatch(/6[,\s]?500/);
  });

  it('sends a mention asking rep-level figures in a channel to the asker only', async () => {
    await h.post(
      eventCallback(WS, {
        type: 'app_mention',
        user: 'UDIANE',
        text: `<@${WS.botUserId}> win rate by rep last week`,
        ts: '1763456700.000300',
        channel: 'C0SALES',
        event_ts: '1763456700.000300',
      }),
    );
    const ephemeral = await h.fake.waitForCall(
      (c) => c.method === 'chat.postEphemeral' && c.params.thread_ts === '1763456700.000300',
    );
    expect(ephemeral.params.user).toBe('UDIANE');
    expect(
      h.fake.calls.some((c) => c.method === 'chat.postMessage' && c.params.thread_ts === '1763456700.000300'),
    ).toBe(false);
  });

  it('answers a DM in French for a French-speaking user, and ignores the bot’s own and other bots’ messages and edits', async () => {
    const dm = (event: Record<string, unknown>) =>
      h.post(eventCallback(WS, { type: 'message', channel: 'D0MARC', channel_type: 'im', ...event }));
    await dm({ user: WS.botUserId, bot_id: 'B0KPIBOT', text: 'win rate last week', ts: '1763456800.000001' });
    await dm({
      bot_id: 'B0OTHER',
      subtype: 'bot_message',
      text: 'win rate last week',
      ts: '1763456800.000002',
    });
    await dm({
      subtype: 'message_changed',
      hidden: true,
      message: { user: 'UMARC', text: 'win rate last week', ts: '1763456800.000003' },
      ts: '1763456800.000004',
    });
    await dm({ user: 'UMARC', text: 'CA signé la semaine dernière', ts: '1763456800.000005' });
    const posted = await h.fake.waitForCall(
      (c) => c.method === 'chat.postMessage' && c.params.thread_ts === '1763456800.000005',
    );
    expect(posted.params.channel).toBe('D0MARC');
    expect(allText(posted.params)).toMatch(/CA signé|Chiffre d/);
    const repliesInDm = h.fake.calls.filter(
      (c) => c.method === 'chat.postMessage' && c.params.channel === 'D0MARC',
    );
    expect(repliesInDm.map((c) => c.params.thread_ts)).toEqual(['1763456800.000005']);
  });

  it('publishes the App Home with the user’s own figures and their team’s', async () => {
    await h.post(
      eventCallback(WS, {
        type: 'app_home_opened',
        user: 'UALICE',
        channel: 'D0ALICE',
        tab: 'home',
        event_ts: '1763456900.000100',
      }),
    );
    const published = await h.fake.waitForCall(
      (c) => c.method === 'views.publish' && c.params.user_id === 'UALICE',
    );
    const view = published.params.view as { type: string; blocks: { type: string }[] };
    expect(view.type).toBe('home');
    const text = JSON.stringify(view.blocks);
    expect(text).toMatch(/Alice Martin/);
    expect(text).toMatch(/Revenue signed/);
    expect(text).toMatch(/Paris/);
  });

  it('logs a failed reply with its context and no token, and the request still succeeds', async () => {
    const question = `<@${WS.botUserId}> win rate last week ${'and more words '.repeat(20)}`;
    const res = await h.post(
      eventCallback(WS, {
        type: 'app_mention',
        user: 'UDIANE',
        text: question,
        ts: '1763457300.000100',
        channel: 'C0GONE',
      }),
    );
    expect(res.status).toBe(200);
    await expect
      .poll(() => h.logs.filter((l) => l.msg === 'Slack request failed').length)
      .toBeGreaterThanOrEqual(1);
    const line = h.logs.find((l) => l.msg === 'Slack request failed');
    expect(line).toMatchObject({ where: 'app_mention', tenantId: 'default', userId: 'UDIANE' });
    expect(String(line?.text).length).toBeLessThanOrEqual(121);
    expect(JSON.stringify(h.logs)).not.toContain(TOKEN);
  });

  it('ignores the Messages tab of the App Home', async () => {
    await h.post(
      eventCallback(WS, {
        type: 'app_home_opened',
        user: 'UBOB',
        channel: 'D0BOB',
        tab: 'messages',
        event_ts: '1',
      }),
    );
    await h.post(
      eventCallback(WS, {
        type: 'app_home_opened',
        user: 'UMARC',
        channel: 'D0MARC',
        tab: 'home',
        event_ts: '2',
      }),
    );
    const marc = await h.fake.waitForCall(
      (c) => c.method === 'views.publish' && c.params.user_id === 'UMARC',
    );
    expect(h.fake.calls.some((c) => c.method === 'views.publish' && c.params.user_id === 'UBOB')).toBe(false);
    // Marc's Slack locale is French: his Home is in French, with his team's (Paris) figures this month.
    const text = JSON.stringify((marc.params.view as { blocks: unknown[] }).blocks);
    expect(text).toMatch(/Taux de gain/);
    expect(text).toMatch(/6.400\s?€/); // Paris in November: Alice 1000 + 3000 + 400 + 1500, Bob 500
  });
});
