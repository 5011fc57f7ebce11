import type { Prisma as PrismaNamespace } from '../../generated/prisma/client.ts';

/** The client inside `$transaction(async (tx) => …)`. */
export type Tx = PrismaNamespace.TransactionClient;

export type PgType = 'text' | 'timestamptz' | 'float8' | 'int4' | 'date' | 'bool';

export interface BulkColumn {
  name: string;
  pgType: PgType;
  /** Extra cast after the array element type, e.g. an enum: '"DealStatus"'. */
  cast?: string;
  values: unknown[];
  /** Written on conflict too (default true); false = only set when the row is created. */
  update?: boolean;
}

export interface BulkUpsert {
  table: string;
  tenantId: string;
  columns: BulkColumn[];
  /** Columns of the unique key after tenantId. */
  conflict: string[];
  returning: string[];
  touchUpdatedAt: boolean;
}

const quote = (identifier: string) => `"${identifier}"`;

/**
 * INSERT … SELECT FROM unnest(arrays) ON CONFLICT DO UPDATE in one statement per batch; values travel as array
 * parameters (never in the SQL text), so a batch costs a constant number of parameters. Each returned row says
 * whether it was inserted (xmax = 0) or updated.
 */
export async function bulkUpsert<Row extends Record<string, unknown>>(
  tx: Tx,
  upsert: BulkUpsert,
): Promise<(Row & { inserted: boolean })[]> {
  const { columns } = upsert;
  const names = columns.map((c) => quote(c.name)).join(', ');
  const aliases = columns.map((_, i) => `c${i}`);
  const selects = columns
    .map((c, i) => (c.cast ? `u.${aliases[i]}::${c.cast}` : `u.${aliases[i]}`))
    .join(', ');
  const arrays = columns.map((c, i) => `$${i + 2}::${c.pgType}[]`).join(', ');
  const updates = columns
    .filter((c) => c.update !== false && !upsert.conflict.includes(c.name))
    .map((c) => `${quote(c.name)} = EXCLUDED.${quote(c.name)}`);
  if (upsert.touchUpdatedAt) updates.push('"updatedAt" = now()');
  if (updates.length === 0) updates.push('"tenantId" = EXCLUDED."tenantId"');
  const sql =
    `INSERT INTO ${quote(upsert.table)} ("tenantId", ${names}) ` +
    `SELECT $1, ${selects} FROM unnest(${arrays}) AS u(${aliases.join(', ')}) ` +
    `ON CONFLICT ("tenantId", ${upsert.conflict.map(quote).join(', ')}) DO UPDATE SET ${updates.join(', ')} ` +
    `RETURNING ${upsert.returning.map(quote).join(', ')}, (xmax = 0) AS inserted`;
  return tx.$queryRawUnsafe(sql, upsert.tenantId, ...columns.map((c) => c.values));
}

export interface KeyColumn {
  name: string;
  pgType: PgType;
  values: unknown[];
}

/** The existing rows matching the given keys, locked for the rest of the transaction. */
export async function selectExisting<Row>(
  tx: Tx,
  table: string,
  tenantId: string,
  keys: KeyColumn[],
  columns: string[],
): Promise<Row[]> {
  const aliases = keys.map((_, i) => `k${i}`);
  const join = keys.map((k, i) => `t.${quote(k.name)} = k.${aliases[i]}`).join(' AND ');
  const sql =
    `SELECT ${columns.map((c) => `t.${quote(c)}`).join(', ')} FROM ${quote(table)} t ` +
    `JOIN unnest(${keys.map((k, i) => `$${i + 2}::${k.pgType}[]`).join(', ')}) AS k(${aliases.join(', ')}) ` +
    `ON ${join} WHERE t."tenantId" = $1 FOR UPDATE OF t`;
  return tx.$queryRawUnsafe(sql, tenantId, ...keys.map((k) => k.values));
}

/** ISO text for timestamptz[] parameters. */
export function isoOrNull(value: unknown): string | null {
  return value instanceof Date ? value.toISOString() : null;
}
