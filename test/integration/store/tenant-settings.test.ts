import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetTenantSettings, TENANT_SETTINGS_TTL_MS, tenantSettings } from '../../../src/store/tenants.ts';
import { createTestDatabase, type TestDatabase } from '../../support/databases.ts';

const defaults = { tz: 'Europe/Paris', lang: 'en' as const, weekStart: 1, fiscalYearStart: 1 };

describe('tenant settings remembered by the question path', () => {
  let a: TestDatabase;
  let b: TestDatabase;
  beforeAll(async () => {
    [a, b] = await Promise.all([createTestDatabase('pglite'), createTestDatabase('pglite')]);
  });
  afterAll(async () => {
    await Promise.all([a?.dispose(), b?.dispose()]);
  });

  it('creates the tenant once, then answers from memory until the delay passes or it is forgotten', async () => {
    const t0 = 1_000_000;
    const first = await tenantSettings(a.db.prisma, 'acme', defaults, t0);
    expect(first).toMatchObject({ id: 'acme', tz: 'Europe/Paris', repVisibility: 'team' });
    await a.db.prisma.tenant.update({ where: { id: 'acme' }, data: { repVisibility: 'open' } });

    expect((await tenantSettings(a.db.prisma, 'acme', defaults, t0 + 1000)).repVisibility).toBe('team');
    expect(
      (await tenantSettings(a.db.prisma, 'acme', defaults, t0 + TENANT_SETTINGS_TTL_MS)).repVisibility,
    ).toBe('open');

    await a.db.prisma.tenant.update({ where: { id: 'acme' }, data: { repVisibility: 'self' } });
    const later = t0 + TENANT_SETTINGS_TTL_MS + 1;
    expect((await tenantSettings(a.db.prisma, 'acme', defaults, later)).repVisibility).toBe('open');
    forgetTenantSettings(a.db.prisma, 'acme');
    expect((await tenantSettings(a.db.prisma, 'acme', defaults, later)).repVisibility).toBe('self');
  });

  it('never shares a tenant id between two databases', async () => {
    await tenantSettings(a.db.prisma, 'shared', { ...defaults, tz: 'Asia/Tokyo' }, 5);
    const other = await tenantSettings(b.db.prisma, 'shared', { ...defaults, tz: 'America/Lima' }, 5);
    expect(other.tz).toBe('America/Lima');
  });
});
