import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImportCommand } from '../../../src/cli/import-command.ts';
import type { Database } from '../../../src/store/database.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.ts';
import { capture, newTenantId, parisDefaults, repoRoot } from './import-test-kit.ts';

/** The public Maven Analytics CRM export, kept beside the repository (never copied into it). */
const mavenDir = path.resolve(repoRoot, '../shared/data/maven_crm_sales_opportunities');
const present =
  existsSync(path.join(mavenDir, 'sales_pipeline.csv')) && existsSync(path.join(mavenDir, 'sales_teams.csv'));
if (!present) console.warn(`Skipping the Maven CRM export test: ${mavenDir} is absent.`);

/** The exact commands the README gives. */
const REPS_ARGS = [
  'reps',
  path.join(mavenDir, 'sales_teams.csv'),
  '--map',
  'name=sales_agent',
  '--map',
  'team=regional_office',
];
const DEALS_ARGS = [
  'deals',
  path.join(mavenDir, 'sales_pipeline.csv'),
  '--map',
  'externalId=opportunity_id',
  '--map',
  'owner=sales_agent',
  '--map',
  'createdAt=engage_date',
  '--map',
  'closedAt=close_date',
  '--map',
  'amount=close_value',
  '--map',
  'status=deal_stage',
  '--map',
  'stage=deal_stage',
  '--value-map',
  'status:Engaging=open',
  '--value-map',
  'status:Prospecting=open',
  '--default',
  'createdAt=now',
];

describe.skipIf(!present).each(databaseKinds)('the Maven CRM export on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  async function kpibotImport(args: string[], tenant: string) {
    const stdout = capture();
    const code = await runImportCommand([...args, '--tenant', tenant, '--json'], {
      db: async (): Promise<Database> => ({ ...t.db, close: async () => {} }),
      tenantDefaults: parisDefaults,
      stdout: stdout.stream,
      stderr: capture().stream,
    });
    return { code, report: JSON.parse(stdout.text()) };
  }

  it('imports 35 agents (+ 6 managers) and 8,800 deals with none rejected, and re-imports as updates', {
    timeout: 40_000,
  }, async () => {
    const tenantId = newTenantId('maven');
    const reps = await kpibotImport(REPS_ARGS, tenantId);
    expect(reps.code).toBe(0);
    expect(reps.report).toMatchObject({ rows: 35, imported: 35, updated: 0, rejected: 0 });
    expect(reps.report.createdReps).toHaveLength(6);
    const prisma = t.db.prisma;
    expect(await prisma.rep.count({ where: { tenantId, role: 'rep' } })).toBe(35);
    expect(await prisma.rep.count({ where: { tenantId, role: 'manager' } })).toBe(6);
    const teams = await prisma.team.findMany({ where: { tenantId }, orderBy: { name: 'asc' } });
    expect(teams.map((x) => x.name)).toEqual(['Central', 'East', 'West']);
    expect(teams.every((x) => x.managerRepId !== null)).toBe(true);

    const deals = await kpibotImport(DEALS_ARGS, tenantId);
    expect(deals.code).toBe(0);
    expect(deals.report).toMatchObject({
      rows: 8800,
      imported: 8800,
      updated: 0,
      rejected: 0,
      createdReps: [],
    });
    expect(deals.report.notes).toContain(
      '500 rows had no createdAt: used --default createdAt=now (the import time; kept on re-import)',
    );
    const byStatus = await prisma.deal.groupBy({ by: ['status'], where: { tenantId }, _count: true });
    expect(Object.fromEntries(byStatus.map((g) => [g.status, g._count]))).toEqual({
      won: 4238,
      lost: 2473,
      open: 2089,
    });
    expect(await prisma.deal.count({ where: { tenantId, ownerRepId: null } })).toBe(0);
    expect(await prisma.account.count({ where: { tenantId } })).toBe(85);
    const won = await prisma.deal.aggregate({ where: { tenantId, status: 'won' }, _sum: { amount: true } });
    expect(won._sum.amount).toBe(10_005_534);

    const again = await kpibotImport(DEALS_ARGS, tenantId);
    expect(again.report).toMatchObject({ imported: 0, updated: 8800, rejected: 0 });
    expect(await prisma.deal.count({ where: { tenantId } })).toBe(8800);
  });
});
