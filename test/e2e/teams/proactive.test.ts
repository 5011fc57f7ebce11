import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderInfoCard } from '../../../src/teams/cards/index.ts';
import { UnknownConversationError } from '../../../src/teams/index.ts';
import { botAdded, botRemoved, installationUpdate, teamsMessage } from './activities.ts';
import { adaptiveCardOf, cardText, startTeamsHarness, TENANT, type TeamsHarness, USERS } from './harness.ts';

let h: TeamsHarness;

beforeAll(async () => {
  h = await startTeamsHarness();
}, 30_000);
afterAll(async () => h?.close());
beforeEach(() => h.connector.reset());

const CHANNEL = '19:general@thread.tacv2';
const card = (title: string) => renderInfoCard({ kind: 'info', lang: 'en', title, lines: ['line one'] });
const where = () => ({ serviceUrl: h.connector.serviceUrl, tenantId: TENANT, from: USERS.diane });

async function refs() {
  return h.db.db.prisma.conversationRef.findMany({
    where: { tenantId: TENANT },
    orderBy: { conversationId: 'asc' },
  });
}

describe('Teams conversation references and proactive cards', () => {
  it('stores a reference when the bot is added to a team, then sends a card there proactively', async () => {
    const added = botAdded({ ...where(), scope: 'channel', conversationId: CHANNEL, teamId: CHANNEL });
    expect((await h.post(added)).status).toBe(200);
    const row = (await refs()).find((r) => r.conversationId === CHANNEL);
    expect(row?.kind).toBe('channel');
    expect(row?.reference).toMatchObject({
      serviceUrl: h.connector.serviceUrl,
      conversation: { id: CHANNEL, conversationType: 'channel', tenantId: TENANT },
      bot: { id: '28:kpibot-app-id' },
    });
    expect(row?.reference).not.toHaveProperty('activityId');

    const { activityId } = await h.teams.notifier.sendCard(TENANT, CHANNEL, card('Monday digest'));
    const [sent] = h.connector.sent;
    // A new post in the channel (POST /v3/conversations/{id}/activities), not a reply to anything.
    expect(sent).toMatchObject({ kind: 'post', conversationId: CHANNEL, activityId: null });
    expect(activityId).toBe(sent?.id);
    expect(adaptiveCardOf(sent!.activity)?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(sent!.activity)).toContain('Monday digest');
  });

  it('updates a card in place and replies under a channel post', async () => {
    const { activityId } = await h.teams.notifier.sendCard(
      TENANT,
      CHANNEL,
      card('Alert: win rate below 40%'),
    );
    await h.teams.notifier.updateCard(TENANT, CHANNEL, activityId, card('Alert acknowledged'));
    await h.teams.notifier.replyInThread(TENANT, CHANNEL, activityId, 'Resolved after 2 h');
    const [, update, reply] = h.connector.sent;
    expect(update).toMatchObject({ kind: 'update', conversationId: CHANNEL, activityId });
    expect(cardText(update!.activity)).toContain('Alert acknowledged');
    expect(reply).toMatchObject({
      kind: 'reply',
      conversationId: `${CHANNEL};messageid=${activityId}`,
      activityId,
    });
    expect(reply?.activity.text).toBe('Resolved after 2 h');
  });

  it('retries a throttled send (429 then 201) without losing or doubling it', async () => {
    h.connector.failNextSends(1, 429, { 'Retry-After': '0' });
    await h.teams.notifier.sendCard(TENANT, CHANNEL, card('after one 429'));
    // Throttling that outlasts botbuilder's own retries, and a 429 without Retry-After (backoff).
    h.connector.failNextSends(6, 429, { 'Retry-After': '0' });
    await h.teams.notifier.sendCard(TENANT, CHANNEL, card('after six 429s'));
    h.connector.failNextSends(1, 429);
    await h.teams.notifier.sendCard(TENANT, CHANNEL, card('after a bare 429'));
    const throttled = h.connector.requests.filter((r) => r.status === 429);
    expect(throttled).toHaveLength(8);
    expect(h.connector.sent.map((s) => cardText(s.activity).split('\n')[0])).toEqual([
      'after one 429',
      'after six 429s',
      'after a bare 429',
    ]);
    expect(h.logs.some((l) => l.includes('retrying the send'))).toBe(true);
  });

  it('gives up after the policy’s attempts with the 429, and never retries a 403', async () => {
    h.connector.failNextSends(100, 429, { 'Retry-After': '0' });
    await expect(h.teams.notifier.sendCard(TENANT, CHANNEL, card('never'))).rejects.toMatchObject({
      statusCode: 429,
    });
    expect(h.connector.sent).toHaveLength(0);
    h.connector.reset();
    h.connector.failNextSends(1, 403);
    await expect(h.teams.notifier.sendCard(TENANT, CHANNEL, card('blocked'))).rejects.toMatchObject({
      statusCode: 403,
    });
    expect(h.connector.requests.filter((r) => r.status === 403)).toHaveLength(1);
  });

  it('stores group chats and personal installs, and forgets conversations the bot leaves', async () => {
    const group = 'a:group-chat-1';
    await h.post(botAdded({ ...where(), scope: 'groupChat', conversationId: group }));
    await h.post(
      installationUpdate('add', { ...where(), scope: 'personal', conversationId: 'a:personal-diane' }),
    );
    expect((await refs()).map((r) => [r.conversationId, r.kind])).toEqual(
      expect.arrayContaining([
        [group, 'groupChat'],
        ['a:personal-diane', 'personal'],
      ]),
    );
    await h.post(botRemoved({ ...where(), scope: 'groupChat', conversationId: group }));
    await h.post(
      installationUpdate('remove', { ...where(), scope: 'personal', conversationId: 'a:personal-diane' }),
    );
    const left = (await refs()).map((r) => r.conversationId);
    expect(left).not.toContain(group);
    expect(left).not.toContain('a:personal-diane');
    await expect(h.teams.notifier.sendCard(TENANT, group, card('x'))).rejects.toBeInstanceOf(
      UnknownConversationError,
    );
  });

  it('onTurnError: logs the failure with its context and tells the user, in their language', async () => {
    for (const [locale, apology] of [
      ['en-US', /Sorry, something went wrong/],
      ['fr-FR', /Désolé, quelque chose s’est mal passé/],
    ] as const) {
      h.connector.reset();
      h.logs.length = 0;
      h.connector.failNextSends(1, 403); // the answer cannot be posted
      const activity = teamsMessage('win rate last week', { ...where(), locale, conversationId: 'a:broken' });
      expect((await h.post(activity)).status).toBe(200);
      const [said] = await h.connector.waitForSent(1);
      expect(String(said?.activity.text)).toMatch(apology);
      const line = h.logs.find((l) => l.includes('Teams turn failed'));
      expect(line).toBeDefined();
      expect(JSON.parse(line!)).toMatchObject({
        activityType: 'message',
        conversationId: 'a:broken',
        tenantId: TENANT,
        statusCode: 403,
      });
    }
  });
});
