import type { Prisma as PrismaNamespace } from '../../generated/prisma/client.ts';
import { arrayLiteral } from '../array-literal.ts';

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

/** INSERT INTO table ("tenantId", …) SELECT $1, … FROM unnest($2::type[], …): tenantId is $1, column i is $i+2. */
function insertFromArrays(table: string, columns: readonly BulkColumn[]): string {
  const aliases = columns.map((_, i) => `c${i}`);
  const selects = columns.map((c, i) => (c.cast ? `u.${aliases[i]}::${c.cast}` : `u.${aliases[i]}`));
  const arrays = columns.map((c, i) => `$${i + 2}::${c.pgType}[]`);
  return (
    `INSERT INTO ${quote(table)} ("tenantId", ${columns.map((c) => quote(c.name)).join(', ')}) ` +
    `SELECT $1, ${selects.join(', ')} FROM unnest(${arrays.join(', ')}) AS u(${aliases.join(', ')})`
  );
}

/**
 * INSERT … SELECT FROM unnest(arrays) ON CONFLICT DO UPDATE in one statement per batch; values travel as array
 * parameters, one array literal a column (never in the SQL text), so a batch costs a constant number of
 * parameters. Each returned row says whether it was inserted (xmax = 0) or updated.
 */
export async function bulkUpsert<Row extends Record<string, unknown>>(
  tx: Tx,
  upsert: BulkUpsert,
): Promise<(Row & { inserted: boolean })[]> {
  const { columns } = upsert;
  const updates = columns
    .filter((c) => c.update !== false && !upsert.conflict.includes(c.name))
    .map((c) => `${quote(c.name)} = EXCLUDED.${quote(c.name)}`);
  if (upsert.touchUpdatedAt) updates.push('"updatedAt" = now()');
  if (updates.length === 0) updates.push('"tenantId" = EXCLUDED."tenantId"');
  const sql =
    `${insertFromArrays(upsert.table, columns)} ` +
    `ON CONFLICT ("tenantId", ${upsert.conflict.map(quote).join(', ')}) DO UPDATE SET ${updates.join(', ')} ` +
    `RETURNING ${upsert.returning.map(quote).join(', ')}, (xmax = 0) AS inserted`;
  return tx.$queryRawUnsafe(sql, upsert.tenantId, ...columns.map((c) => arrayLiteral(c.values)));
}

export interface BulkInsert {
  table: string;
  tenantId: string;
  columns: BulkColumn[];
  /** Columns of the unique key after tenantId: a row whose key exists is left out. */
  conflict: string[];
  /** The text column, among `columns`, that tells the batch's rows apart (e.g. externalId). */
  key: string;
  /** Timestamp columns whose tenant-local days the inserted rows make dirty, marked in the same statement. */
  dirtyDays?: { tz: string; columns: readonly string[] };
}

/**
 * INSERT … SELECT FROM unnest … ON CONFLICT DO NOTHING: writes the rows whose key is new without reading anything
 * first (a first sync or a large import is almost only new rows), and marks their days dirty in the same
 * statement. Returns the `key` of the rows left out, which already existed: the caller updates those (reads their
 * old values, then bulkUpsert). Usually none, so nothing comes back. The batch's keys must be unique, as the
 * writers' batches are: a repeated one would be left out without a word.
 */
export async function insertNew(tx: Tx, insert: BulkInsert): Promise<string[]> {
  const { columns, dirtyDays } = insert;
  const keyAt = columns.findIndex((c) => c.name === insert.key);
  if (keyAt < 0) throw new Error(`insertNew: the key column ${insert.key} is not among the columns`);
  const key = quote(insert.key);
  const returned = [...new Set([key, ...(dirtyDays?.columns ?? []).map(quote)])];
  const inserted =
    `${insertFromArrays(insert.table, columns)} ` +
    `ON CONFLICT ("tenantId", ${insert.conflict.map(quote).join(', ')}) DO NOTHING RETURNING ${returned.join(', ')}`;
  const params: unknown[] = [insert.tenantId, ...columns.map((c) => arrayLiteral(c.values))];
  let dirty = '';
  if (dirtyDays && dirtyDays.columns.length > 0) {
    params.push(dirtyDays.tz);
    // The same days as markDirtyDays (src/store/dirty-days.ts); DISTINCT because one statement may not update a
    // row twice.
    dirty =
      `, dirty AS (INSERT INTO "RollupDirtyDay" ("tenantId", day) ` +
      `SELECT DISTINCT $1, (d AT TIME ZONE $${params.length})::date FROM ins ` +
      `CROSS JOIN LATERAL unnest(ARRAY[${dirtyDays.columns.map((c) => `ins.${quote(c)}`).join(', ')}]) AS d ` +
      `WHERE d IS NOT NULL ON CONFLICT ("tenantId", day) DO UPDATE SET at = now())`;
  }
  const sql =
    `WITH ins AS (${inserted})${dirty} ` +
    `SELECT k FROM unnest($${keyAt + 2}::text[]) AS k WHERE NOT EXISTS (SELECT FROM ins WHERE ins.${key} = k)`;
  const skipped = await tx.$queryRawUnsafe<{ k: string }[]>(sql, ...params);
  return skipped.map((r) => r.k);
}

export interface KeyColumn {
  name: string;
  pgType: PgType;
  values: unknown[];
}

/**
 * The existing rows matching the given keys, locked for the rest of the transaction. One index probe per key
 * (a LATERAL subquery cannot become a hash join): a join the planner may hash would scan every row of the tenant
 * for each batch while the table's statistics still describe it as small, as during a first sync or import.
 */
export async function selectExisting<Row>(
  tx: Tx,
  table: string,
  tenantId: string,
  keys: KeyColumn[],
  columns: string[],
): Promise<Row[]> {
  const aliases = keys.map((_, i) => `k${i}`);
  const match = keys.map((k, i) => `t.${quote(k.name)} = k.${aliases[i]}`).join(' AND ');
  const sql =
    `SELECT e.* FROM unnest(${keys.map((k, i) => `$${i + 2}::${k.pgType}[]`).join(', ')}) AS k(${aliases.join(', ')}) ` +
    `CROSS JOIN LATERAL (SELECT ${columns.map((c) => `t.${quote(c)}`).join(', ')} FROM ${quote(table)} t ` +
    `WHERE t."tenantId" = $1 AND ${match} FOR UPDATE) AS e`;
  return tx.$queryRawUnsafe(sql, tenantId, ...keys.map((k) => arrayLiteral(k.values)));
}

/** ISO text for timestamptz[] parameters. */
export function isoOrNull(value: unknown): string | null {
  return value instanceof Date ? value.toISOString() : null;
}
