import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChatQuestion, chatAsk } from '../../../src/app/chat-ask.ts';
import type { ChatUserProfile } from '../../../src/app/chat-identity.ts';
import type { AppContext } from '../../../src/app/context.ts';
import { testContext } from '../../support/app-context.ts';
import { createTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { NOW, seedSalesTeam } from './sales-fixture.ts';

describe('chatAsk (platform-neutral chat use case)', () => {
  let t: TestDatabase;
  let ctx: AppContext;
  const tenantId = `chat-${randomBytes(4).toString('hex')}`;
  const profiles: Record<string, ChatUserProfile> = {
    UALICE: { email: 'Alice@Acme.test', locale: 'fr-FR', tz: 'Europe/Paris', name: 'alice' },
    UDIR: { email: 'dir@acme.test', locale: 'en-US', tz: 'Europe/Paris', name: 'diane' },
    USTRANGER: { email: 'someone@else.test', locale: 'en-US', tz: null, name: 'x' },
  };
  const lookups: string[] = [];
  const question = (userId: string, text: string, more: Partial<ChatQuestion> = {}): ChatQuestion => ({
    tenantId,
    platform: 'slack',
    user: {
      platform: 'slack',
      tenantId,
      userId,
      lookup: async () => {
        lookups.push(userId);
        if (userId === 'UBROKEN') throw new Error('slack is down');
        return profiles[userId] ?? null;
      },
    },
    conversation: { id: 'CSALES', kind: 'channel' },
    text,
    now: NOW,
    ...more,
  });

  beforeAll(async () => {
    t = await createTestDatabase('pglite');
    ctx = testContext(t.db);
    await seedSalesTeam(t.db, tenantId);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('maps the user to a rep by email, in their language, and looks them up once', async () => {
    const first = await chatAsk(ctx, question('UALICE', 'my win rate last week'));
    expect(first.result.kind).toBe('answer');
    if (first.result.kind !== 'answer') return;
    // The question's own language wins; the locale decides when the question does not tell.
    expect(first.result.answer.lang).toBe('en');
    const neutral = await chatAsk(ctx, question('UALICE', 'NPS'));
    expect(neutral.result.kind === 'answer' && neutral.result.answer.lang).toBe('fr');
    expect(first.result.answer.scope.rep).toBe('Alice Martin');
    expect(first.private).toBe(true); // rep-level figures in a shared channel
    await chatAsk(ctx, question('UALICE', 'win rate last week'));
    expect(lookups.filter((u) => u === 'UALICE')).toHaveLength(1);
    const alice = await t.db.prisma.rep.findFirst({ where: { tenantId, email: 'alice@acme.test' } });
    expect(alice?.slackUserId).toBe('UALICE');
  });

  it('answers team-level figures in the channel, rep-level ones in a DM', async () => {
    const team = await chatAsk(ctx, question('UALICE', 'win rate last week'));
    expect(team.private).toBe(false);
    const dm = await chatAsk(
      ctx,
      question('UALICE', 'my win rate last week', { conversation: { id: 'D1', kind: 'dm' } }),
    );
    expect(dm.private).toBe(false);
  });

  it('lets a channel opt in to rep-level detail', async () => {
    await t.db.prisma.tenant.update({
      where: { id: tenantId },
      data: { settings: { channels: { CSALES: { repDetail: true } } } },
    });
    try {
      expect((await chatAsk(ctx, question('UDIR', 'win rate by rep last week'))).private).toBe(false);
    } finally {
      await t.db.prisma.tenant.update({ where: { id: tenantId }, data: { settings: {} } });
    }
  });

  it('resolves a mentioned user through the platform', async () => {
    const reply = await chatAsk(
      ctx,
      question('UDIR', 'revenue signed last week for <@UZOE|zoe>', {
        resolveMention: async (id) =>
          id === 'UZOE'
            ? ((await t.db.prisma.rep.findFirst({ where: { tenantId, email: 'zoe@acme.test' } }))?.id ?? null)
            : null,
      }),
    );
    expect(
      reply.result.kind === 'answer' && [reply.result.answer.scope.rep, reply.result.answer.value],
    ).toEqual(['Zoé Roux', 2000]);
  });

  it('answers an unmapped user with team figures and a hint, even when the lookup fails', async () => {
    const stranger = await chatAsk(ctx, question('USTRANGER', 'win rate last week'));
    expect(stranger.identity.repId).toBeNull();
    expect(stranger.result.kind === 'answer' && stranger.result.answer.warnings.join(' ')).toMatch(
      /not mapped/,
    );
    const broken = await chatAsk(ctx, question('UBROKEN', 'win rate last week'));
    expect(broken.result.kind).toBe('answer');
    // A failed lookup is not cached: the next question asks the platform again.
    await chatAsk(ctx, question('UBROKEN', 'win rate last week'));
    expect(lookups.filter((u) => u === 'UBROKEN')).toHaveLength(2);
  });

  it('lets only an admin map a user by hand, and keeps the manual mapping', async () => {
    const refused = await chatAsk(ctx, question('UALICE', 'map <@USTRANGER|x> bob@acme.test'));
    expect(refused.result).toMatchObject({ kind: 'error', code: 'not_allowed' });
    const done = await chatAsk(ctx, question('UDIR', 'map <@USTRANGER|x> bob@acme.test'));
    expect(done.result).toMatchObject({ kind: 'info', lines: ['<@USTRANGER> is now Bob Durand.'] });
    const after = await chatAsk(ctx, question('USTRANGER', 'whoami'));
    expect(after.identity).toMatchObject({ manual: true });
    expect(after.result.kind === 'info' && after.result.title).toBe('Bob Durand');
  });
});
