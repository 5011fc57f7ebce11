import type { MeasureName } from '../../core/metrics/measures.ts';
import type { Database } from '../database.ts';
import { dependentDays } from './dependent-days.ts';
import { assertTimeZone, type LocalDay } from './local-days.ts';
import { rewriteDays, rewriteMonths } from './rewrite-days.ts';
import type { SqlClient } from './rollup-sql.ts';
import { tenantZone } from './tenant-zone.ts';

export interface RecomputeResult {
  /** Local days whose MetricDaily rows were rewritten. */
  days: number;
  /** MetricDaily rows written. */
  rows: number;
  ms: number;
}

/** Days per transaction: bounds the memory and the lock time of one step, on PGlite too. */
const BATCH_DAYS = 62;
/** A namespace for pg_advisory_xact_lock(int, int), so other features may lock on a tenant too. */
const ROLLUP_LOCK = 0x6b70_6931;

export class UnknownTenantError extends Error {
  readonly code = 'unknown_tenant';
}

/**
 * Brings a tenant's rollups up to date. Incremental (default): the days recorded in RollupDirtyDay, plus the days
 * that depend on them, each batch rewritten in one transaction that also consumes its dirty rows (a crash leaves
 * them dirty). Full: every day from the tenant's first to its last dated row (and any day already rolled up) is
 * marked dirty, then processed the same way, one batch after another, so readers always see whole days.
 */
export async function recomputeRollups(
  db: Database,
  tenantId: string,
  opts: { full?: boolean } = {},
): Promise<RecomputeResult> {
  const started = performance.now();
  const tz = await tenantZone(db.prisma, tenantId);
  if (tz === null)
    throw new UnknownTenantError(`No tenant "${tenantId}": create it before computing its rollups`);
  assertTimeZone(tz);
  if (opts.full) await markEverythingDirty(db, tenantId, tz);
  let days = 0;
  let rows = 0;
  for (;;) {
    const batch = await db.prisma.$transaction(
      async (tx) => {
        await lockTenant(tx, tenantId);
        const dirty = await takeDirtyDays(tx, tenantId);
        const extra = opts.full ? null : await dependentDays(tx, tenantId, tz, dirty);
        let written = await rewriteDays(tx, tenantId, tz, dirty);
        await rewriteMonths(tx, tenantId, dirty);
        const touched = new Set(dirty);
        for (const [measure, days] of Object.entries(extra ?? {}) as [MeasureName, LocalDay[]][]) {
          written += await rewriteDays(tx, tenantId, tz, days, [measure]);
          await rewriteMonths(tx, tenantId, days, [measure]);
          for (const day of days) touched.add(day);
        }
        return { taken: dirty.length, days: touched.size, rows: written };
      },
      { maxWait: 60_000, timeout: 30 * 60_000 },
    );
    days += batch.days;
    rows += batch.rows;
    if (batch.taken < BATCH_DAYS) break;
  }
  return { days, rows, ms: Math.round(performance.now() - started) };
}

async function lockTenant(sql: SqlClient, tenantId: string) {
  await sql.$executeRawUnsafe(
    'SELECT pg_advisory_xact_lock($1::int, hashtext($2::text))',
    ROLLUP_LOCK,
    tenantId,
  );
}

/** Removes and returns the earliest dirty days; the removal only sticks if the transaction commits. */
async function takeDirtyDays(sql: SqlClient, tenantId: string): Promise<LocalDay[]> {
  const rows = await sql.$queryRawUnsafe<{ day: string }[]>(
    `DELETE FROM "RollupDirtyDay" WHERE "tenantId" = $1 AND day IN (
       SELECT day FROM "RollupDirtyDay" WHERE "tenantId" = $1 ORDER BY day LIMIT ${BATCH_DAYS}
     ) RETURNING day::text AS day`,
    tenantId,
  );
  return rows.map((r) => r.day);
}

const instantColumns: readonly [string, string][] = [
  ['Lead', 'createdAt'],
  ['Lead', 'qualifiedAt'],
  ['Lead', 'convertedAt'],
  ['Lead', 'lostAt'],
  ['Deal', 'createdAt'],
  ['Deal', 'proposalSentAt'],
  ['Deal', 'closedAt'],
  ['DealStageChange', 'at'],
  ['Activity', 'occurredAt'],
  ['Account', 'firstWonAt'],
  ['Account', 'churnedAt'],
  ['Survey', 'at'],
];
/** Daily tables, and MetricDaily itself so that days no longer backed by any row are cleared too. */
const dayTables: readonly string[] = ['CampaignDaily', 'WebTrafficDaily', 'MetricDaily'];

/**
 * Marks dirty every local day that holds a dated row or a rollup row (the days themselves, not the span between
 * the first and the last: one mistyped year must not mean millions of empty days), and drops monthly rows of
 * months left with no day to rebuild.
 */
async function markEverythingDirty(db: Database, tenantId: string, tz: string) {
  const days = [
    ...instantColumns.map(
      ([table, column]) =>
        `SELECT ("${column}" AT TIME ZONE $2)::date AS day FROM "${table}"
         WHERE "tenantId" = $1 AND "${column}" IS NOT NULL`,
    ),
    ...dayTables.map((table) => `SELECT day FROM "${table}" WHERE "tenantId" = $1`),
  ].join('\nUNION\n');
  await db.prisma.$transaction(
    async (tx) => {
      await lockTenant(tx, tenantId);
      await tx.$executeRawUnsafe(
        `INSERT INTO "RollupDirtyDay" ("tenantId", day) SELECT $1, day FROM (${days}) AS d
         ON CONFLICT ("tenantId", day) DO UPDATE SET at = now()`,
        tenantId,
        tz,
      );
      await tx.$executeRawUnsafe(
        `DELETE FROM "MetricMonthly" m WHERE m."tenantId" = $1 AND NOT EXISTS (
           SELECT 1 FROM "RollupDirtyDay" r
           WHERE r."tenantId" = $1 AND r.day >= m.month AND r.day < m.month + interval '1 month')`,
        tenantId,
      );
    },
    { maxWait: 60_000, timeout: 30 * 60_000 },
  );
}
