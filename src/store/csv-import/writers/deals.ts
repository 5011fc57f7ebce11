import { markDirtyDays } from '../../dirty-days.ts';
import { bulkUpsert, selectExisting, type Tx } from '../bulk-sql.ts';
import { resolvePeople } from '../people.ts';
import { AccountDirectory, idsByExternalId } from '../reference-lookups.ts';
import type { ParsedRow } from '../row-parser.ts';
import {
  countUpserts,
  date,
  emptyOutcome,
  insertNewRecords,
  type KindWriter,
  num,
  recordColumns,
  sourceKeys,
  str,
  type WriterContext,
} from '../writer.ts';

const DATE_FIELDS = [
  'createdAt',
  'proposalSentAt',
  'proposalReadAt',
  'proposalFollowedUpAt',
  'closedAt',
] as const;
const TEXT_FIELDS = ['name', 'stage', 'currency', 'channel'] as const;

interface ExistingDeal {
  id: string;
  externalId: string;
  stage: string | null;
  createdAt: Date;
  proposalSentAt: Date | null;
  proposalReadAt: Date | null;
  proposalFollowedUpAt: Date | null;
  closedAt: Date | null;
}

export function createDealWriter(ctx: WriterContext): KindWriter {
  const accounts = new AccountDirectory(ctx.tenantId, ctx.source);
  return {
    keyOf: (row) => String(row.externalId),
    reset: () => accounts.reset(),
    async writeBatch(tx, rows) {
      const outcome = emptyOutcome();
      const owners = await resolvePeople(tx, ctx, rows, 'owner');
      const teamIds = await resolveTeams(tx, ctx, rows, owners);
      const accountIds = ctx.present.has('account')
        ? await accounts.resolve(
            tx,
            rows.map((r) => str(r.values.account)).filter((a) => a !== null),
          )
        : new Map<string, string>();
      const leadIds = ctx.present.has('leadId')
        ? await idsByExternalId(
            tx,
            'Lead',
            ctx.tenantId,
            ctx.source,
            rows.flatMap((r) => str(r.values.leadId) ?? []),
          )
        : new Map<string, string>();
      const linkedLead = rows.map((row) => {
        const ref = str(row.values.leadId);
        if (ref === null) return null;
        const id = leadIds.get(ref);
        if (!id)
          outcome.warnings.push({
            line: row.line,
            reason: `lead '${ref}' not found in ${ctx.source}: not linked`,
          });
        return id ?? null;
      });

      const columnsOf = (indices: readonly number[], existing: ReadonlyMap<string, ExistingDeal>) => {
        const batch = indices.map((i) => rows[i]!);
        const { columns, createdAt } = recordColumns(ctx, batch, existing, {
          text: TEXT_FIELDS,
          dates: DATE_FIELDS,
        });
        if (ctx.present.has('status')) {
          columns.push({
            name: 'status',
            pgType: 'text',
            cast: '"DealStatus"',
            values: batch.map((r) => str(r.values.status)),
          });
        }
        if (ctx.present.has('amount'))
          columns.push({ name: 'amount', pgType: 'float8', values: batch.map((r) => num(r.values.amount)) });
        if (ctx.present.has('owner'))
          columns.push({
            name: 'ownerRepId',
            pgType: 'text',
            values: indices.map((i) => owners[i]?.id ?? null),
          });
        if (teamIds) columns.push({ name: 'teamId', pgType: 'text', values: indices.map((i) => teamIds[i]) });
        if (ctx.present.has('account')) {
          const ids = batch.map((r) => accountIds.get(str(r.values.account)?.toLowerCase() ?? '') ?? null);
          columns.push({ name: 'accountId', pgType: 'text', values: ids });
        }
        if (ctx.present.has('leadId'))
          columns.push({ name: 'leadId', pgType: 'text', values: indices.map((i) => linkedLead[i]) });
        return { batch, columns, createdAt };
      };
      const all = rows.map((_, i) => i);
      const stored = await insertNewRecords(tx, ctx, rows, {
        table: 'Deal',
        columns: columnsOf(all, new Map()).columns,
        dates: DATE_FIELDS,
      });
      outcome.inserted += rows.length - stored.length;
      const idOf = new Map<string, string>();

      // The deals that were there: their old dates are dirty too, and a stage that differs is a stage move.
      const existing = new Map<string, ExistingDeal>();
      const touched: (Date | null)[] = [];
      if (stored.length > 0) {
        const found = await selectExisting<ExistingDeal>(
          tx,
          'Deal',
          ctx.tenantId,
          sourceKeys(ctx, rows, stored),
          ['id', 'externalId', 'stage', ...DATE_FIELDS],
        );
        for (const d of found) existing.set(d.externalId, d);
        const { batch, columns, createdAt } = columnsOf(stored, existing);
        const written = await bulkUpsert<{ id: string; externalId: string }>(tx, {
          table: 'Deal',
          tenantId: ctx.tenantId,
          columns,
          conflict: ['source', 'externalId'],
          returning: ['id', 'externalId'],
          touchUpdatedAt: true,
        });
        countUpserts(outcome, written);
        for (const w of written) idOf.set(w.externalId, w.id);
        touched.push(...createdAt);
        for (const row of batch) for (const field of DATE_FIELDS) touched.push(date(row.values[field]));
        for (const old of existing.values()) for (const field of DATE_FIELDS) touched.push(old[field]);
      }

      await recordStageChanges(tx, ctx, rows, existing, idOf);
      const won = rows
        .map((row, i) => ({ row, leadId: linkedLead[i] ?? null, closedAt: date(row.values.closedAt) }))
        .filter((w) => w.row.values.status === 'won' && w.closedAt !== null);
      touched.push(...(await convertLeads(tx, ctx.tenantId, won)));
      if (ctx.present.has('account')) {
        const accountWins = won.map((w) => ({
          accountId: accountIds.get(str(w.row.values.account)?.toLowerCase() ?? '') ?? null,
          closedAt: w.closedAt,
        }));
        touched.push(...(await recordFirstWins(tx, ctx.tenantId, accountWins)));
      }
      await markDirtyDays(tx, ctx.tenantId, ctx.tz, touched);
      return outcome;
    },
  };
}

