import {
  DIMENSIONS,
  MEASURE_NAMES,
  type MeasureName,
  ROLLUP_GROUPINGS,
} from '../../core/metrics/measures.ts';
import { factsSql, measuresByEntity } from './facts-sql.ts';
import { addMonths, dayRuns, instantsOf, type LocalDay, monthOf } from './local-days.ts';
import type { SqlClient } from './rollup-sql.ts';
import { SqlParams } from './sql-params.ts';

const groupingSets = ROLLUP_GROUPINGS.map((g) => `(${g.map((d) => `f."${d}"`).join(', ')})`).join(', ');
const rolledUpDims = DIMENSIONS.map(
  (d) => `CASE WHEN GROUPING(f."${d}") = 1 THEN '*' ELSE f."${d}" END`,
).join(', ');
const dimColumns = DIMENSIONS.map((d) => `"${d}"`).join(', ');

/**
 * Replaces the MetricDaily rows of these tenant-local days with figures computed from the raw rows dated on them,
 * for every grouping set, for `measures` (default: all). Returns the rows written. Run it inside the transaction
 * that holds the tenant's rollup lock, then rewriteMonths for the months touched.
 */
export async function rewriteDays(
  sql: SqlClient,
  tenantId: string,
  tz: string,
  days: readonly LocalDay[],
  measures: readonly MeasureName[] = MEASURE_NAMES,
): Promise<number> {
  if (days.length === 0 || measures.length === 0) return 0;
  await sql.$executeRawUnsafe(
    'DELETE FROM "MetricDaily" WHERE "tenantId" = $1 AND day = ANY($2::date[]) AND measure = ANY($3::text[])',
    tenantId,
    days,
    measures,
  );
  const runs = dayRuns(days);
  const window = { instants: runs.map((r) => instantsOf(r, tz)), days: runs };
  let rows = 0;
  for (const [entity, ofEntity] of measuresByEntity(measures)) {
    const params = new SqlParams();
    const tenant = params.shared(tenantId, 'text');
    const facts = factsSql(entity, ofEntity, window, params, { tenantId, dayZone: tz });
    if (!facts) continue;
    rows += await sql.$executeRawUnsafe(
      `INSERT INTO "MetricDaily" ("tenantId", measure, day, ${dimColumns}, value)
       SELECT ${tenant}, f.measure, f.day, ${rolledUpDims}, sum(f.value)
       FROM (${facts}) AS f
       GROUP BY f.measure, f.day, GROUPING SETS (${groupingSets})`,
      ...params.values,
    );
  }
  return rows;
}

/** MetricMonthly of the months of these days = the sum of their MetricDaily rows, for `measures` (default: all). */
export async function rewriteMonths(
  sql: SqlClient,
  tenantId: string,
  days: readonly LocalDay[],
  measures: readonly MeasureName[] = MEASURE_NAMES,
) {
  const months = [...new Set(days.map(monthOf))].sort();
  const first = months[0];
  const last = months.at(-1);
  if (!first || !last || measures.length === 0) return;
  await sql.$executeRawUnsafe(
    'DELETE FROM "MetricMonthly" WHERE "tenantId" = $1 AND month = ANY($2::date[]) AND measure = ANY($3::text[])',
    tenantId,
    months,
    measures,
  );
  await sql.$executeRawUnsafe(
    `INSERT INTO "MetricMonthly" ("tenantId", measure, month, ${dimColumns}, value)
     SELECT "tenantId", measure, date_trunc('month', day::timestamp)::date, ${dimColumns}, sum(value)
     FROM "MetricDaily"
     WHERE "tenantId" = $1 AND measure = ANY($3::text[]) AND day >= $4::date AND day < $5::date
       AND date_trunc('month', day::timestamp)::date = ANY($2::date[])
     GROUP BY "tenantId", measure, date_trunc('month', day::timestamp)::date, ${dimColumns}`,
    tenantId,
    months,
    measures,
    first,
    addMonths(last, 1),
  );
}
