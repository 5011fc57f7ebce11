import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCsv } from '../../../src/store/csv-import/import-csv.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.ts';
import { csvDir, newTenantId, parisDefaults } from './import-test-kit.ts';

const ROWS = 100_000;

/** Writes the file in chunks, as a CRM export would be, so the test itself never holds it whole either. */
async function writeLeadsFile(file: string): Promise<void> {
  const out = createWriteStream(file);
  out.write('external_id,created_at,owner,channel,qualified_at\n');
  for (let i = 0; i < ROWS; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    const qualified = i % 3 === 0 ? `2026-02-${day}T10:00:00Z` : '';
    const line =
      i === 4242
        ? `BROKEN,2026-02-31,owner${i % 5}@example.test,web_form,\n`
        : `L${i},2026-02-${day},owner${i % 5}@example.test,web_form,${qualified}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

describe.each(databaseKinds)('a 100k-row file on %s', (kind) => {
  let t: TestDatabase;
  let files: Awaited<ReturnType<typeof csvDir>>;
  let file: string;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    files = await csvDir();
    file = `${files.dir}/leads-100k.csv`;
    await writeLeadsFile(file);
  });
  afterAll(async () => {
    await t?.dispose();
    await files?.cleanup();
  });

  it('streams in batches of 500, one transaction each, and reports the one bad row', {
    timeout: 40_000,
  }, async () => {
    const tenantId = newTenantId('big');
    const progress: number[] = [];
    const report = await importCsv(t.db, parisDefaults, {
      kind: 'leads',
      file,
      tenantId,
      onProgress: (p) => progress.push(p.rows),
    });
    expect(report).toMatchObject({ rows: ROWS, imported: ROWS - 1, updated: 0, rejected: 1 });
    expect(report.rejections).toEqual([
      {
        line: 4244,
        reason: "createdAt: '2026-02-31' is not a date (expected YYYY-MM-DD or an ISO date-time)",
      },
    ]);
    expect(report.createdReps).toHaveLength(5);
    // Progress arrives batch after batch while the file is being read, not once at the end.
    expect(progress.length).toBeGreaterThanOrEqual(200);
    expect(progress[0]).toBe(500);
    expect(progress.every((rows, i) => i === 0 || rows > progress[i - 1]!)).toBe(true);
    expect(await t.db.prisma.lead.count({ where: { tenantId } })).toBe(ROWS - 1);
    expect(await t.db.prisma.rollupDirtyDay.count({ where: { tenantId } })).toBe(28);
  });
});
