import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config.ts';
import { createBotAuthentication } from '../../../src/teams/bot-authentication.ts';

const activity = {
  type: 'message',
  channelId: 'msteams',
  serviceUrl: 'http://127.0.0.1:9/',
  conversation: { id: 'a:1' },
} as never;

describe('Teams authentication by MICROSOFT_APP_TYPE', () => {
  it('is off without an app id (anonymous turns are allowed)', async () => {
    const auth = createBotAuthentication(parseConfig({}).teams);
    const result = await auth.authenticateRequest(activity, '');
    expect(result.claimsIdentity.isAuthenticated).toBe(true);
    expect(result.claimsIdentity.claims).toEqual([]);
  });

  it.each([
    ['MultiTenant', { MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'pw' }],
    [
      'SingleTenant',
      {
        MICROSOFT_APP_ID: 'app',
        MICROSOFT_APP_PASSWORD: 'pw',
        MICROSOFT_APP_TYPE: 'SingleTenant',
        MICROSOFT_APP_TENANT_ID: 'tid',
      },
    ],
    [
      'UserAssignedMSI',
      { MICROSOFT_APP_ID: 'app', MICROSOFT_APP_TYPE: 'UserAssignedMSI', MICROSOFT_APP_TENANT_ID: 'tid' },
    ],
  ])('%s: requires a token', async (_type, env) => {
    const auth = createBotAuthentication(parseConfig(env).teams);
    await expect(auth.authenticateRequest(activity, '')).rejects.toMatchObject({ statusCode: 401 });
  });

  it('says what is wrong when a managed identity has no tenant id', () => {
    const teams = parseConfig({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_TYPE: 'UserAssignedMSI' }).teams;
    expect(() => createBotAuthentication(teams)).toThrow(
      /Teams authentication settings are invalid: .*TenantId/,
    );
  });
});
