import type { Installation } from '@slack/oauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../src/app/context.ts';
import { PrismaInstallationStore, tenantIdOf } from '../../../src/slack/installation-store.ts';
import { TokenDecryptError } from '../../../src/slack/token-crypto.ts';
import { testContext } from '../../support/app-context.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.ts';

const KEY = Buffer.alloc(32, 7);

function workspaceInstall(teamId: string, token: string, enterpriseId?: string): Installation<'v2', false> {
  return {
    team: { id: teamId, name: `Team ${teamId}` },
    enterprise: enterpriseId ? { id: enterpriseId, name: 'Grid' } : undefined,
    user: { id: 'UINSTALLER', token: undefined, scopes: undefined },
    bot: { id: `B${teamId}`, userId: `U${teamId}BOT`, token, scopes: ['commands', 'chat:write'] },
    tokenType: 'bot',
    isEnterpriseInstall: false,
    appId: 'A0KPIBOT',
    authVersion: 'v2',
  };
}

function orgInstall(enterpriseId: string, token: string): Installation<'v2', true> {
  return {
    team: undefined,
    enterprise: { id: enterpriseId, name: 'Umbrella Corp' },
    user: { id: 'UINSTALLER', token: undefined, scopes: undefined },
    bot: { id: 'BORG', userId: 'UORGBOT', token, scopes: ['commands'] },
    tokenType: 'bot',
    isEnterpriseInstall: true,
    appId: 'A0KPIBOT',
    authVersion: 'v2',
  };
}

describe.each(databaseKinds)('PrismaInstallationStore (%s)', (kind) => {
  let t: TestDatabase;
  let ctx: AppContext;
  let store: PrismaInstallationStore;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    ctx = testContext(t.db);
    store = new PrismaInstallationStore(ctx, KEY);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('stores a workspace install encrypted, creates its tenant, and finds it by team id', async () => {
    await store.storeInstallation(workspaceInstall('T0AAA', 'xoxb-aaa-secret'));
    const row = await t.db.prisma.installation.findFirstOrThrow({ where: { teamId: 'T0AAA' } });
    expect(row).toMatchObject({
      tenantId: 'T0AAA',
      isEnterprise: false,
      botUserId: 'UT0AAABOT',
      enterpriseId: null,
    });
    expect(row.encryptedData).not.toContain('xoxb');
    expect(await t.db.prisma.tenant.findUnique({ where: { id: 'T0AAA' } })).toMatchObject({
      name: 'Team T0AAA',
    });
    const found = await store.fetchInstallation({
      teamId: 'T0AAA',
      enterpriseId: undefined,
      isEnterpriseInstall: false,
    });
    expect(found.bot?.token).toBe('xoxb-aaa-secret');
  });

  it('replaces the installation when a workspace installs again', async () => {
    await store.storeInstallation(workspaceInstall('T0AAA', 'xoxb-aaa-rotated'));
    expect(await t.db.prisma.installation.count({ where: { teamId: 'T0AAA' } })).toBe(1);
    const found = await store.fetchInstallation({
      teamId: 'T0AAA',
      enterpriseId: undefined,
      isEnterpriseInstall: false,
    });
    expect(found.bot?.token).toBe('xoxb-aaa-rotated');
  });

  it('keeps an org-wide install as one tenant, the enterprise, apart from a workspace of the same grid', async () => {
    await store.storeInstallation(orgInstall('E0UMB', 'xoxb-org-secret'));
    await store.storeInstallation(workspaceInstall('T0GRID', 'xoxb-grid-ws', 'E0UMB'));
    const org = await store.fetchInstallation({
      teamId: undefined,
      enterpriseId: 'E0UMB',
      isEnterpriseInstall: true,
    });
    expect(org.bot?.token).toBe('xoxb-org-secret');
    const ws = await store.fetchInstallation({
      teamId: 'T0GRID',
      enterpriseId: 'E0UMB',
      isEnterpriseInstall: false,
    });
    expect(ws.bot?.token).toBe('xoxb-grid-ws');
    const rows = await t.db.prisma.installation.findMany({
      where: { enterpriseId: 'E0UMB' },
      orderBy: { tenantId: 'asc' },
    });
    expect(rows.map((r) => [r.tenantId, r.isEnterprise])).toEqual([
      ['E0UMB', true],
      ['T0GRID', false],
    ]);
    expect(tenantIdOf({ teamId: 'T0GRID', enterpriseId: 'E0UMB', isEnterpriseInstall: true })).toBe('E0UMB');
    expect(tenantIdOf({ teamId: 'T0GRID', enterpriseId: 'E0UMB', isEnterpriseInstall: false })).toBe(
      'T0GRID',
    );
  });

  it('deletes one installation and reports a missing one', async () => {
    await store.deleteInstallation({ teamId: 'T0GRID', enterpriseId: 'E0UMB', isEnterpriseInstall: false });
    await expect(
      store.fetchInstallation({ teamId: 'T0GRID', enterpriseId: 'E0UMB', isEnterpriseInstall: false }),
    ).rejects.toThrow(/No Slack installation for team T0GRID/);
    expect(
      (await store.fetchInstallation({ teamId: undefined, enterpriseId: 'E0UMB', isEnterpriseInstall: true }))
        .bot?.token,
    ).toBe('xoxb-org-secret');
  });

  it('does not open rows with another key, nor a row moved to another tenant', async () => {
    const other = new PrismaInstallationStore(ctx, Buffer.alloc(32, 9));
    await expect(
      other.fetchInstallation({ teamId: 'T0AAA', enterpriseId: undefined, isEnterpriseInstall: false }),
    ).rejects.toThrow(TokenDecryptError);
    await t.db.prisma.installation.updateMany({ where: { teamId: 'T0AAA' }, data: { tenantId: 'T0EVIL' } });
    await expect(
      store.fetchInstallation({ teamId: 'T0AAA', enterpriseId: undefined, isEnterpriseInstall: false }),
    ).rejects.toThrow(TokenDecryptError);
  });
});
