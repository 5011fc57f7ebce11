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
  type KindWriter,
  revivalColumns,
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
      const existing = await selectExisting<{ occurredAt: Date }>(
        tx,
        'Activity',
        ctx.tenantId,
        [
          { name: 'source', pgType: 'text', values: rows.map(() => ctx.source) },
          { name: 'externalId', pgType: 'text', values: rows.map((r) => str(r.values.externalId)) },
        ],
        ['occurredAt'],
      );
      const columns: BulkColumn[] = [
        { name: 'source', pgType: 'text', values: rows.map(() => ctx.source) },
        { name: 'externalId', pgType: 'text', values: rows.map((r) => r.values.externalId) },
        { name: 'type', pgType: 'text', cast: '"ActivityType"', values: rows.map((r) => str(r.values.type)) },
        {
          name: 'occurredAt',
          pgType: 'timestamptz',
          values: rows.map((r) => isoOrNull(r.values.occurredAt)),
        },
      ];
      if (ctx.present.has('rep'))
        columns.push({ name: 'repId', pgType: 'text', values: reps.map((r) => r?.id ?? null) });
      if (leadIds) columns.push({ name: 'leadId', pgType: 'text', values: leadIds });
      if (dealIds) columns.push({ name: 'dealId', pgType: 'text', values: dealIds });
      columns.push(...revivalColumns(ctx, rows.length));
      const written = await bulkUpsert(tx, {
        table: 'Activity',
        tenantId: ctx.tenantId,
        columns,
        conflict: ['source', 'externalId'],
        returning: ['id'],
        touchUpdatedAt: true,
      });
      countUpserts(outcome, written);
      await markDirtyDays(tx, ctx.tenantId, ctx.tz, [
        ...rows.map((r) => date(r.values.occurredAt)),
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
