import type { CanonicalDeal } from '../../connectors/types.ts';
import type { Tx } from '../../store/csv-import/index.ts';
import { markDirtyDays } from '../../store/dirty-days.ts';

/**
 * The vendor's stage history of each deal → DealStageChange rows, idempotent on (tenant, deal, toStage, at).
 * The history is the authority on where a move came from, so a row the writer inferred for the same move takes
 * the history's fromStage.
 */
export async function recordStageHistory(
  tx: Tx,
  scope: { tenantId: string; source: string; tz: string },
  deals: readonly CanonicalDeal[] | undefined,
): Promise<number> {
  const withHistory = (deals ?? []).filter((d) => (d.stageHistory?.length ?? 0) > 0);
  if (withHistory.length === 0) return 0;
  const ids = await tx.$queryRawUnsafe<{ id: string; externalId: string }[]>(
    `SELECT id, "externalId" FROM "Deal" WHERE "tenantId" = $1 AND source = $2 AND "externalId" = ANY($3::text[])`,
    scope.tenantId,
    scope.source,
    withHistory.map((d) => d.externalId),
  );
  const idOf = new Map(ids.map((r) => [r.externalId, r.id]));
  const rows: { dealId: string; from: string | null; to: string; at: Date }[] = [];
  for (const deal of withHistory) {
    const dealId = idOf.get(deal.externalId);
    if (!dealId) continue;
    const steps = [...(deal.stageHistory ?? [])]
      .filter((s) => s.at instanceof Date && !Number.isNaN(s.at.getTime()) && s.stage !== '')
      .sort((a, b) => a.at.getTime() - b.at.getTime());
    let previous: string | null = null;
    const seen = new Set<string>();
    for (const step of steps) {
      const key = `${step.stage}\u0000${step.at.getTime()}`;
      if (step.stage !== previous && !seen.has(key)) {
        rows.push({ dealId, from: previous, to: step.stage, at: step.at });
        seen.add(key);
      }
      previous = step.stage;
    }
  }
  if (rows.length === 0) return 0;
  await tx.$executeRawUnsafe(
    `INSERT INTO "DealStageChange" ("tenantId", "dealId", "fromStage", "toStage", at)
     SELECT $1, u.d, u.f, u.t, u.a FROM unnest($2::text[], $3::text[], $4::text[], $5::timestamptz[]) AS u(d, f, t, a)
     ON CONFLICT ("tenantId", "dealId", "toStage", at) DO UPDATE SET "fromStage" = EXCLUDED."fromStage"`,
    scope.tenantId,
    rows.map((r) => r.dealId),
    rows.map((r) => r.from),
    rows.map((r) => r.to),
    rows.map((r) => r.at.toISOString()),
  );
  await markDirtyDays(
    tx,
    scope.tenantId,
    scope.tz,
    rows.map((r) => r.at),
  );
  return rows.length;
}
