import pg from 'pg';
import type { CompanySize } from './company-size.ts';
import { companyGenerationSql } from './company-sql.ts';

/** Tables loaded in bulk: their secondary indexes are built once after the load instead of row by row. */
const BULK_TABLES = ['Lead', 'Deal', 'Activity', 'DealStageChange'];

export interface GenerationReport {
  readonly ms: number;
  readonly steps: readonly { name: string; ms: number }[];
  readonly rows: Readonly<Record<string, number>>;
}

/**
 * Writes the benchmark company into the (fresh, migrated) database at `url`. The bulk tables end with exactly the
 * indexes the migrations gave them: each secondary index is dropped before the load and re-created from its own
 * definition after it, which is how large loads are done in PostgreSQL.
 */
export async function generateCompany(url: string, size: CompanySize, now: Date): Promise<GenerationReport> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const steps: { name: string; ms: number }[] = [];
  const timed = async (name: string, run: () => Promise<unknown>) => {
    const started = performance.now();
    await run();
    steps.push({ name, ms: performance.now() - started });
  };
  const started = performance.now();
  try {
    await client.query(
      `SET synchronous_commit = off; SET maintenance_work_mem = '512MB'; SET work_mem = '64MB'`,
    );
    const indexes = await client.query<{ name: string; definition: string }>(
      `SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
       WHERE i.schemaname = current_schema() AND i.tablename = ANY($1)
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
      [BULK_TABLES],
    );
    await client.query(indexes.rows.map((i) => `DROP INDEX "${i.name}";`).join('\n'));
    for (const step of companyGenerationSql(size, now)) await timed(step.name, () => client.query(step.sql));
    await timed(`indexes (${indexes.rows.length})`, async () => {
      for (const index of indexes.rows) await client.query(index.definition);
    });
    await timed('analyze', () => client.query('ANALYZE'));
    const counted = [
      ...BULK_TABLES,
      'Rep',
      'Account',
      'Survey',
      'CampaignDaily',
      'WebTrafficDaily',
      'Objective',
    ];
    const counts = await client.query<{ table: string; rows: string }>(
      counted.map((t) => `SELECT '${t}' AS table, count(*)::text AS rows FROM "${t}"`).join(' UNION ALL '),
    );
    const rows = Object.fromEntries(counts.rows.map((r) => [r.table, Number(r.rows)]));
    return { ms: performance.now() - started, steps, rows };
  } finally {
    await client.end();
  }
}
