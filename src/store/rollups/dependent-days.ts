import { dayRuns, instantsOf, type LocalDay } from './local-days.ts';
import type { SqlClient } from './rollup-sql.ts';
import { SqlParams } from './sql-params.ts';

/** Days outside the dirty ones where one measure depends on rows dated on dirty days. */
export interface DependentDays {
  first_meetings: LocalDay[];
  stage_entered: LocalDay[];
}

/**
 * - first_meetings: adding, moving or deleting a meeting changes which meeting of its lead (or deal) is the first.
 *   For each lead (or deal) with a meeting on a dirty day, deleted or not, walking its meetings in time order,
 *   every one up to the first meeting on a clean day can have gained or lost its "first" status; later ones
 *   cannot. (A meeting retyped to a call on a dirty day is not followed: mark its lead's meeting days.)
 * - stage_entered: a deal's stage changes take their rep, team and existence from the deal row, so a deal dated on
 *   a dirty day brings its stage changes' days.
 * Changes that move attribution elsewhere (a rep changing team, a lead changing channel, a meeting moved to another
 * lead) are not found here: the writer marks those days, or runs a full recompute.
 */
export async function dependentDays(
  sql: SqlClient,
  tenantId: string,
  tz: string,
  days: readonly LocalDay[],
): Promise<DependentDays> {
  if (days.length === 0) return { first_meetings: [], stage_entered: [] };
  const params = new SqlParams();
  const tenant = params.shared(tenantId, 'text');
  const zone = params.shared(tz, 'text');
  const dirty = params.add(days, 'date[]');
  const ranges = dayRuns(days).map((r) => {
    const { from, to } = instantsOf(r, tz);
    return [params.add(from.toISOString(), 'timestamptz'), params.add(to.toISOString(), 'timestamptz')];
  });
  const within = (column: string) =>
    ranges.map(([from, to]) => `(${column} >= ${from} AND ${column} < ${to})`).join(' OR ');
  const meetingsOf = (key: string, keys: string, extra: string) =>
    `SELECT '${key}' || b."${key}" AS key, b."occurredAt" AS at, b.id FROM "Activity" b
     JOIN ${keys} k ON b."${key}" = k.id
     WHERE b."tenantId" = ${tenant} AND b.type = 'meeting' AND b."deletedAt" IS NULL ${extra}`;
  const rows = await sql.$queryRawUnsafe<{ day: string; measure: keyof DependentDays }[]>(
    `WITH touched AS (
       SELECT "leadId", "dealId" FROM "Activity"
       WHERE "tenantId" = ${tenant} AND type = 'meeting' AND (${within('"occurredAt"')})
     ), lead_keys AS (
       SELECT DISTINCT "leadId" AS id FROM touched WHERE "leadId" IS NOT NULL
     ), deal_keys AS (
       SELECT DISTINCT "dealId" AS id FROM touched WHERE "leadId" IS NULL AND "dealId" IS NOT NULL
     ), meetings AS (
       ${meetingsOf('leadId', 'lead_keys', '')}
       UNION ALL
       ${meetingsOf('dealId', 'deal_keys', 'AND b."leadId" IS NULL')}
     ), walked AS (
       SELECT (at AT TIME ZONE ${zone})::date AS day,
         bool_and((at AT TIME ZONE ${zone})::date = ANY(${dirty})) OVER (
           PARTITION BY key ORDER BY at, id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
         ) AS after_dirty_only
       FROM meetings
     ), touched_deals AS (
       SELECT id FROM "Deal" WHERE "tenantId" = ${tenant}
         AND (${within('"createdAt"')} OR ${within('"proposalSentAt"')} OR ${within('"closedAt"')})
     )
     SELECT DISTINCT day::text AS day, 'first_meetings' AS measure FROM walked WHERE after_dirty_only IS NOT FALSE
     UNION
     SELECT DISTINCT (s.at AT TIME ZONE ${zone})::date::text, 'stage_entered' FROM "DealStageChange" s
     WHERE s."tenantId" = ${tenant} AND s."dealId" IN (SELECT id FROM touched_deals)`,
    ...params.values,
  );
  const known = new Set(days);
  const result: DependentDays = { first_meetings: [], stage_entered: [] };
  for (const row of rows) if (!known.has(row.day)) result[row.measure].push(row.day);
  return result;
}