/** The deal's team: the file's team column, else the owner's current team; undefined = leave as is. */
async function resolveTeams(
  tx: Tx,
  ctx: WriterContext,
  rows: readonly ParsedRow[],
  owners: readonly ({ teamId: string | null } | null | undefined)[],
): Promise<(string | null)[] | undefined> {
  if (!ctx.present.has('team') && !ctx.present.has('owner')) return undefined;
  const ids: (string | null)[] = [];
  for (const [i, row] of rows.entries()) {
    const name = str(row.values.team);
    ids.push(name ? (await ctx.teams.findOrCreate(tx, name)).team.id : (owners[i]?.teamId ?? null));
  }
  return ids;
}

/**
 * A stage that differs from the stored one is a stage move: dated by the row's updatedAt when the file has it,
 * else by the close date of a closed deal, else by the import time.
 */
async function recordStageChanges(
  tx: Tx,
  ctx: WriterContext,
  rows: readonly ParsedRow[],
  existing: ReadonlyMap<string, ExistingDeal>,
  idOf: ReadonlyMap<string, string>,
): Promise<void> {
  if (!ctx.present.has('stage')) return;
  const changes: { dealId: string; from: string | null; to: string; at: string }[] = [];
  for (const row of rows) {
    const old = existing.get(String(row.values.externalId));
    const to = str(row.values.stage);
    const dealId = idOf.get(String(row.values.externalId));
    if (!old || !to || old.stage === to || !dealId) continue;
    const closed = row.values.status === 'won' || row.values.status === 'lost';
    const at = date(row.values.updatedAt) ?? (closed ? date(row.values.closedAt) : null) ?? ctx.now;
    changes.push({ dealId, from: old.stage, to, at: at.toISOString() });
  }
  if (changes.length === 0) return;
  await tx.$executeRawUnsafe(
    `INSERT INTO "DealStageChange" ("tenantId", "dealId", "fromStage", "toStage", at)
     SELECT $1, u.d, u.f, u.t, u.a FROM unnest($2::text[], $3::text[], $4::text[], $5::timestamptz[]) AS u(d, f, t, a)
     ON CONFLICT ("tenantId", "dealId", "toStage", at) DO NOTHING`,
    ctx.tenantId,
    changes.map((c) => c.dealId),
    changes.map((c) => c.from),
    changes.map((c) => c.to),
    changes.map((c) => c.at),
  );
}

/** A won deal converts its lead at the close date, unless the lead converted earlier. Returns the old dates. */
async function convertLeads(
  tx: Tx,
  tenantId: string,
  won: { leadId: string | null; closedAt: Date | null }[],
): Promise<(Date | null)[]> {
  return setEarliest(
    tx,
    tenantId,
    'Lead',
    'convertedAt',
    won.map((w) => ({ id: w.leadId, at: w.closedAt })),
  );
}

/** Account.firstWonAt = the earliest won close date seen. Returns the old dates. */
async function recordFirstWins(
  tx: Tx,
  tenantId: string,
  wins: { accountId: string | null; closedAt: Date | null }[],
): Promise<(Date | null)[]> {
  return setEarliest(
    tx,
    tenantId,
    'Account',
    'firstWonAt',
    wins.map((w) => ({ id: w.accountId, at: w.closedAt })),
  );
}

async function setEarliest(
  tx: Tx,
  tenantId: string,
  table: 'Lead' | 'Account',
  column: 'convertedAt' | 'firstWonAt',
  candidates: { id: string | null; at: Date | null }[],
): Promise<(Date | null)[]> {
  const earliest = new Map<string, Date>();
  for (const { id, at } of candidates) {
    if (!id || !at) continue;
    const current = earliest.get(id);
    if (!current || at < current) earliest.set(id, at);
  }
  if (earliest.size === 0) return [];
  const ids = [...earliest.keys()];
  const replaced = await tx.$queryRawUnsafe<{ old: Date | null }[]>(
    `WITH candidate AS (
       SELECT u.id, u.at FROM unnest($2::text[], $3::timestamptz[]) AS u(id, at)
     ), locked AS (
       SELECT t.id, t."${column}" AS old FROM "${table}" t JOIN candidate c ON c.id = t.id
       WHERE t."tenantId" = $1 AND (t."${column}" IS NULL OR t."${column}" > c.at) FOR UPDATE OF t
     )
     UPDATE "${table}" t SET "${column}" = c.at FROM candidate c, locked l
     WHERE t.id = c.id AND l.id = t.id
     RETURNING l.old`,
    tenantId,
    ids,
    ids.map((id) => earliest.get(id)!.toISOString()),
  );
  return replaced.map((r) => r.old);
}
