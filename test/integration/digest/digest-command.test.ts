import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../src/app/context.ts';
import { digestChatCommand } from '../../../src/app/digest/digest-chat-command.ts';
import { type DigestCommandEnv, runDigestCommand } from '../../../src/app/digest/digest-command.ts';
import {
  type DigestsFileError,
  loadDigestsFile,
  readDigestsFile,
} from '../../../src/app/digest/digests-file.ts';
import { listSubscriptions } from '../../../src/app/digest/subscriptions.ts';
import { resolveViewer } from '../../../src/app/viewer.ts';
import { testContext } from '../../support/app-context.ts';
import { createTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { seedSalesTeam } from '../answers/sales-fixture.ts';

const NOW = new Date('2026-11-18T09:00:00Z');

describe('/kpi digest in chat and KPIBOT_DIGESTS (PGlite)', () => {
  let t: TestDatabase;
  let ctx: AppContext;
  const tenantId = `digest-cmd-${randomBytes(4).toString('hex')}`;
  let fx: Awaited<ReturnType<typeof seedSalesTeam>>;
  const changed: string[] = [];

  beforeAll(async () => {
    t = await createTestDatabase('pglite');
    ctx = testContext(t.db);
    fx = await seedSalesTeam(t.db, tenantId);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const env = (over: Partial<DigestCommandEnv> = {}): DigestCommandEnv => ({
    tenantId,
    platform: 'slack',
    conversation: { id: 'C0SALES', kind: 'channel' },
    userId: 'U0MARC',
    repId: fx.reps.marc.id,
    lang: 'en',
    now: NOW,
    onSubscriptionsChanged: async (id) => void changed.push(id),
    ...over,
  });

  it('a manager subscribes a channel: schedule, scope, metrics and the next run are confirmed', async () => {
    const reply = await runDigestCommand(ctx, env(), 'subscribe monday 8:30 team:paris revenue, win rate');
    expect(reply.title).toBe('Digest scheduled');
    expect(reply.lines).toEqual([
      'In this channel, every Monday at 08:30 (Europe/Paris)',
      'Team: Paris',
      'Metrics: revenue_signed, win_rate',
      'Next: Mon 23 Nov 2026, 08:30 (Europe/Paris)',
      'See it now with `/kpi digest preview`.',
    ]);
    expect(changed).toEqual([tenantId]);
    const [sub] = await listSubscriptions(ctx.db.prisma, tenantId);
    expect(sub).toMatchObject({ target: 'C0SALES', isUser: false, cron: '30 8 * * 1', tz: 'Europe/Paris' });
    expect(sub!.scope).toMatchObject({ teamId: fx.teams.paris.id, teamName: 'Paris', source: 'chat' });
  });

  it('changing the time keeps the rest; list shows it; preview composes last week now', async () => {
    const reply = await runDigestCommand(ctx, env(), 'subscribe friday 17h');
    expect(reply.title).toBe('Digest updated');
    expect(reply.lines.slice(0, 3)).toEqual([
      'In this channel, every Friday at 17:00 (Europe/Paris)',
      'Team: Paris',
      'Metrics: revenue_signed, win_rate',
    ]);
    expect((await runDigestCommand(ctx, env(), 'list')).lines[0]).toMatch(/every Friday at 17:00/);
    const preview = await runDigestCommand(ctx, env(), 'preview');
    expect(preview.title).toBe('Weekly digest — Team Paris');
    expect(preview.digest?.kpis[0]?.value).toBe(4500);
    // Paris closed 3 won (Alice 2, Bob 1) and 4 lost (Alice 1, Bob 3, one at 00:30 on Monday in Paris).
    expect(preview.digest?.kpis[1]?.value).toBeCloseTo(3 / 7, 6);
    expect(preview.lines).toContain('*Revenue signed*: €4,500 — ▲ +1,025% vs previous week (€400)');
  });

  it('French: abonner, liste, aperçu, désabonner', async () => {
    const fr = env({ conversation: { id: 'C0FR', kind: 'channel' }, lang: 'fr' });
    const sub = await runDigestCommand(ctx, fr, 'abonner lundi 9h équipe:lyon');
    expect(sub.title).toBe('Résumé programmé');
    expect(sub.lines[0]).toBe('Dans ce canal, chaque lundi à 09:00 (Europe/Paris)');
    expect((await runDigestCommand(ctx, fr, 'liste')).lines[1]).toBe('Équipe : Lyon');
    expect((await runDigestCommand(ctx, fr, 'aperçu')).title).toBe('Résumé de la semaine — Équipe Lyon');
    expect((await runDigestCommand(ctx, fr, 'désabonner')).lines).toEqual([
      'Désabonné : plus de résumé ici.',
    ]);
    expect((await runDigestCommand(ctx, fr, 'liste')).lines[0]).toMatch(/^Aucun résumé/);
  });

  it('refusals say why: a rep in a channel, an unknown team, a bad zone, an unmapped user', async () => {
    const rep = env({ userId: 'U0BOB', repId: fx.reps.bob.id });
    expect((await runDigestCommand(ctx, rep, 'subscribe')).lines[0]).toMatch(/Only a manager or an admin/);
    expect((await runDigestCommand(ctx, env(), 'subscribe team:mars')).lines[0]).toMatch(
      /I don't know the team “mars”/,
    );
    expect((await runDigestCommand(ctx, env(), 'subscribe tz:Mars/Olympus')).lines[0]).toMatch(
      /not a time zone/,
    );
    expect((await runDigestCommand(ctx, env({ repId: null }), 'subscribe')).lines[0]).toMatch(
      /which rep you are/,
    );
    expect((await runDigestCommand(ctx, env(), 'subscribe blorb')).lines[0]).toMatch(/“blorb”/);
  });

  it('a rep subscribes themselves in a DM: their own digest, in their zone', async () => {
    const dm = env({
      conversation: { id: 'D0BOB', kind: 'dm' },
      userId: 'U0BOB',
      repId: fx.reps.bob.id,
      tz: 'America/New_York',
    });
    const reply = await runDigestCommand(ctx, dm, 'subscribe');
    expect(reply.lines[0]).toBe('To you by DM, every Monday at 08:30 (America/New_York)');
    const preview = await runDigestCommand(ctx, dm, 'preview');
    expect(preview.digest?.title).toBe('Your week — Bob Durand');
    // In New York the week ends Monday 05:00 UTC: Alice's 1,500 signed Sunday 23:30 UTC is in Paris's total.
    expect(preview.digest?.kpis[0]).toMatchObject({
      name: 'revenue_signed',
      value: 500,
      teamText: 'Team Paris: €6,000',
    });
    const subs = await listSubscriptions(ctx.db.prisma, tenantId);
    expect(subs.find((s) => s.isUser)).toMatchObject({ target: 'U0BOB', tz: 'America/New_York' });
  });

  it('KPIBOT_DIGESTS: validated with every problem named, applied, and replaced by the next version of the file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kpibot-digests-'));
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      'digests:\n  - platform: slack\n    schedule: someday\n    metrics: [revenue_signed, nope]\n  - platform: email\n    channel: C1\n',
    );
    let error: DigestsFileError | undefined;
    try {
      readDigestsFile(bad, ctx.catalog);
    } catch (e) {
      error = e as DigestsFileError;
    }
    expect(error?.problems).toEqual([
      "digests[0]: give either channel (a channel's digest) or user (a DM), not neither",
      'digests[1].platform: must be slack or teams',
    ]);
    const good = path.join(dir, 'digests.yaml');
    writeFileSync(
      good,
      `digests:\n  - tenant: ${tenantId}\n    platform: slack\n    channel: C0FILE\n    schedule: weekdays 9:00\n    team: Lyon\n    metrics: [revenue_signed, deals_won]\n    dm_reps: true\n  - tenant: ${tenantId}\n    platform: teams\n    user: 29:zoe\n    cron: "0 7 * * 1"\n    tz: Asia/Tokyo\n`,
    );
    expect(await loadDigestsFile(ctx, good, 'default')).toEqual({ upserted: 2, removed: 0 });
    const fromFile = (await listSubscriptions(ctx.db.prisma, tenantId)).filter(
      (s) => s.scope.source === 'file',
    );
    expect(
      fromFile.map((s) => [s.platform, s.target, s.cron, s.tz, s.scope.teamName ?? null, s.scope.dmReps]),
    ).toEqual([
      ['slack', 'C0FILE', '0 9 * * 1-5', 'Europe/Paris', 'Lyon', true],
      ['teams', 'user:29:zoe', '0 7 * * 1', 'Asia/Tokyo', null, false],
    ]);
    writeFileSync(good, `- tenant: ${tenantId}\n  platform: slack\n  channel: C0FILE\n`);
    expect(await loadDigestsFile(ctx, good, 'default')).toEqual({ upserted: 1, removed: 1 });
    // Chat subscriptions are not the file's to remove.
    expect((await listSubscriptions(ctx.db.prisma, tenantId)).some((s) => s.target === 'C0SALES')).toBe(true);
    writeFileSync(good, `- tenant: ${tenantId}\n  platform: slack\n  channel: C0X\n  team: Atlantis\n`);
    await expect(loadDigestsFile(ctx, good, 'default')).rejects.toThrow(
      /digests\[0\]\.team: I don't know the team “Atlantis”/,
    );
  });
});

