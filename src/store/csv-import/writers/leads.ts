import { markDirtyDays } from '../../dirty-days.ts';
import { bulkUpsert, selectExisting } from '../bulk-sql.ts';
import { resolvePeople } from '../people.ts';
import { campaignIdsByKey } from '../reference-lookups.ts';
import {
  countUpserts,
  date,
  emptyOutcome,
  insertNewRecords,
  type KindWriter,
  recordColumns,
  revivalColumns,
  sourceKeys,
  str,
  type WriterContext,
} from '../writer.ts';

const DATE_FIELDS = ['createdAt', 'qualifiedAt', 'convertedAt', 'lostAt'] as const;
const TEXT_FIELDS = ['name', 'email', 'company', 'channel'] as const;

type ExistingLead = { externalId: string } & Record<(typeof DATE_FIELDS)[number], Date | null>;

export function createLeadWriter(ctx: WriterContext): KindWriter {
  return {
    keyOf: (row) => String(row.externalId),
    async writeBatch(tx, rows) {
      const outcome = emptyOutcome();
      const owners = await resolvePeople(tx, ctx, rows, 'owner');
      const campaigns = ctx.present.has('campaign')
        ? await campaignIdsByKey(
            tx,
            ctx.tenantId,
            rows.flatMap((r) => str(r.values.campaign) ?? []),
          )
        : new Map<string, string>();
      const campaignIds = rows.map((row) => {
        const ref = str(row.values.campaign);
        if (ref === null) return null;
        const id = campaigns.get(ref.toLowerCase());
        if (!id) outcome.warnings.push({ line: row.line, reason: `campaign '${ref}' not found: not linked` });
        return id ?? null;
      });
      const columnsOf = (indices: readonly number[], existing: ReadonlyMap<string, ExistingLead>) => {
        const batch = indices.map((i) => rows[i]!);
        const { columns, createdAt } = recordColumns(ctx, batch, existing, {
          text: TEXT_FIELDS,
          dates: DATE_FIELDS,
        });
        if (ctx.present.has('owner'))
          columns.push({
            name: 'ownerRepId',
            pgType: 'text',
            values: indices.map((i) => owners[i]?.id ?? null),
          });
        if (ctx.present.has('campaign'))
          columns.push({ name: 'campaignId', pgType: 'text', values: indices.map((i) => campaignIds[i]) });
        columns.push(...revivalColumns(ctx, indices.length));
        return { batch, columns, createdAt };
      };
      const all = rows.map((_, i) => i);
      const stored = await insertNewRecords(tx, ctx, rows, {
        table: 'Lead',
        columns: columnsOf(all, new Map()).columns,
        dates: DATE_FIELDS,
      });
      outcome.inserted += rows.length - stored.length;
      if (stored.length === 0) return outcome;

      // The rows that were there: their old dates are dirty too, and a defaulted creation date keeps the stored one.
      const existing = new Map(
        (
          await selectExisting<ExistingLead>(tx, 'Lead', ctx.tenantId, sourceKeys(ctx, rows, stored), [
            'externalId',
            ...DATE_FIELDS,
          ])
        ).map((l) => [l.externalId, l]),
      );
      const { batch, columns, createdAt } = columnsOf(stored, existing);
      const written = await bulkUpsert(tx, {
        table: 'Lead',
        tenantId: ctx.tenantId,
        columns,
        conflict: ['source', 'externalId'],
        returning: ['id'],
        touchUpdatedAt: true,
      });
      countUpserts(outcome, written);
      const touched: (Date | null)[] = [...createdAt];
      for (const row of batch) for (const field of DATE_FIELDS) touched.push(date(row.values[field]));
      for (const old of existing.values()) for (const field of DATE_FIELDS) touched.push(old[field]);
      await markDirtyDays(tx, ctx.tenantId, ctx.tz, touched);
      return outcome;
    },
  };
}
