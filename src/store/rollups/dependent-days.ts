import { dayRuns, instantsOf, type LocalDay } from './local-days.ts';
import type { SqlClient } from './rollup-sql.ts';
import { SqlParams } from './sql-params.ts';

/**
 * Days outside `days` whose figures can change when rows dated on `days` change:
 * - first_meetings: adding, moving or deleting a meeting can make another meeting of the same lead (or deal)
 *   the first one, on another day;
 * - stage_entered: a deal's stage changes take its owner, its team and its deletion from the deal row.
 * Changes that move attribution elsewhere (a rep changing team, a lead changing channel) are not found here: the
 * writer marks those days, or runs a full recompute.
 */
export async function dependentDays(
  sql: SqlClient,
  tenantId: string,
  tz: string,
  days: readonly LocalDay[],
): Promise<LocalDay[]> {
  if (days.length === 0) return [];
  const params = new SqlParams();
  const tenant = params.shared(tenantId, 'text');
  const zone = params.shared(tz, 'text');
  const ranges = dayRuns(days).map((r) => {
    const { from, to } = instantsOf(r, tz);
    return [params.add(from.toISOString(), 'timestamptz'), params.add(to.toISOString(), 'timestamptz')];
  });
  const within = (column: string) =>
    ranges.map(([from, to]) => `(${column} >= ${from} AND ${column} < ${to})`).join(' OR ');
  const rows = await sql.$queryRawUnsafe<{ day: string }[]>(
    `WITH touched AS (
       SELECT "leadId", "dealId" FROM "Activity" WHERE "tenantId" = ${tenant} AND (${within('"occurredAt"')})
     ), touched_deals AS (
       SELECT id FROM "Deal" WHERE "tenantId" = ${tenant}
         AND (${within('"createdAt"')} OR ${within('"proposalSentAt"')} OR ${within('"closedAt"')})
     ), dated AS (
       SELECT b."occurredAt" AS at FROM "Activity" b
       WHERE b."tenantId" = ${tenant} AND b.type = 'meeting'
         AND b."leadId" IN (SELECT "leadId" FROM touched WHERE "leadId" IS NOT NULL)
       UNION ALL
       SELECT b."occurredAt" FROM "Activity" b
       WHERE b."tenantId" = ${tenant} AND b.type = 'meeting' AND b."leadId" IS NULL
         AND b."dealId" IN (SELECT "dealId" FROM touched WHERE "leadId" IS NULL AND "dealId" IS NOT NULL)
       UNION ALL
       SELECT s.at FROM "DealStageChange" s
       WHERE s."tenantId" = ${tenant} AND s."dealId" IN (SELECT id FROM touched_deals)
     )
     SELECT DISTINCT (at AT TIME ZONE ${zone})::date::text AS day FROM dated`,
    ...params.values,
  );
  const known = new Set(days);
  return rows.map((r) => r.day).filter((d) => !known.has(d));
}
