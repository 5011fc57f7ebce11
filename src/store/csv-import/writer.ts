import { type BulkColumn, insertNew, isoOrNull, type KeyColumn, type Tx } from './bulk-sql.ts';
import type { RowValues } from './field-specs.ts';
import type { RepDirectory } from './rep-directory.ts';
import type { ParsedRow } from './row-parser.ts';
import type { TeamDirectory } from './team-directory.ts';
import type { RowIssue } from './types.ts';

export interface WriterContext {
  tenantId: string;
  tz: string;
  /** Origin system of the rows ((source, externalId) is their identity): 'csv' unless --set source=…. */
  source: string;
  now: Date;
  /** Fields the file provides (a column, --set or --default): the others are left untouched on update. */
  present: ReadonlySet<string>;
  reps: RepDirectory;
  teams: TeamDirectory;
  /** Sync: a row the source sends again is alive again (deletedAt cleared in the same upsert). */
  reviveDeleted?: boolean;
}

export interface BatchOutcome {
  inserted: number;
  updated: number;
  /** Rows refused while resolving references; nothing of them was written. */
  rejections: RowIssue[];
  warnings: RowIssue[];
}

/** Writes one kind of row. Every call runs inside the batch's transaction. */
export interface KindWriter {
  /** Rows with the same key never share a batch (a later row then updates the earlier one). */
  keyOf(row: RowValues): string;
  writeBatch(tx: Tx, rows: ParsedRow[]): Promise<BatchOutcome>;
  /** After the last batch, in its own transaction: what needs the whole file. Returns notes for the report. */
  finish?(tx: Tx): Promise<string[]>;
  /** A batch rolled back: drop whatever the writer cached from it. */
  reset?(): void;
}

export function emptyOutcome(): BatchOutcome {
  return { inserted: 0, updated: 0, rejections: [], warnings: [] };
}

export function countUpserts(outcome: BatchOutcome, rows: { inserted: boolean }[]): BatchOutcome {
  for (const row of rows) {
    if (row.inserted) outcome.inserted += 1;
    else outcome.updated += 1;
  }
  return outcome;
}

export const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
export const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);
export const date = (value: unknown): Date | null => (value instanceof Date ? value : null);

/** The deletedAt = NULL column of a reviving upsert (none for an import). */
export function revivalColumns(ctx: WriterContext, count: number): BulkColumn[] {
  return ctx.reviveDeleted
    ? [{ name: 'deletedAt', pgType: 'timestamptz', values: new Array(count).fill(null) }]
    : [];
}

/**
 * The columns every dated record shares (source, externalId, createdAt, then the given text and date fields the
 * file has). A creation date the file did not give (--default createdAt=now) keeps the stored one, so it does not
 * move on every re-import; the creation dates written are returned too, for the dirty days.
 */
export function recordColumns(
  ctx: WriterContext,
  rows: readonly ParsedRow[],
  existing: ReadonlyMap<string, { createdAt: Date | null }>,
  fields: { text: readonly string[]; dates: readonly string[] },
): { columns: BulkColumn[]; createdAt: (Date | null)[] } {
  const createdAt = rows.map((r) => {
    const old = existing.get(String(r.values.externalId));
    return r.defaulted.has('createdAt') && old ? old.createdAt : date(r.values.createdAt);
  });
  const columns: BulkColumn[] = [
    { name: 'source', pgType: 'text', values: rows.map(() => ctx.source) },
    { name: 'externalId', pgType: 'text', values: rows.map((r) => r.values.externalId) },
    { name: 'createdAt', pgType: 'timestamptz', values: createdAt.map(isoOrNull) },
  ];
  for (const field of fields.text) {
    if (ctx.present.has(field))
      columns.push({ name: field, pgType: 'text', values: rows.map((r) => str(r.values[field])) });
  }
  for (const field of fields.dates) {
    if (field !== 'createdAt' && ctx.present.has(field)) {
      columns.push({
        name: field,
        pgType: 'timestamptz',
        values: rows.map((r) => isoOrNull(r.values[field])),
      });
    }
  }
  return { columns, createdAt };
}

/**
 * Inserts the batch's records whose (source, externalId) is new, their dates' days marked dirty in the same
 * statement (bulk-sql insertNew). Returns the positions of the rows that were there already, in batch order: the
 * caller updates those.
 */
export async function insertNewRecords(
  tx: Tx,
  ctx: WriterContext,
  rows: readonly ParsedRow[],
  insert: { table: string; columns: BulkColumn[]; dates: readonly string[] },
): Promise<number[]> {
  const existed = new Set(
    await insertNew(tx, {
      table: insert.table,
      tenantId: ctx.tenantId,
      columns: insert.columns,
      conflict: ['source', 'externalId'],
      key: 'externalId',
      dirtyDays: { tz: ctx.tz, columns: insert.dates },
    }),
  );
  const stored: number[] = [];
  for (const [i, row] of rows.entries()) if (existed.has(String(row.values.externalId))) stored.push(i);
  return stored;
}

/** The (source, externalId) key columns of the rows at these positions, for selectExisting. */
export function sourceKeys(
  ctx: WriterContext,
  rows: readonly ParsedRow[],
  indices: readonly number[],
): KeyColumn[] {
  return [
    { name: 'source', pgType: 'text', values: indices.map(() => ctx.source) },
    { name: 'externalId', pgType: 'text', values: indices.map((i) => str(rows[i]?.values.externalId)) },
  ];
}
