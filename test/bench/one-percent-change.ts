import pg from 'pg';
import { BENCH_TENANT, BENCH_TZ } from './company-sql.ts';

export interface ChangeReport {
  leads: number;
  deals: number;
  dirtyDays: number;
}

/**
 * What a daily sync does to the company: 1% of the leads and 1% of the deals change, and they are the most recent
 * ones (a sync touches live records, not three-year-old ones): leads get qualified, converted or re-dated, deals
 * change amount, and open deals close. Every local day a changed row was or is now counted on is recorded in
 * RollupDirtyDay, as the import and sync paths do (src/store/dirty-days.ts), before and after the change.
 */
export async function applyOnePercentChange(url: string, now: Date): Promise<ChangeReport> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const T = `'${BENCH_TENANT}'`;
  const NOW = `'${now.toISOString()}'::timestamptz`;
  const r = (alias: string, salt: number) => `bench_rand(hashtext(${alias}.id)::bigint, ${salt})`;
  const markDirty = `
    INSERT INTO "RollupDirtyDay" ("tenantId", day)
    SELECT DISTINCT ${T}, (x AT TIME ZONE '${BENCH_TZ}')::date FROM (
      SELECT unnest(ARRAY[l."createdAt", l."qualifiedAt", l."convertedAt", l."lostAt"]) AS x
      FROM "Lead" l JOIN bench_changed_leads USING (id)
      UNION ALL
      SELECT unnest(ARRAY[d."createdAt", d."proposalSentAt", d."closedAt"])
      FROM "Deal" d JOIN bench_changed_deals USING (id)
    ) AS dates WHERE x IS NOT NULL
    ON CONFLICT ("tenantId", day) DO UPDATE SET at = now()`;
  try {
    await client.query('BEGIN');
    const leads = await client.query(`CREATE TEMP TABLE bench_changed_leads ON COMMIT DROP AS
      SELECT id FROM "Lead" WHERE "tenantId" = ${T} AND "deletedAt" IS NULL
      ORDER BY "createdAt" DESC LIMIT (SELECT count(*) / 100 FROM "Lead" WHERE "tenantId" = ${T})`);
    const deals = await client.query(`CREATE TEMP TABLE bench_changed_deals ON COMMIT DROP AS
      SELECT id FROM "Deal" WHERE "tenantId" = ${T} AND "deletedAt" IS NULL
      ORDER BY "createdAt" DESC LIMIT (SELECT count(*) / 100 FROM "Deal" WHERE "tenantId" = ${T})`);
    await client.query(markDirty);
    await client.query(`UPDATE "Lead" l SET
        "createdAt" = l."createdAt" - floor(${r('l', 101)} * 3) * interval '1 day',
        "qualifiedAt" = CASE WHEN l."qualifiedAt" IS NULL AND l."lostAt" IS NULL AND ${r('l', 102)} < 0.3
          THEN LEAST(l."createdAt" + interval '1 day', ${NOW}) ELSE l."qualifiedAt" END,
        "convertedAt" = CASE WHEN l."qualifiedAt" IS NOT NULL AND l."convertedAt" IS NULL AND ${r('l', 103)} < 0.2
          THEN LEAST(l."qualifiedAt" + interval '2 days', ${NOW}) ELSE l."convertedAt" END,
        "updatedAt" = ${NOW}
      FROM bench_changed_leads c WHERE c.id = l.id`);
    await client.query(`UPDATE "Deal" d SET
        amount = round((d.amount * (0.8 + 0.4 * ${r('d', 111)}))::numeric, 2)::float8,
        status = CASE WHEN d.status = 'open' AND ${r('d', 112)} < 0.5
          THEN (CASE WHEN ${r('d', 113)} < 0.4 THEN 'won' ELSE 'lost' END)::"DealStatus" ELSE d.status END,
        stage = CASE WHEN d.status = 'open' AND ${r('d', 112)} < 0.5
          THEN CASE WHEN ${r('d', 113)} < 0.4 THEN 'closed_won' ELSE 'closed_lost' END ELSE d.stage END,
        "closedAt" = CASE WHEN d.status = 'open' AND ${r('d', 112)} < 0.5
          THEN ${NOW} - ${r('d', 114)} * (${NOW} - d."createdAt") ELSE d."closedAt" END,
        "proposalSentAt" = COALESCE(d."proposalSentAt", d."createdAt" + 0.5 * (${NOW} - d."createdAt")),
        "updatedAt" = ${NOW}
      FROM bench_changed_deals c WHERE c.id = d.id`);
    await client.query(markDirty);
    const dirty = await client.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM "RollupDirtyDay" WHERE "tenantId" = ${T}`,
    );
    await client.query('COMMIT');
    return {
      leads: leads.rowCount ?? 0,
      deals: deals.rowCount ?? 0,
      dirtyDays: Number(dirty.rows[0]?.n ?? 0),
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
