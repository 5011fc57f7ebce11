import type { RecordPage } from '../../connectors/types.ts';
import type { Tx } from '../../store/csv-import/index.ts';
import { markDirtyDays } from '../../store/dirty-days.ts';

type DeletableKind = 'leads' | 'deals' | 'activities';

const TABLES: Record<DeletableKind, { table: string; dates: readonly string[] }> = {
  leads: { table: 'Lead', dates: ['createdAt', 'qualifiedAt', 'convertedAt', 'lostAt'] },
  deals: {
    table: 'Deal',
    dates: ['createdAt', 'proposalSentAt', 'proposalReadAt', 'proposalFollowedUpAt', 'closedAt'],
  },
  activities: { table: 'Activity', dates: ['occurredAt'] },
};

/**
 * Soft-deletes what the source deleted (deletedAt = now): rollups skip such rows, so every date they counted on
 * is marked dirty. Returns how many live rows were deleted; unknown or already deleted ids are no-ops.
 */
export async function applyDeletions(
  tx: Tx,
  scope: { tenantId: string; source: string; tz: string; now: Date },
  deleted: RecordPage['deleted'],
): Promise<number> {
  let count = 0;
  for (const { kind, externalIds } of deleted ?? []) {
    if (externalIds.length === 0) continue;
    const { table, dates } = TABLES[kind];
    const rows = await tx.$queryRawUnsafe<Record<string, Date | null>[]>(
      `UPDATE "${table}" SET "deletedAt" = $4, "updatedAt" = now()
       WHERE "tenantId" = $1 AND source = $2 AND "externalId" = ANY($3::text[]) AND "deletedAt" IS NULL
       RETURNING ${dates.map((d) => `"${d}"`).join(', ')}`,
      scope.tenantId,
      scope.source,
      [...new Set(externalIds)],
      scope.now.toISOString(),
    );
    count += rows.length;
    const stageDates = kind === 'deals' ? await stageChangeDates(tx, scope, externalIds) : [];
    await markDirtyDays(tx, scope.tenantId, scope.tz, [
      ...rows.flatMap((r) => dates.map((d) => r[d])),
      ...stageDates,
    ]);
  }
  return count;
}

/**
 * A deal the source sends again after deleting it (restored from the bin, an undone merge) is alive again, and so
 * are its stage changes in the funnels. (Leads and activities are revived by their writers' upsert itself.)
 */
export async function reviveDeals(
  tx: Tx,
  scope: { tenantId: string; source: string; tz: string },
  deals: readonly { externalId: string }[] | undefined,
) {
  if (!deals || deals.length === 0) return;
  const revived = await tx.$queryRawUnsafe<{ externalId: string }[]>(
    `UPDATE "Deal" SET "deletedAt" = NULL
     WHERE "tenantId" = $1 AND source = $2 AND "externalId" = ANY($3::text[]) AND "deletedAt" IS NOT NULL
     RETURNING "externalId"`,
    scope.tenantId,
    scope.source,
    deals.map((d) => d.externalId),
  );
  if (revived.length === 0) return;
  const ids = revived.map((r) => r.externalId);
  await markDirtyDays(tx, scope.tenantId, scope.tz, await stageChangeDates(tx, scope, ids));
}

/** Stage funnels count a deal's stage changes only while the deal is alive. */
async function stageChangeDates(
  tx: Tx,
  scope: { tenantId: string; source: string },
  externalIds: readonly string[],
): Promise<Date[]> {
  const rows = await tx.$queryRawUnsafe<{ at: Date }[]>(
    `SELECT s.at FROM "DealStageChange" s JOIN "Deal" d ON d.id = s."dealId" AND d."tenantId" = s."tenantId"
     WHERE d."tenantId" = $1 AND d.source = $2 AND d."externalId" = ANY($3::text[])`,
    scope.tenantId,
    scope.source,
    [...externalIds],
  );
  return rows.map((r) => r.at);
}
