import type { SqlClient } from './rollup-sql.ts';

/** The zone the tenant's rollup days are computed in (Tenant.tz), or null for an unknown tenant. */
export async function tenantZone(sql: SqlClient, tenantId: string): Promise<string | null> {
  const rows = await sql.$queryRawUnsafe<{ tz: string }[]>('SELECT tz FROM "Tenant" WHERE id = $1', tenantId);
  return rows[0]?.tz ?? null;
}
