import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, encodeActionValue } from '../../../src/slack/blocks/index.ts';
import { type SlackHarness, startSlackHarness } from './slack-harness.ts';
import { buttonClick, slashCommand, type Workspace } from './slack-payloads.ts';

const WS: Workspace = { teamId: 'T0ACME', botUserId: 'UKPIBOT' };
const TOKEN = 'xoxb-acme-single-workspace';

type Reply = {
  response_type?: string;
  text: string;
  blocks: { type: string; elements?: { action_id?: string; value?: string }[] }[];
};

function allText(reply: { text: string; blocks: unknown[] }): string {
  return `${reply.text}\n${JSON.stringify(reply.blocks)}`;
}

function buttons(reply: Reply) {
  return reply.blocks.flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []));
}

describe('/kpi over HTTP (single workspace, tenant "default")', () => {
  let h: SlackHarness;
  const kpi = async (text: string, userId = 'UDIANE', channelId = 'C0SALES') => {
    const responseUrl = h.fake.responseUrl();
    const res = await h.post(slashCommand(WS, { text, userId, channelId, responseUrl }));
    expect(res.status).toBe(200);
    const raw = await res.text();
    return { raw, reply: raw ? (JSON.parse(raw) as Reply) : null, responseUrl };
  };

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

  it('answers "win rate last week" in the ack, for the channel, looking the user up with users.info', async () => {
    const { reply } = await kpi('win rate last week');
    expect(reply?.response_type).toBe('in_channel');
    expect(allText(reply!)).toMatch(/50(\.0)?\s?%/);
    const lookup = h.fake.calls.find((c) => c.method === 'users.info' && c.params.user === 'UDIANE');
    expect(lookup?.params.include_locale).toBe('true');
    expect(lookup?.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('answers a French question in French', async () => {
    const { reply } = await kpi('taux de gain la semaine dernière', 'UMARC');
    expect(reply?.text).toMatch(/^Taux de gain/);
    expect(allText(reply!)).toMatch(/50\s?%/);
    expect(allText(reply!)).toMatch(/semaine précédente/);
  });

  it('sends rep-level figures in a channel privately, with a Share button that re-checks access', async () => {
    const { reply } = await kpi('win rate by rep last week');
    expect(reply?.response_type).toBe('ephemeral');
    const share = buttons(reply!).find((b) => b.action_id?.startsWith(ACTIONS.share));
    expect(share?.value).toBeTruthy();

    // The channel does not show rep detail: sharing is refused, privately.
    const refusedUrl = h.fake.responseUrl('share-refused');
    const click = (responseUrl: string) =>
      h.post(
        buttonClick(WS, {
          userId: 'UDIANE',
          channelId: 'C0SALES',
          actionId: share!.action_id!,
          value: share!.value!,
          responseUrl,
          ephemeral: true,
        }),
      );
    expect((await click(refusedUrl)).status).toBe(200);
    const refused = await h.fake.waitForResponse((r) => r.id === 'share-refused');
    expect(refused.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(allText(refused.body as Reply)).toMatch(/can't share rep-level figures here/i);

    // Once the channel opts in to rep detail, the same click posts the answer for everyone.
    await h.t.db.prisma.tenant.update({
      where: { id: 'default' },
      data: { settings: { channels: { C0SALES: { repDetail: true } } } },
    });
    try {
      expect((await click(h.fake.responseUrl('share-ok'))).status).toBe(200);
      const shared = await h.fake.waitForResponse((r) => r.id === 'share-ok');
      expect(shared.body).toMatchObject({ response_type: 'in_channel', replace_original: false });
      expect(allText(shared.body as Reply)).toMatch(/Alice Martin/);
    } finally {
      await h.t.db.prisma.tenant.update({ where: { id: 'default' }, data: { settings: {} } });
    }
  });

  it('resolves a mentioned colleague through users.info and keeps their figures private in a channel', async () => {
    const { reply } = await kpi('revenue signed last week for <@UBOB|bob>');
    expect(reply?.response_type).toBe('ephemeral');
    expect(reply?.text).toMatch(/Bob Durand/);
    expect(allText(reply!)).toMatch(/€500\b/);
    expect(h.fake.calls.some((c) => c.method === 'users.info' && c.params.user === 'UBOB')).toBe(true);
  });

  it('answers rep-level figures in a DM for everyone in it (no Share button)', async () => {
    const { reply } = await kpi('win rate by rep last week', 'UDIANE', 'D0DIANE');
    expect(reply?.response_type).toBe('in_channel');
    expect(buttons(reply!).some((b) => b.action_id?.startsWith(ACTIONS.share))).toBe(false);
  });

  it('re-asks by another breakdown from a button, through response_url', async () => {
    const responseUrl = h.fake.responseUrl('by-team');
    const res = await h.post(
      buttonClick(WS, {
        userId: 'UDIANE',
        channelId: 'C0SALES',
        actionId: `${ACTIONS.breakdown}:team`,
        value: encodeActionValue({ q: 'win rate last week', b: 'team' }),
        responseUrl,
      }),
    );
    expect(res.status).toBe(200);
    const posted = await h.fake.waitForResponse((r) => r.id === 'by-team');
    expect(posted.body).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(allText(posted.body as Reply)).toMatch(/Lyon/);
  });

  it('asks the previous period from a button', async () => {
    await h.post(
      buttonClick(WS, {
        userId: 'UDIANE',
        channelId: 'C0SALES',
        actionId: ACTIONS.previous,
        value: encodeActionValue({ q: 'win rate last week', p: 'previous' }),
        responseUrl: h.fake.responseUrl('previous'),
      }),
    );
    const posted = await h.fake.waitForResponse((r) => r.id === 'previous');
    expect(allText(posted.body as Reply)).toMatch(/25(\.0)?\s?%/); // 2 → 8 Nov: 1 won, 3 lost
  });

  it('answers help, lists alerts, and suggests metrics for nonsense — privately', async () => {
    const help = (await kpi('help')).reply!;
    expect(help.response_type).toBe('ephemeral');
    expect(allText(help)).toMatch(/win rate/i);
    const alerts = (await kpi('alerts')).reply!;
    expect(alerts.response_type).toBe('ephemeral');
    expect(allText(alerts)).toMatch(/No alert rules/);
    const nonsense = (await kpi('wim rote blorp')).reply!;
    expect(nonsense.response_type).toBe('ephemeral');
    expect(buttons(nonsense).some((b) => b.action_id?.startsWith(ACTIONS.suggest))).toBe(true);
    expect(allText(nonsense)).toMatch(/Win rate/);

    // A "did you mean" button asks the suggested metric.
    const suggestion = buttons(nonsense).find(
      (b) => b.action_id?.startsWith(ACTIONS.suggest) && /win rate/i.test(b.value ?? ''),
    )!;
    await h.post(
      buttonClick(WS, {
        userId: 'UDIANE',
        channelId: 'C0SALES',
        actionId: suggestion.action_id!,
        value: suggestion.value!,
        responseUrl: h.fake.responseUrl('suggested'),
      }),
    );
    const posted = await h.fake.waitForResponse((r) => r.id === 'suggested');
    expect(posted.body.response_type).toBe('in_channel');
    expect((posted.body as Reply).text).toMatch(/^Win rate/);
  });

  it('answers through response_url when the answer is not ready within the ack budget', async () => {
    const slow = await startSlackHarness({
      env: () => ({ SLACK_BOT_TOKEN: TOKEN }),
      tokens: {
        [TOKEN]: { teamId: WS.teamId, teamName: 'Acme', botUserId: WS.botUserId, botId: 'B0KPIBOT' },
      },
      seedTenants: ['default'],
      slack: { ackBudgetMs: 0 },
    });
    try {
      const responseUrl = slow.fake.responseUrl('slow');
      const res = await slow.post(
        slashCommand(WS, { text: 'win rate last week', userId: 'UDIANE', channelId: 'C0SALES', responseUrl }),
      );
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('');
      const posted = await slow.fake.waitForResponse((r) => r.id === 'slow');
      expect(posted.body.response_type).toBe('in_channel');
      expect(allText(posted.body as Reply)).toMatch(/50(\.0)?\s?%/);
    } finally {
      await slow.dispose();
    }
  });
});
