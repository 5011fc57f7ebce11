import { ServiceClientCredentialsFactory } from 'botframework-connector';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeBotConnector } from '../../support/fake-bot-connector.ts';
import { teamsMessage } from './activities.ts';
import { cardText, startTeamsHarness, TENANT, type TeamsHarness, USERS } from './harness.ts';

const APP_ID = 'a1b2c3d4-0000-4000-8000-00000000b07a';
const APP_PASSWORD = 'not-a-real-secret-3f9';

/**
 * Outbound tokens from the fake's token endpoint (client credentials, as Entra ID's v2 endpoint). botbuilder's own
 * credentials go through MSAL, which only accepts https authorities: this stands in for it, nothing else does.
 */
class FakeTokenCredentialsFactory extends ServiceClientCredentialsFactory {
  async isValidAppId(appId: string) {
    return appId === APP_ID;
  }
  async isAuthenticationDisabled() {
    return false;
  }
  async createCredentials(appId: string, audience: string | undefined, loginEndpoint: string) {
    return {
      async signRequest<T extends { headers: { set(name: string, value: string): void } }>(webResource: T) {
        const res = await fetch(`${loginEndpoint}/oauth2/v2.0/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'client_credentials',
            client_id: appId,
            client_secret: APP_PASSWORD,
            scope: `${audience}/.default`,
          }),
        });
        const { access_token } = (await res.json()) as { access_token: string };
        webResource.headers.set('authorization', `Bearer ${access_token}`);
        return webResource;
      },
    };
  }
}

let h: TeamsHarness;

beforeAll(async () => {
  h = await startTeamsHarness({
    env: { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: APP_PASSWORD },
    teams: (c: FakeBotConnector) => ({
      auth: {
        endpoints: {
          openIdMetadataUrl: c.openIdMetadataUrl,
          tokenIssuer: c.issuer,
          loginUrl: `${c.issuer}/botframework.com`,
          oAuthScope: 'https://api.botframework.com',
        },
        credentialsFactory: new FakeTokenCredentialsFactory(),
      },
    }),
  });
}, 30_000);
afterAll(async () => h?.close());
beforeEach(() => h.connector.reset());

const question = () =>
  teamsMessage('win rate last week', {
    serviceUrl: h.connector.serviceUrl,
    tenantId: TENANT,
    from: USERS.diane,
  });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const claims = () => ({ aud: APP_ID, serviceurl: h.connector.serviceUrl });

describe('Teams with MICROSOFT_APP_ID: Bot Framework JWT validation against a local signing key', () => {
  it('accepts an activity signed by the channel key and replies with the bot’s own token', async () => {
    const res = await h.post(question(), bearer(h.connector.signChannelToken(claims())));
    expect(res.status).toBe(200);
    const [reply] = await h.connector.waitForSent(1);
    expect(cardText(reply!.activity)).toContain('50%');
    expect(reply?.authorization).toBe(`Bearer ${h.connector.issuedAccessToken}`);
    expect(h.connector.requests.some((r) => r.path.endsWith('/oauth2/v2.0/token'))).toBe(true);
  });

  it.each([
    ['no Authorization header', () => ({})],
    [
      'a token signed by another key',
      () => bearer(h.connector.signChannelToken(claims(), { foreignKey: true })),
    ],
    [
      'a token for another bot',
      () => bearer(h.connector.signChannelToken({ ...claims(), aud: 'someone-else' })),
    ],
    ['an expired token', () => bearer(h.connector.signChannelToken({ ...claims(), exp: 1_000_000_000 }))],
    [
      'a token for another serviceUrl',
      () => bearer(h.connector.signChannelToken({ ...claims(), serviceurl: 'https://evil.example/' })),
    ],
    [
      'a token from another issuer',
      () => bearer(h.connector.signChannelToken({ ...claims(), iss: 'https://x' })),
    ],
    [
      'an unknown signing key id',
      () => bearer(h.connector.signChannelToken(claims(), { kid: 'rotated-away' })),
    ],
    ['a malformed token', () => bearer('not.a.jwt')],
  ])('rejects %s with 401 and answers nothing', async (_case, headers) => {
    const res = await h.post(question(), headers());
    expect(res.status).toBe(401);
    expect(h.connector.sent).toHaveLength(0);
  });

  it('never logs the app password or a token', async () => {
    const token = h.connector.signChannelToken(claims());
    await h.post(question(), bearer(token));
    await h.connector.waitForSent(1);
    const all = h.logs.join('\n');
    expect(all).not.toContain(APP_PASSWORD);
    expect(all).not.toContain(token);
    expect(all).not.toContain(h.connector.issuedAccessToken);
  });
});
