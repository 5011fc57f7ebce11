import type { Tx } from './bulk-sql.ts';

/** Ids of the Lead or Deal rows with these external ids in this source. */
export async function idsByExternalId(
  tx: Tx,
  table: 'Lead' | 'Deal',
  tenantId: string,
  source: string,
  externalIds: Iterable<string>,
): Promise<Map<string, string>> {
  const list = [...new Set(externalIds)];
  if (list.length === 0) return new Map();
  const rows = await tx.$queryRawUnsafe<{ id: string; externalId: string }[]>(
    `SELECT id, "externalId" FROM "${table}" WHERE "tenantId" = $1 AND source = $2 AND "externalId" = ANY($3::text[])`,
    tenantId,
    source,
    list,
  );
  return new Map(rows.map((r) => [r.externalId, r.id]));
}

/** Accounts by name (case ignored), created in the import's source when missing. */
export class AccountDirectory {
  private readonly ids = new Map<string, string>();

  constructor(
    private readonly tenantId: string,
    private readonly source: string,
  ) {}

  async resolve(tx: Tx, names: Iterable<string>): Promise<Map<string, string>> {
    const wanted = [...new Set([...names].map((n) => n.trim()))].filter((n) => n !== '');
    const unknown = wanted.filter((n) => !this.ids.has(n.toLowerCase()));
    if (unknown.length > 0) {
      const found = await tx.$queryRawUnsafe<{ id: string; name: string }[]>(
        `SELECT id, name FROM "Account" WHERE "tenantId" = $1 AND lower(name) = ANY($2::text[]) ORDER BY "updatedAt"`,
        this.tenantId,
        unknown.map((n) => n.toLowerCase()),
      );
      for (const row of found)
        if (!this.ids.has(row.name.toLowerCase())) this.ids.set(row.name.toLowerCase(), row.id);
      const missing = unknown.filter((n) => !this.ids.has(n.toLowerCase()));
      if (missing.length > 0) {
        const created = await tx.$queryRawUnsafe<{ id: string; name: string }[]>(
          `INSERT INTO "Account" ("tenantId", source, "externalId", name)
           SELECT $1, $2, n, n FROM unnest($3::text[]) AS n
           ON CONFLICT ("tenantId", source, "externalId") DO UPDATE SET name = EXCLUDED.name
           RETURNING id, name`,
          this.tenantId,
          this.source,
          missing,
        );
        for (const row of created) this.ids.set(row.name.toLowerCase(), row.id);
      }
    }
    return new Map(wanted.map((n) => [n.toLowerCase(), this.ids.get(n.toLowerCase())!]));
  }

  reset(): void {
    this.ids.clear();
  }
}

/** Campaigns by external id (any source) or name, case ignored; never created from a lead file. */
export async function campaignIdsByKey(
  tx: Tx,
  tenantId: string,
  keys: Iterable<string>,
): Promise<Map<string, string>> {
  const list = [...new Set([...keys].map((k) => k.trim().toLowerCase()))];
  if (list.length === 0) return new Map();
  const rows = await tx.$queryRawUnsafe<{ id: string; externalId: string; name: string }[]>(
    `SELECT id, "externalId", name FROM "Campaign"
     WHERE "tenantId" = $1 AND (lower("externalId") = ANY($2::text[]) OR lower(name) = ANY($2::text[]))
     ORDER BY "updatedAt"`,
    tenantId,
    list,
  );
  const ids = new Map<string, string>();
  for (const row of rows)
    if (!ids.has(row.externalId.toLowerCase())) ids.set(row.externalId.toLowerCase(), row.id);
  for (const row of rows) if (!ids.has(row.name.toLowerCase())) ids.set(row.name.toLowerCase(), row.id);
  return ids;
}
