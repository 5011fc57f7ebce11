import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackHarness, startSlackHarness } from './slack-harness.ts';
import { eventCallback, type Workspace } from './slack-payloads.ts';

const GLOBEX: Workspace = { teamId: 'T0GLOBEX', botUserId: 'UGLOBEXBOT' };
const INITECH: Workspace = { teamId: 'T0INITECH', botUserId: 'UINITECHBOT' };
const GLOBEX_TOKEN = 'xoxb-1111-globex-secret-token';
const INITECH_TOKEN = 'xoxb-2222-initech-secret-token';

describe('multi-workspace OAuth: install, tenant per workspace, encrypted tokens, uninstall', () => {
  let h: SlackHarness;

  const install = async (code: string) => {
    const start = await fetch(h.url('/slack/install'), { redirect: 'manual' });
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location') ?? '');
    expect(`${authorize.origin}${authorize.pathname}`).toBe('https://slack.com/oauth/v2/authorize');
    expect(authorize.searchParams.get('client_id')).toBe('1234.5678');
    expect(authorize.searchParams.get('scope')).toContain('commands');
    const state = authorize.searchParams.get('state') ?? '';
    const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toBe(`slack-app-oauth-state=${state}`);
    return fetch(h.url(`/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`), {
      headers: { cookie },
    });
  };
  const mention = (ws: Workspace, ts: string) =>
    h.post(
      eventCallback(ws, {
        type: 'app_mention',
        user: 'UDIANE',
        text: `<@${ws.botUserId}> win rate last week`,
        ts,
        channel: 'C0SALES',
        event_ts: ts,
      }),
    );

  beforeAll(async () => {
    h = await startSlackHarness({
      env: () => ({
        SLACK_CLIENT_ID: '1234.5678',
        SLACK_CLIENT_SECRET: 'client-secret-abc',
        SLACK_STATE_SECRET: 'state-secret-xyz',
        KPIBOT_ENCRYPTION_KEY: '0f'.repeat(32),
      }),
      tokens: {
        [GLOBEX_TOKEN]: {
          teamId: GLOBEX.teamId,
          teamName: 'Globex',
          botUserId: GLOBEX.botUserId,
          botId: 'BGLOBEX',
        },
        [INITECH_TOKEN]: {
          teamId: INITECH.teamId,
          teamName: 'Initech',
          botUserId: INITECH.botUserId,
          botId: 'BINIT',
        },
      },
      grants: {
        'code-globex': { token: GLOBEX_TOKEN, installerUserId: 'UDIANE' },
        'code-initech': { token: INITECH_TOKEN, installerUserId: 'UDIANE' },
      },
      seedTenants: [GLOBEX.teamId],
    });
  });
  afterAll(async () => {
    await h?.dispose();
  });

  it('mounts the install routes and no single-workspace token', () => {
    expect(h.slack.routes.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /slack/events',
      'GET /slack/install',
      'GET /slack/oauth_redirect',
    ]);
  });

  it('refuses a callback whose state is not this browser’s, storing nothing', async () => {
    const res = await fetch(h.url('/slack/oauth_redirect?code=code-globex&state=forged'), {
      headers: { cookie: 'slack-app-oauth-state=other' },
    });
    expect(res.status).toBe(400);
    expect(await h.t.db.prisma.installation.count()).toBe(0);
  });

  it('stores the installation encrypted, for the workspace’s tenant', async () => {
    const res = await install('code-globex');
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/installed in Globex/);
    const exchange = h.fake.calls.find((c) => c.method === 'oauth.v2.access');
    expect(exchange?.params).toMatchObject({ code: 'code-globex', client_id: '1234.5678' });
    const rows = await h.t.db.prisma.installation.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      tenantId: GLOBEX.teamId,
      teamId: GLOBEX.teamId,
      isEnterprise: false,
      botUserId: GLOBEX.botUserId,
      botId: 'BGLOBEX',
    });
    expect(rows[0]?.encryptedData).not.toContain(GLOBEX_TOKEN);
    expect(rows[0]?.encryptedData).not.toContain('globex');
  });

  it('creates the tenant of a newly installed workspace with the configured defaults', async () => {
    expect((await install('code-initech')).status).toBe(200);
    const tenant = await h.t.db.prisma.tenant.findUnique({ where: { id: INITECH.teamId } });
    expect(tenant).toMatchObject({ name: 'Initech', tz: 'Europe/Paris' });
  });

  it('answers an event of an installed workspace with that workspace’s own token and data', async () => {
    expect((await mention(GLOBEX, '1763457000.000100')).status).toBe(200);
    const posted = await h.fake.waitForCall(
      (c) => c.method === 'chat.postMessage' && c.params.thread_ts === '1763457000.000100',
    );
    expect(posted.authorization).toBe(`Bearer ${GLOBEX_TOKEN}`);
    expect(`${posted.params.text}${JSON.stringify(posted.params.blocks)}`).toMatch(/50(\.0)?\s?%/);
    const identity = await h.t.db.prisma.chatIdentity.findFirst({
      where: { tenantId: GLOBEX.teamId, userId: 'UDIANE' },
    });
    expect(identity?.email).toBe('dir@acme.test');
  });

  it('forgets the identities of users whose tokens are revoked', async () => {
    await h.post(eventCallback(GLOBEX, { type: 'tokens_revoked', tokens: { oauth: ['UDIANE'] } }));
    await expect
      .poll(() => h.t.db.prisma.chatIdentity.count({ where: { tenantId: GLOBEX.teamId, userId: 'UDIANE' } }))
      .toBe(0);
    expect(await h.t.db.prisma.installation.count({ where: { tenantId: GLOBEX.teamId } })).toBe(1);
  });

  it('removes the installation on app_uninstalled, after which the workspace’s events are not answered', async () => {
    await h.post(eventCallback(GLOBEX, { type: 'app_uninstalled' }));
    await expect.poll(() => h.t.db.prisma.installation.count({ where: { tenantId: GLOBEX.teamId } })).toBe(0);
    expect(await h.t.db.prisma.installation.count({ where: { tenantId: INITECH.teamId } })).toBe(1);
    const before = h.fake.calls.length;
    expect((await mention(GLOBEX, '1763457100.000100')).status).toBe(200);
    // Initech, still installed, is answered — and Globex's event before it was not.
    await mention(INITECH, '1763457100.000200');
    const initech = await h.fake.waitForCall(
      (c) => c.method === 'chat.postMessage' && c.params.thread_ts === '1763457100.000200',
    );
    expect(initech.authorization).toBe(`Bearer ${INITECH_TOKEN}`);
    expect(h.fake.calls.slice(before).some((c) => c.authorization === `Bearer ${GLOBEX_TOKEN}`)).toBe(false);
  });

  it('removes the installation when the bot token is revoked', async () => {
    await h.post(eventCallback(INITECH, { type: 'tokens_revoked', tokens: { bot: [INITECH.botUserId] } }));
    await expect
      .poll(() => h.t.db.prisma.installation.count({ where: { tenantId: INITECH.teamId } }))
      .toBe(0);
  });
});