describe('the digest command in the chat-command registry shape', () => {
  let t: TestDatabase;
  let ctx: AppContext;
  const tenantId = `digest-chat-${randomBytes(4).toString('hex')}`;
  let fx: Awaited<ReturnType<typeof seedSalesTeam>>;

  beforeAll(async () => {
    t = await createTestDatabase('pglite');
    ctx = testContext(t.db);
    fx = await seedSalesTeam(t.db, tenantId);
    await t.db.prisma.rep.update({ where: { id: fx.reps.bob.id }, data: { slackUserId: 'U0BOB' } });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('a DM subscription targets the rep’s Slack user id; the terminal previews or points to kpibot digest', async () => {
    const identity = await resolveViewer(ctx.db.prisma, tenantId, { repId: fx.reps.bob.id });
    const reply = await digestChatCommand(ctx, 'subscribe', {
      tenantId,
      platform: 'slack',
      conversation: { id: 'D0BOB', kind: 'dm' },
      identity,
      actor: fx.reps.bob.id,
      lang: 'en',
      now: NOW,
    });
    expect(reply).toMatchObject({ kind: 'info', title: 'Digest scheduled' });
    expect((await listSubscriptions(ctx.db.prisma, tenantId))[0]).toMatchObject({
      target: 'U0BOB',
      isUser: true,
    });
    const terminal = {
      tenantId,
      platform: null,
      conversation: null,
      identity,
      actor: 'cli',
      lang: 'en' as const,
      now: NOW,
    };
    expect(await digestChatCommand(ctx, 'subscribe', terminal)).toMatchObject({
      lines: [expect.stringMatching(/kpibot digest/)],
    });
    expect(await digestChatCommand(ctx, 'preview', terminal)).toMatchObject({
      title: 'Weekly digest — Fixture',
    });
  });
});
