import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateAlerts } from '../../../src/app/alerts/index.ts';
import { type ChatQuestion, type ChatReply, chatAsk } from '../../../src/app/chat-ask.ts';
import { pressAlertButton } from '../../../src/app/chat-commands/alert-buttons.ts';
import type { ChatUserProfile } from '../../../src/app/chat-identity.ts';
import type { AppContext } from '../../../src/app/context.ts';
import { askInTerminal } from '../../../src/cli/terminal-ask.ts';
import { testContext } from '../../support/app-context.ts';
import { createTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { NOW, seedSalesTeam } from '../answers/sales-fixture.ts';

/**
 * `/kpi alerts …` and `/kpi why …` through chatAsk, as Slack and Teams run them, on the hand-checked sales team
 * (Paris: Alice and Bob reps, Marc their manager; Lyon: Zoé; Diane admin). Last 7 complete days before "now"
 * (11 → 17 Nov, Paris): team Paris won 3 deals and lost 3, a 50 % win rate.
 */
describe('alert chat commands', () => {
  let t: TestDatabase;
  let ctx: AppContext;
  const tenantId = `alerts-chat-${randomBytes(4).toString('hex')}`;
  const profiles: Record<string, ChatUserProfile> = {
    UALICE: { email: 'alice@acme.test', locale: 'en-US', tz: 'Europe/Paris', name: 'alice' },
    UBOB: { email: 'bob@acme.test', locale: 'fr-FR', tz: 'Europe/Paris', name: 'bob' },
    UMARC: { email: 'marc@acme.test', locale: 'en-GB', tz: 'Europe/Paris', name: 'marc' },
    UDIANE: { email: 'dir@acme.test', locale: 'en-US', tz: 'Europe/Paris', name: 'diane' },
    USTRANGER: { email: 'someone@else.test', locale: 'en-US', tz: null, name: 'x' },
  };
  const user = (userId: string) => ({
    platform: 'slack' as const,
    tenantId,
    userId,
    lookup: async () => profiles[userId] ?? null,
  });
  const kpi = (userId: string, text: string, more: Partial<ChatQuestion> = {}): Promise<ChatReply> =>
    chatAsk(ctx, {
      tenantId,
      platform: 'slack',
      user: user(userId),
      conversation: { id: 'C0SALES', kind: 'channel' },
      text,
      now: NOW,
      ...more,
    });
  const info = (reply: ChatReply) => {
    if (reply.result.kind !== 'info') throw new Error(`expected info, got ${JSON.stringify(reply.result)}`);
    return reply.result;
  };
  const error = (reply: ChatReply) => {
    if (reply.result.kind !== 'error')
      throw new Error(`expected an error, got ${JSON.stringify(reply.result)}`);
    return reply.result;
  };
  const liveRules = () => t.db.prisma.alertRule.findMany({ where: { tenantId, deletedAt: null } });

  beforeAll(async () => {
    t = await createTestDatabase('pglite');
    ctx = testContext(t.db);
    await seedSalesTeam(t.db, tenantId);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('adds a rule from a manager: stored with this channel as its route, answered in words with an 8-week preview', async () => {
    const reply = await kpi('UMARC', 'alerts add win rate below 60% team Paris');
    expect(reply.private).toBe(true);
    const r = info(reply);
    expect(r.title).toBe('Alert rule created: win rate below 60% team Paris');
    const text = r.lines.join('\n');
    expect(text).toContain('Alerts when Win rate (team Paris) over 7 days goes below 60%.');
    expect(text).toContain('Tells: here');
    expect(text).toContain('*Over the last 8 weeks it would have:*');
    const marc = await t.db.prisma.rep.findFirstOrThrow({ where: { tenantId, email: 'marc@acme.test' } });
    const [rule] = await liveRules();
    expect(rule).toMatchObject({
      name: 'win rate below 60% team Paris',
      kind: 'threshold',
      metric: 'win_rate',
      createdBy: marc.id,
      source: 'chat',
      routing: [{ to: 'channel', platform: 'slack', id: 'C0SALES' }],
    });
    // The preview's own lines follow the heading (whatever the rule would have done).
    const heading = r.lines.indexOf('*Over the last 8 weeks it would have:*');
    expect(r.lines.length).toBeGreaterThan(heading + 2);
    expect(text).toContain(`\`/kpi alerts mute ${rule!.id.slice(0, 8)}\``);
  });

  it('answers a rule it cannot read with a short message and an example, and stores nothing', async () => {
    const before = (await liveRules()).length;
    const unknown = error(await kpi('UMARC', 'alerts add blorp wibble drops 20%'));
    expect(unknown.code).toBe('bad_rule');
    expect(unknown.message).toMatch(/For example: `\/kpi alerts add .+`/);
    const noCondition = error(await kpi('UMARC', 'alerts add win rate team Paris'));
    expect(noCondition.message).toMatch(/When should it alert\?/);
    const typo = error(await kpi('UMARC', 'alerts win rate drops 20%'));
    expect(typo.message).toContain('`/kpi alerts add win rate drops 20%`');
    const unknownTeam = error(
      await kpi('UMARC', 'alerts add win rate drops 20% vs previous week team Atlantis'),
    );
    expect(unknownTeam.message).toMatch(/Atlantis/);
    expect((await liveRules()).length).toBe(before);
  });

  it('speaks French: alertes ajouter, and the French answer', async () => {
    const r = info(
      await kpi(
        'UMARC',
        'alertes ajouter taux de réussite baisse de 20 % vs semaine précédente équipe Paris',
      ),
    );
    expect(r.lang).toBe('fr');
    expect(r.title).toMatch(/^Règle d’alerte créée : /);
    expect(r.lines.join('\n')).toContain('Alerte quand Taux de gain (équipe Paris) baisse de 20');
    expect(r.lines.join('\n')).toContain('*Sur les 8 dernières semaines, elle aurait :*');
  });

  it('lets a rep set alerts on their own figures only, delivered to them by DM', async () => {
    const own = info(await kpi('UALICE', 'alerts add my revenue signed pace < 80% monthly'));
    expect(own.lines.join('\n')).toContain("A rep's alerts on their own figures come to them by DM.");
    const rule = (await liveRules()).find((r) => r.name === 'my revenue signed pace < 80% monthly');
    expect(rule?.routing).toEqual([{ to: 'owner' }]);
    expect(rule?.scope).toEqual({ rep: 'alice@acme.test' });
    const team = error(await kpi('UALICE', 'alerts add win rate drops 20% vs previous week team Paris'));
    expect(team.code).toBe('not_allowed');
    expect(team.message).toMatch(/your own figures/);
  });

  it('refuses a manager another team, and an unmapped user everything', async () => {
    const lyon = error(await kpi('UMARC', 'alerts add win rate drops 20% vs previous week team Lyon'));
    expect(lyon.code).toBe('not_allowed');
    expect(lyon.message).toMatch(/teams you manage/);
    const stranger = error(await kpi('USTRANGER', 'alerts add win rate drops 20% vs previous week'));
    expect(stranger.code).toBe('not_allowed');
    expect(stranger.message).toMatch(/\/kpi map/);
    // An admin may set company-wide rules on every rep.
    info(await kpi('UDIANE', 'alerts add win rate by rep drops 30% vs previous week to #C0SALES'));
  });

  it('lists the rules the asker may see, with ids', async () => {
    const marc = info(await kpi('UMARC', 'alerts'));
    const text = marc.lines.join('\n');
    expect(text).toContain('*win rate below 60% team Paris*');
    expect(text).toContain('*my revenue signed pace < 80% monthly*'); // a rep of his team
    // Every rep of the company is beyond a team manager's view.
    expect(text).not.toContain('win rate by rep drops 30%');
    const zoe = await t.db.prisma.rep.findFirstOrThrow({ where: { tenantId, name: 'Zoé Roux' } });
    await t.db.prisma.rep.update({ where: { id: zoe.id }, data: { email: 'zoe@acme.test' } });
    profiles.UZOE = { email: 'zoe@acme.test', locale: 'fr-FR', tz: 'Europe/Paris', name: 'zoe' };
    const fr = info(await kpi('UZOE', 'alertes liste'));
    expect(fr.lines.join('\n')).not.toContain('my revenue signed'); // Alice's own figures
    expect(fr.lines.join('\n')).toContain('win rate below 60% team Paris'); // team aggregates are visible
  });

  it('mutes, unmutes and deletes by id prefix or name, for those allowed', async () => {
    const rule = (await liveRules()).find((r) => r.name === 'win rate below 60% team Paris')!;
    const id = rule.id.slice(0, 8);
    const denied = error(await kpi('UALICE', `alerts mute ${id}`));
    expect(denied.code).toBe('not_allowed');
    const muted = info(await kpi('UMARC', `alerts mute ${id}`));
    expect(muted.title).toBe('Rule muted: win rate below 60% team Paris');
    expect((await t.db.prisma.alertRule.findUniqueOrThrow({ where: { id: rule.id } })).muted).toBe(true);
    expect(info(await kpi('UMARC', 'alertes réactiver win rate below 60% team Paris')).title).toMatch(
      /^Règle réactivée/,
    );
    expect((await t.db.prisma.alertRule.findUniqueOrThrow({ where: { id: rule.id } })).muted).toBe(false);
    expect(error(await kpi('UMARC', 'alerts mute nope-nope')).code).toBe('unknown_rule');
    expect(error(await kpi('UMARC', 'alerts delete')).message).toMatch(/Which rule\?/);
    // Alice deletes her own rule (she created it).
    const own = (await liveRules()).find((r) => r.name === 'my revenue signed pace < 80% monthly')!;
    expect(info(await kpi('UALICE', `alerts delete ${own.id.slice(0, 8)}`)).title).toMatch(/^Rule deleted/);
    expect(
      (await t.db.prisma.alertRule.findUniqueOrThrow({ where: { id: own.id } })).deletedAt,
    ).not.toBeNull();
  });

  it('explains an alert with /kpi why, and refuses those who may not see it', async () => {
    const rule = (await liveRules()).find((r) => r.name === 'win rate below 60% team Paris')!;
    await evaluateAlerts(ctx, tenantId, { now: NOW, ruleIds: [rule.id] });
    const state = await t.db.prisma.alertState.findFirstOrThrow({ where: { tenantId, ruleId: rule.id } });
    expect(state.state).toBe('firing');
    const alertId = state.id.slice(0, 8);
    const why = info(await kpi('UMARC', `why ${alertId}`));
    expect(why.title).toBe(`Why ${alertId}: win rate below 60% team Paris`);
    const text = why.lines.join('\n');
    expect(text).toMatch(/Win rate .*50\s?%/);
    expect(text).toContain('Threshold: 60%');
    expect(text).toContain('*Last evaluation*');
    expect(text).toMatch(/`fired`|fired/);
    expect(text).toContain('*Recent history*');
    const fr = info(await kpi('UBOB', `pourquoi ${alertId}`));
    expect(fr.title).toMatch(/^Pourquoi /);
    expect(error(await kpi('UMARC', 'why 0000000000')).code).toBe('unknown_alert');
    expect(error(await kpi('UMARC', 'why')).message).toMatch(/Which alert\?/);
    // A rule about one rep is hers (and her manager's) to read.
    info(await kpi('UALICE', 'alerts add my win rate below 90%'));
    const hers = (await liveRules()).find((r) => r.name === 'my win rate below 90%')!;
    expect(error(await kpi('UBOB', `why ${hers.id.slice(0, 8)}`)).code).toBe('not_allowed');
    expect(info(await kpi('UMARC', `why ${hers.id.slice(0, 8)}`)).lines.join('\n')).toContain(
      'This rule has not fired.',
    );
  });

  it('acknowledges and snoozes from a button for those allowed, with the rep name on the message', async () => {
    const rule = (await liveRules()).find((r) => r.name === 'win rate below 60% team Paris')!;
    const state = await t.db.prisma.alertState.findFirstOrThrow({ where: { tenantId, ruleId: rule.id } });
    const press = (userId: string, action: 'ack' | 'snooze', days?: number) =>
      pressAlertButton(ctx, {
        tenantId,
        platform: 'slack',
        user: user(userId),
        conversation: { id: 'C0SALES', kind: 'channel' },
        stateId: state.id,
        action,
        days,
        now: NOW,
      });
    const refused = await press('UALICE', 'ack');
    expect(refused).toMatchObject({ ok: false, code: 'not_allowed', lang: 'en' });
    const frRefused = await press('UBOB', 'snooze', 1);
    expect(frRefused.ok === false && frRefused.message).toMatch(/^Seuls le commercial concerné/);
    const snoozed = await press('UMARC', 'snooze', 7);
    expect(snoozed.ok && snoozed.view.snoozedUntil).toBe(
      new Date(NOW.getTime() + 7 * 86_400_000).toISOString(),
    );
    const acked = await press('UMARC', 'ack');
    expect(acked.ok && acked.view.acked?.by).toBe('Marc Petit');
    const row = await t.db.prisma.alertState.findUniqueOrThrow({ where: { id: state.id } });
    expect(row.ackedBy).toBe('Marc Petit');
    const events = await t.db.prisma.alertEvent.findMany({
      where: { tenantId, ruleId: rule.id, type: { in: ['acked', 'snoozed'] } },
    });
    expect(events.map((e) => e.type).sort()).toEqual(['acked', 'snoozed']);
  });

  it('runs the same commands in the terminal, as the system, where a rule must say where to tell', async () => {
    const list = await askInTerminal(ctx, {
      tenantId,
      text: 'alerts list',
      user: { system: true },
      now: NOW,
    });
    expect(list.kind === 'info' && list.lines.join('\n')).toContain('win rate by rep drops 30%');
    const noRoute = await askInTerminal(ctx, {
      tenantId,
      text: 'alerts add leads drops 50% vs previous week',
      user: { system: true },
      now: NOW,
    });
    expect(noRoute).toMatchObject({ kind: 'error', code: 'no_route' });
    expect(noRoute.kind === 'error' && noRoute.message).toContain(
      '`alerts add leads drops 50% vs previous week to #sales`',
    );
    const digest = await askInTerminal(ctx, { tenantId, text: 'digest', user: { system: true }, now: NOW });
    // The digest command is registered too: in the terminal it answers (a preview or where to find it), never "coming".
    expect(digest.kind).not.toBe('command');
  });
});
