import { ClientCache } from './client-cache.ts';
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
  // One round trip on the hot path (every question): insert if missing, else read. ON CONFLICT DO NOTHING keeps
  // two processes meeting a new tenant at once from failing; the second read covers the insert it raced with.
  const sql = `WITH ins AS (
      INSERT INTO "Tenant" (id, name, tz, lang, "weekStart", "fiscalYearStart", "updatedAt")
      VALUES ($1, $2, $3, $4, $5, $6, now())
      ON CONFLICT (id) DO NOTHING
      RETURNING id, name, tz, lang, "weekStart", "fiscalYearStart", "repVisibility"::text AS "repVisibility")
    SELECT * FROM ins
    UNION ALL
    SELECT id, name, tz, lang, "weekStart", "fiscalYearStart", "repVisibility"::text FROM "Tenant" WHERE id = $1
    LIMIT 1`;
  const args = [id, name, defaults.tz, defaults.lang, defaults.weekStart, defaults.fiscalYearStart] as const;
  let rows = await prisma.$queryRawUnsafe<TenantRow[]>(sql, ...args);
  if (rows.length === 0) rows = await prisma.$queryRawUnsafe<TenantRow[]>(sql, ...args);
  const row = rows[0];
  if (!row) throw new Error(`Tenant ${id} could not be created or read`);
  return {
    id: row.id,
    name: row.name,
    tz: row.tz,
    lang: row.lang === 'fr' ? 'fr' : 'en',
    weekStart: Number(row.weekStart),
    fiscalYearStart: Number(row.fiscalYearStart),
    repVisibility: row.repVisibility === 'open' || row.repVisibility === 'self' ? row.repVisibility : 'team',
  };
}

/**
 * How long a process trusts the tenant settings it read (zone, language, week and fiscal-year start, rep
 * visibility) before reading them again. Nothing in kpibot changes them after creation; an operator editing the
 * Tenant row by hand sees the change in every process within this delay (or at once in a process that calls
 * forgetTenantSettings).
 */
export const TENANT_SETTINGS_TTL_MS = 30_000;

const settingsCache = new ClientCache<TenantSettings>(TENANT_SETTINGS_TTL_MS);

/**
 * ensureTenant for the question path: the tenant's settings from this process's memory when read less than
 * TENANT_SETTINGS_TTL_MS ago, saving a round trip on every question.
 */
export async function tenantSettings(
  prisma: Prisma,
  id: string,
  defaults: TenantDefaults,
  now = Date.now(),
): Promise<TenantSettings> {
  const hit = settingsCache.get(prisma, id, now);
  if (hit) return hit;
  const settings = await ensureTenant(prisma, id, defaults);
  settingsCache.set(prisma, id, settings, now);
  return settings;
}

/** Drops the settings this process remembers for a tenant (after changing its row). */
export function forgetTenantSettings(prisma: Prisma, id: string): void {
  settingsCache.delete(prisma, id);
}

interface TenantRow {
  id: string;
  name: string;
  tz: string;
  lang: string;
  weekStart: number;
  fiscalYearStart: number;
  repVisibility: string;
}
