import { markDirtyLocalDays } from '../../dirty-days.ts';
import { type BulkColumn, bulkUpsert, type Tx } from '../bulk-sql.ts';
import type { ParsedRow } from '../row-parser.ts';
import { countUpserts, emptyOutcome, type KindWriter, num, str, type WriterContext } from '../writer.ts';

const CAMPAIGN_COUNTERS = [
  'sent',
  'delivered',
  'opens',
  'uniqueClicks',
  'unsubscribes',
  'spamReports',
  'bounces',
  'leads',
];
const TRAFFIC_COUNTERS = ['sessions', 'users', 'pageviews', 'bounces', 'leads'];

/** One row per campaign per day: the Campaign is upserted, then its CampaignDaily row. */
export function createCampaignWriter(ctx: WriterContext): KindWriter {
  return {
    keyOf: (row) => `${String(row.externalId)}\u0000${String(row.day)}`,
    async writeBatch(tx, rows) {
      const outcome = emptyOutcome();
      const campaignIds = await upsertCampaigns(tx, ctx, rows);
      const columns: BulkColumn[] = [
        {
          name: 'campaignId',
          pgType: 'text',
          values: rows.map((r) => campaignIds.get(String(r.values.externalId))),
        },
        { name: 'day', pgType: 'date', values: rows.map((r) => r.values.day) },
        ...counterColumns(ctx, rows, CAMPAIGN_COUNTERS, 'int4'),
        ...counterColumns(ctx, rows, ['cost'], 'float8'),
      ];
      const written = await bulkUpsert(tx, {
        table: 'CampaignDaily',
        tenantId: ctx.tenantId,
        columns,
        conflict: ['campaignId', 'day'],
        returning: ['campaignId'],
        touchUpdatedAt: false,
      });
      countUpserts(outcome, written);
      await markDirtyLocalDays(
        tx,
        ctx.tenantId,
        rows.map((r) => String(r.values.day)),
      );
      return outcome;
    },
  };
}

export function createWebTrafficWriter(ctx: WriterContext): KindWriter {
  return {
    keyOf: (row) => `${String(row.day)}\u0000${String(row.source)}`,
    async writeBatch(tx, rows) {
      const columns: BulkColumn[] = [
        { name: 'day', pgType: 'date', values: rows.map((r) => r.values.day) },
        { name: 'source', pgType: 'text', values: rows.map((r) => r.values.source) },
        ...counterColumns(ctx, rows, TRAFFIC_COUNTERS, 'int4'),
        ...counterColumns(ctx, rows, ['engagedSeconds'], 'float8'),
      ];
      const written = await bulkUpsert(tx, {
        table: 'WebTrafficDaily',
        tenantId: ctx.tenantId,
        columns,
        conflict: ['day', 'source'],
        returning: ['source'],
        touchUpdatedAt: false,
      });
      await markDirtyLocalDays(
        tx,
        ctx.tenantId,
        rows.map((r) => String(r.values.day)),
      );
      return countUpserts(emptyOutcome(), written);
    },
  };
}

/** Counters the file provides; an empty cell counts 0 (the columns are NOT NULL). */
function counterColumns(
  ctx: WriterContext,
  rows: readonly ParsedRow[],
  fields: readonly string[],
  pgType: 'int4' | 'float8',
): BulkColumn[] {
  return fields
    .filter((f) => ctx.present.has(f))
    .map((f) => ({ name: f, pgType, values: rows.map((r) => num(r.values[f]) ?? 0) }));
}

/** Creates unknown campaigns (name defaults to the id, channel to emailing); a given name or channel is updated. */
async function upsertCampaigns(
  tx: Tx,
  ctx: WriterContext,
  rows: readonly ParsedRow[],
): Promise<Map<string, string>> {
  const latest = new Map<string, { name: string | null; channel: string | null }>();
  for (const row of rows) {
    const prior = latest.get(String(row.values.externalId));
    latest.set(String(row.values.externalId), {
      name: str(row.values.name) ?? prior?.name ?? null,
      channel: str(row.values.channel) ?? prior?.channel ?? null,
    });
  }
  const ids = [...latest.keys()];
  const names = ids.map((id) => latest.get(id)!.name);
  const channels = ids.map((id) => latest.get(id)!.channel);
  await tx.$executeRawUnsafe(
    `INSERT INTO "Campaign" ("tenantId", source, "externalId", name, channel)
     SELECT $1, $2, u.e, COALESCE(u.n, u.e), COALESCE(u.c, 'emailing')
     FROM unnest($3::text[], $4::text[], $5::text[]) AS u(e, n, c)
     ON CONFLICT ("tenantId", source, "externalId") DO NOTHING`,
    ctx.tenantId,
    ctx.source,
    ids,
    names,
    channels,
  );
  await tx.$executeRawUnsafe(
    `UPDATE "Campaign" c SET name = COALESCE(u.n, c.name), channel = COALESCE(u.c, c.channel), "updatedAt" = now()
     FROM unnest($3::text[], $4::text[], $5::text[]) AS u(e, n, c)
     WHERE c."tenantId" = $1 AND c.source = $2 AND c."externalId" = u.e AND (u.n IS NOT NULL OR u.c IS NOT NULL)`,
    ctx.tenantId,
    ctx.source,
    ids,
    names,
    channels,
  );
  const found = await tx.$queryRawUnsafe<{ id: string; externalId: string }[]>(
    `SELECT id, "externalId" FROM "Campaign" WHERE "tenantId" = $1 AND source = $2 AND "externalId" = ANY($3::text[])`,
    ctx.tenantId,
    ctx.source,
    ids,
  );
  return new Map(found.map((c) => [c.externalId, c.id]));
}
