import type { Prisma } from './database.ts';

export interface TenantDefaults {
  tz: string;
  lang: 'en' | 'fr';
  weekStart: number;
  fiscalYearStart: number;
}

export interface TenantSettings extends TenantDefaults {
  id: string;
  name: string;
  repVisibility: 'open' | 'team' | 'self';
}

export const DEFAULT_TENANT = 'default';

/** The tenant's row, created with the configured defaults the first time it is seen. */
export async function ensureTenant(
  prisma: Prisma,
  id: string,
  defaults: TenantDefaults,
  name = id,
): Promise<TenantSettings> {
  // INSERT … ON CONFLICT DO NOTHING, then read: two processes meeting a new tenant at once both succeed
  // (an upsert can fail on the primary key when they race).
  await prisma.tenant.createMany({ data: [{ id, name, ...defaults }], skipDuplicates: true });
  const row = await prisma.tenant.findUniqueOrThrow({ where: { id } });
  return {
    id: row.id,
    name: row.name,
    tz: row.tz,
    lang: row.lang === 'fr' ? 'fr' : 'en',
    weekStart: row.weekStart,
    fiscalYearStart: row.fiscalYearStart,
    repVisibility: row.repVisibility,
  };
}
