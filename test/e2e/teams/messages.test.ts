import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CARD_ACTIONS } from '../../../src/teams/cards/index.ts';
import { BOT, mentionEntity, teamsMessage } from './activities.ts';
import { adaptiveCardOf, cardText, startTeamsHarness, TENANT, type TeamsHarness, USERS } from './harness.ts';

let h: TeamsHarness;

beforeAll(async () => {
  h = await startTeamsHarness();
}, 30_000);
afterAll(async () => h?.close());
beforeEach(() => h.connector.reset());

const ask = (text: string, o: Partial<Parameters<typeof teamsMessage>[1]> = {}) =>
  teamsMessage(text, { serviceUrl: h.connector.serviceUrl, tenantId: TENANT, from: USERS.diane, ...o });

async function askAndReply(activity: Record<string, unknown>) {
  const res = await h.post(activity);
  expect(res.status).toBe(200);
  const [reply] = await h.connector.waitForSent(1);
  return reply!;
}

describe('Teams messages → Adaptive Card answers (auth off, fake Bot Connector)', () => {
  it('looks the asker up in the conversation roster once, then uses the cached identity', async () => {
    const first = ask('win rate last week', { from: USERS.alice, conversationId: 'a:alice-dm' });
    await askAndReply(first);
    const lookups = () =>
      h.connector.requests
        .filter((r) => r.method === 'GET' && r.path.includes('/members/'))
        .map((r) => decodeURIComponent(r.path));
    expect(lookups()).toEqual(['/v3/conversations/a:alice-dm/members/29:1alice']);
    h.connector.reset();
    await askAndReply(ask('win rate last week', { from: USERS.alice, conversationId: 'a:alice-dm' }));
    expect(lookups()).toEqual([]);
  });

  // The fixture has deals but no leads: conversion (leads converted ÷ qualified) honestly has no data.
  it.each([
    ['win rate last week', /Win rate — last week/, /^50%$/m],
    ['conversion last week', /Conversion rate — last week/, /No data for this period/],
  ])('answers "%s" with the figure in a card replying to the message', async (question, label, figure) => {
    const activity = ask(question);
    const reply = await askAndReply(activity);
    const conversation = activity.conversation as { id: string };
    expect(reply.kind).toBe('reply');
    expect(reply.conversationId).toBe(conversation.id);
    expect(reply.activityId).toBe(activity.id);
    const card = adaptiveCardOf(reply.activity);
    expect(card?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card?.content.type).toBe('AdaptiveCard');
    const text = cardText(reply.activity);
    expect(text).toMatch(label);
    expect(text).toMatch(figure);
    expect(text).toContain('9 Nov 2026 → 15 Nov 2026 (Europe/Paris)');
  });

  it('strips the bot @mention in a channel and replies in the thread', async () => {
    const channel = '19:sales@thread.tacv2';
    const activity = ask('<at>kpibot</at> win rate last week', {
      from: USERS.bob,
      scope: 'channel',
      conversationId: `${channel};messageid=1700000000001`,
      teamId: '19:team@thread.tacv2',
      entities: [mentionEntity(BOT)],
    });
    const reply = await askAndReply(activity);
    expect(reply.conversationId).toBe(`${channel};messageid=1700000000001`);
    expect(reply.activityId).toBe(activity.id);
    expect(cardText(reply.activity)).toContain('50%');
    // The asker was looked up in the team's roster (GET /v3/conversations/{teamId}/members/{userId}).
    const lookup = h.connector.requests.find((r) => r.method === 'GET' && r.path.includes('/members/'));
    expect(decodeURIComponent(lookup?.path ?? '')).toBe(
      '/v3/conversations/19:team@thread.tacv2/members/29:1bob',
    );
    const saved = await h.db.db.prisma.conversationRef.findUnique({
      where: { tenantId_conversationId: { tenantId: TENANT, conversationId: channel } },
    });
    expect(saved?.kind).toBe('channel');
  });

  it('answers a French question in French', async () => {
    const reply = await askAndReply(ask('taux de réussite la semaine dernière', { locale: 'fr-FR' }));
    const text = cardText(reply.activity);
    expect(text).toMatch(/50\s?%/);
    expect(text).toMatch(/semaine/i);
  });

  it('a card button (Action.Submit value) asks again with a breakdown and replies with a new card', async () => {
    const value = { kpiAction: CARD_ACTIONS.breakdown, q: 'win rate last week', b: 'team' };
    const reply = await askAndReply(ask('', { value }));
    expect(reply.kind).toBe('reply');
    const text = cardText(reply.activity);
    expect(text).toContain('Lyon');
    expect(text).toContain('Paris');
    expect(text).toContain('50%');
  });

  it('a previous-period button answers the week before (25 %)', async () => {
    const value = { kpiAction: CARD_ACTIONS.previous, q: 'win rate last week', p: 'previous' };
    const reply = await askAndReply(ask('', { value }));
    expect(cardText(reply.activity)).toContain('25%');
  });

  it('ignores a card submit that is not one of ours', async () => {
    const res = await h.post(ask('', { value: { something: 'else' } }));
    expect(res.status).toBe(200);
    expect(h.connector.sent).toHaveLength(0);
  });

  it('maps another user’s @mention to their rep through the roster', async () => {
    // Zoé has never talked to the bot: only the roster (her email) tells who she is.
    const activity = ask('win rate last week for <at>Zoé Roux</at>', {
      entities: [mentionEntity(USERS.zoe)],
      conversationId: 'a:diane-dm',
    });
    const reply = await askAndReply(activity);
    // Zoé last week: 1 won, 0 lost → 100 %.
    const text = cardText(reply.activity);
    expect(text).toContain('100%');
    expect(text).toContain('Zoé Roux');
    expect(h.connector.requests.some((r) => decodeURIComponent(r.path).endsWith('/members/29:1zoe'))).toBe(
      true,
    );
  });

  it('sends rep-level figures asked in a group chat privately, with a note in the chat', async () => {
    const group = ask('<at>kpibot</at> win rate by rep last week', {
      from: USERS.marc,
      scope: 'groupChat',
      entities: [mentionEntity(BOT)],
    });
    const res = await h.post(group);
    expect(res.status).toBe(200);
    const sent = await h.connector.waitForSent(2);
    const note = sent.find((s) => s.conversationId === (group.conversation as { id: string }).id);
    expect(note?.activity.attachments ?? []).toHaveLength(0);
    expect(String(note?.activity.text)).toMatch(/privately/);
    const card = sent.find((s) => s !== note);
    expect(card?.conversationId).not.toBe((group.conversation as { id: string }).id);
    expect(cardText(card!.activity)).toContain('Alice Martin');
    // The 1:1 chat was opened with the asker, and remembered for next time.
    expect(h.connector.created[0]?.body).toMatchObject({ isGroup: false, members: [{ id: USERS.marc.id }] });
    const personal = await h.db.db.prisma.conversationRef.findMany({
      where: { tenantId: TENANT, kind: 'personal' },
    });
    expect(personal.map((r) => r.conversationId)).toContain(card?.conversationId);

    // Next time the stored 1:1 chat is used: no new conversation.
    h.connector.reset();
    expect((await h.post({ ...group, id: 'second' })).status).toBe(200);
    const again = await h.connector.waitForSent(2);
    expect(h.connector.created).toHaveLength(0);
    expect(again.map((s) => s.conversationId)).toContain(card?.conversationId);
  });

  it('rejects a body that is not JSON, and refuses a non-local serviceUrl while unauthenticated', async () => {
    const bad = await fetch(h.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(bad.status).toBe(400);
    const remote = await h.post(
      ask('win rate last week', { serviceUrl: 'https://smba.trafficmanager.net/emea/' }),
    );
    expect(remote.status).toBe(403);
    expect(h.connector.sent).toHaveLength(0);
  });
});
