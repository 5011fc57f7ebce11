import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsDir } from '../../../src/store/migrations-dir.ts';
import { recomputeRollups } from '../../../src/store/rollups/index.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.ts';
import { prng, seedRandomData, TENANT } from './random-data.ts';

const MIGRATION = path.join(migrationsDir, '20261122080000_rollup_channel_grouping', 'migration.sql');
const CHANNEL_ROWS = `"repId" = '*' AND "teamId" = '*' AND channel <> '*' AND "campaignId" = '*' AND stage = '*'`;

type Row = { table: string; measure: string; period: string; channel: string; value: number };

async function channelRows(t: TestDatabase): Promise<Row[]> {
  return t.db.prisma.$queryRawUnsafe<Row[]>(
    `SELECT 'daily' AS table, measure, day::text AS period, channel, value FROM "MetricDaily" WHERE ${CHANNEL_ROWS}
     UNION ALL
     SELECT 'monthly', measure, month::text, channel, value FROM "MetricMonthly" WHERE ${CHANNEL_ROWS}
     ORDER BY 1, 2, 3, 4`,
  );
}

describe.each(databaseKinds)('the channel-grouping migration on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedRandomData(t.db.prisma, prng(20261122));
    await recomputeRollups(t.db, TENANT, { full: true });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('gives rollups written before it exactly the channel rows a rollup writes now', async () => {
    const written = await channelRows(t);
    expect(written.length).toBeGreaterThan(50);
    expect(new Set(written.map((r) => r.channel)).size).toBeGreaterThan(3);
    // Rollups from before the grouping existed: the same rows without the channel totals.
    await t.db.prisma.$executeRawUnsafe(`DELETE FROM "MetricDaily" WHERE ${CHANNEL_ROWS}`);
    await t.db.prisma.$executeRawUnsafe(`DELETE FROM "MetricMonthly" WHERE ${CHANNEL_ROWS}`);
    expect(await channelRows(t)).toEqual([]);
    const sql = await readFile(MIGRATION, 'utf8');
    for (const statement of sql.split(/;\s*\n/).map((s) => s.replace(/^--.*$/gm, '').trim())) {
      if (statement) await t.db.prisma.$executeRawUnsafe(statement);
    }
    const derived = await channelRows(t);
    expect(derived.map(({ value, ...key }) => key)).toEqual(written.map(({ value, ...key }) => key));
    for (const [i, row] of derived.entries()) expect(row.value).toBeCloseTo(written[i]!.value, 6);
  });
});
