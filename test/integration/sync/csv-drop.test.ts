import { copyFile, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../src/app/context.ts';
import { runSync, type SyncOutcome } from '../../../src/app/run-sync.ts';
import { createCsvDropConnector } from '../../../src/connectors/csv/csv-drop-connector.ts';
import { kindOfDropFile } from '../../../src/connectors/csv/drop-files.ts';
import { configuredSources, createConnector } from '../../../src/connectors/registry.ts';
import { testContext } from '../../support/app-context.ts';
import { createTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { newTenantId } from './sync-test-kit.ts';

const LEADS = `externalId,createdAt,name,owner
L1,2026-11-02,First,alice@acme.test
L2,2026-11-03,Second,
`;
const DEALS = `externalId,createdAt,status,amount,closedAt,leadId
D1,2026-11-04,won,1200,2026-11-10,L1
D2,2026-11-05,open,300,,
`;

function ran(outcome: SyncOutcome) {
  if (outcome.status === 'skipped') throw new Error('skipped');
  return outcome;
}

describe('kindOfDropFile', () => {
  it.each([
    ['deals.csv', 'deals'],
    ['deals-2026-11.csv', 'deals'],
    ['Leads_export.CSV', 'leads'],
    ['web-traffic 2026.csv', 'web-traffic'],
    ['dealsbis.csv', 'deals'],
    ['notes.csv', null],
    ['deals.xlsx', null],
  ])('%s → %s', (name, kind) => {
    expect(kindOfDropFile(name)).toBe(kind);
  });
});

describe('CSV drop folder (real PostgreSQL)', () => {
  let t: TestDatabase;
  let ctx: AppContext;
  let dir: string;

  beforeAll(async () => {
    t = await createTestDatabase('postgres');
    ctx = testContext(t.db);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  async function freshDir() {
    dir = await mkdtemp(path.join(os.tmpdir(), 'kpibot-drop-'));
    return dir;
  }
  const connector = (tenantId: string) =>
    createCsvDropConnector({ dir, tenantId, db: t.db, tenantDefaults: ctx.tenantDefaults, settleMs: 0 });

  it('imports each new file once, leads before deals, then moves it to done/', async () => {
    const tenantId = newTenantId('drop');
    await freshDir();
    await writeFile(path.join(dir, 'deals-2026-11.csv'), DEALS);
    await writeFile(path.join(dir, 'leads-2026-11.csv'), LEADS);
    await writeFile(path.join(dir, 'notes.txt'), 'not for us');
    const first = ran(await runSync(ctx, { tenantId, connector: connector(tenantId) }));
    expect(first).toMatchObject({ status: 'succeeded', pages: 2, inserted: 4, rejected: 0 });
    const deal = await t.db.prisma.deal.findFirstOrThrow({ where: { tenantId, externalId: 'D1' } });
    expect(deal.leadId).not.toBeNull(); // the leads file went first
    expect((await readdir(dir)).sort()).toEqual(['done', 'notes.txt']);
    expect((await readdir(path.join(dir, 'done'))).sort()).toEqual([
      expect.stringMatching(/^deals-2026-11\.[0-9a-f]{8}\.csv$/),
      expect.stringMatching(/^leads-2026-11\.[0-9a-f]{8}\.csv$/),
    ]);

    // Nothing new: nothing imported. The same content dropped again under another name: recognised, not imported.
    expect(ran(await runSync(ctx, { tenantId, connector: connector(tenantId) })).pages).toBe(0);
    const [doneLeads] = (await readdir(path.join(dir, 'done'))).filter((f) => f.startsWith('leads'));
    await copyFile(path.join(dir, 'done', doneLeads!), path.join(dir, 'leads-again.csv'));
    const importsBefore = await t.db.prisma.syncRun.count({ where: { tenantId, source: 'csv:leads' } });
    const again = ran(await runSync(ctx, { tenantId, connector: connector(tenantId) }));
    expect(again).toMatchObject({ pages: 0, inserted: 0, updated: 0 });
    expect(await t.db.prisma.syncRun.count({ where: { tenantId, source: 'csv:leads' } })).toBe(importsBefore);
    expect(await readdir(dir)).not.toContain('leads-again.csv');

    // A changed export is new content: imported (as updates).
    await writeFile(path.join(dir, 'leads-2026-12.csv'), LEADS.replace('First', 'First renamed'));
    const changed = ran(await runSync(ctx, { tenantId, connector: connector(tenantId) }));
    expect(changed).toMatchObject({ pages: 1, inserted: 0, updated: 2 });
    await rm(dir, { recursive: true, force: true });
  });

  it('sets aside a file that cannot be imported, with the reason in the run', async () => {
    const tenantId = newTenantId('drop-bad');
    await freshDir();
    await writeFile(path.join(dir, 'deals.csv'), 'name,amount\nx,1\n');
    const outcome = ran(await runSync(ctx, { tenantId, connector: connector(tenantId) }));
    expect(outcome).toMatchObject({ status: 'partial', rejected: 1 });
    const run = await t.db.prisma.syncRun.findUniqueOrThrow({ where: { id: outcome.runId } });
    expect(JSON.stringify(run.errors)).toMatch(/deals\.csv: .*externalId/);
    expect(await readdir(path.join(dir, 'rejected'))).toEqual([
      expect.stringMatching(/^deals\.[0-9a-f]{8}\.csv$/),
    ]);
    await rm(dir, { recursive: true, force: true });
  });

  it('leaves a file still being written for the next run', async () => {
    const tenantId = newTenantId('drop-settle');
    await freshDir();
    const file = path.join(dir, 'leads.csv');
    await writeFile(file, LEADS);
    const settling = createCsvDropConnector({ dir, tenantId, db: t.db, tenantDefaults: ctx.tenantDefaults });
    expect(ran(await runSync(ctx, { tenantId, connector: settling })).pages).toBe(0);
    const old = new Date(Date.now() - 60_000);
    await utimes(file, old, old);
    expect(ran(await runSync(ctx, { tenantId, connector: settling })).pages).toBe(1);
    await rm(dir, { recursive: true, force: true });
  });

  it('is configured by KPIBOT_CSV_DIR through the registry; a missing folder fails the run for the admins', async () => {
    const tenantId = newTenantId('drop-registry');
    const env = { KPIBOT_CSV_DIR: path.join(os.tmpdir(), 'kpibot-no-such-folder') };
    expect(configuredSources(env)).toEqual(['csv']);
    expect(configuredSources({})).toEqual([]);
    const envCtx = testContext(t.db, env);
    const csv = createConnector('csv', env, {
      tenantId,
      config: envCtx.config,
      db: t.db,
      tenantDefaults: envCtx.tenantDefaults,
    });
    await expect(runSync(envCtx, { tenantId, connector: csv })).rejects.toMatchObject({ permanent: true });
    expect(() =>
      createConnector('nope', env, {
        tenantId,
        config: envCtx.config,
        db: t.db,
        tenantDefaults: envCtx.tenantDefaults,
      }),
    ).toThrow(/Unknown source "nope"/);
  });
});
