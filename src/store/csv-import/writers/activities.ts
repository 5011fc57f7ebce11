import { markDirtyDays } from '../../dirty-days.ts';
import { type BulkColumn, bulkUpsert, isoOrNull, selectExisting } from '../bulk-sql.ts';
import { resolvePeople } from '../people.ts';
import { idsByExternalId } from '../reference-lookups.ts';
import type { ParsedRow } from '../row-parser.ts';
import {
  type BatchOutcome,
  countUpserts,
  date,
  emptyOutcome,
  insertNewRecords,
  type KindWriter,
  revivalColumns,
  sourceKeys,
  str,
  type WriterContext,
} from '../writer.ts';

export function createActivityWriter(ctx: WriterContext): KindWriter {
  return {
    keyOf: (row) => String(row.externalId),
    async writeBatch(tx, rows) {
      const outcome = emptyOutcome();
      const reps = await resolvePeople(tx, ctx, rows, 'rep');
      const leadIds = await linkByExternalId(ctx, outcome, rows, 'leadId', (refs) =>
        idsByExternalId(tx, 'Lead', ctx.tenantId, ctx.source, refs),
      );
      const dealIds = await linkByExternalId(ctx, outcome, rows, 'dealId', (refs) =>
        idsByExternalId(tx, 'Deal', ctx.tenantId, ctx.source, refs),
      );
      const columnsOf = (indices: readonly number[]): BulkColumn[] => [
        { name: 'source', pgType: 'text', values: indices.map(() => ctx.source) },
        { name: 'externalId', pgType: 'text', values: indices.map((i) => rows[i]!.values.externalId) },
        {
          name: 'type',
          pgType: 'text',
          cast: '"ActivityType"',
          values: indices.map((i) => str(rows[i]!.values.type)),
        },
        {
          name: 'occurredAt',
          pgType: 'timestamptz',
          values: indices.map((i) => isoOrNull(rows[i]!.values.occurredAt)),
        },
        ...(ctx.present.has('rep')
          ? [{ name: 'repId', pgType: 'text' as const, values: indices.map((i) => reps[i]?.id ?? null) }]
          : []),
        ...(leadIds
          ? [{ name: 'leadId', pgType: 'text' as const, values: indices.map((i) => leadIds[i]) }]
          : []),
        ...(dealIds
          ? [{ name: 'dealId', pgType: 'text' as const, values: indices.map((i) => dealIds[i]) }]
          : []),
        ...revivalColumns(ctx, indices.length),
      ];
      const all = rows.map((_, i) => i);
      const stored = await insertNewRecords(tx, ctx, rows, {
        table: 'Activity',
        columns: columnsOf(all),
        dates: ['occurredAt'],
      });
      outcome.inserted += rows.length - stored.length;
      if (stored.length === 0) return outcome;

      // The rows that were there: their old day is dirty too.
      const existing = await selectExisting<{ occurredAt: Date }>(
        tx,
        'Activity',
        ctx.tenantId,
        sourceKeys(ctx, rows, stored),
        ['occurredAt'],
      );
      const written = await bulkUpsert(tx, {
        table: 'Activity',
        tenantId: ctx.tenantId,
        columns: columnsOf(stored),
        conflict: ['source', 'externalId'],
        returning: ['id'],
        touchUpdatedAt: true,
      });
      countUpserts(outcome, written);
      await markDirtyDays(tx, ctx.tenantId, ctx.tz, [
        ...stored.map((i) => date(rows[i]!.values.occurredAt)),
        ...existing.map((e) => e.occurredAt),
      ]);
      return outcome;
    },
  };
}

/** Ids for a reference column (undefined when the file lacks it); unknown references are warned about, not fatal. */
async function linkByExternalId(
  ctx: WriterContext,
  outcome: BatchOutcome,
  rows: readonly ParsedRow[],
  field: 'leadId' | 'dealId',
  lookup: (refs: string[]) => Promise<Map<string, string>>,
): Promise<(string | null)[] | undefined> {
  if (!ctx.present.has(field)) return undefined;
  const ids = await lookup(rows.flatMap((r) => str(r.values[field]) ?? []));
  return rows.map((row) => {
    const ref = str(row.values[field]);
    if (ref === null) return null;
    const id = ids.get(ref);
    if (!id) {
      const what = field === 'leadId' ? 'lead' : 'deal';
      outcome.warnings.push({
        line: row.line,
        reason: `${what} '${ref}' not found in ${ctx.source}: not linked`,
      });
    }
    return id ?? null;
  });
}
