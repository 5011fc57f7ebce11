import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DemoCompany,
  type DemoOptions,
  generateDemoCompany,
  loadDemoData,
} from '../../../src/connectors/demo/index.ts';
import type { Database } from '../../../src/store/database.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.ts';

const OPTIONS: DemoOptions = { today: new Date('2026-11-18T15:30:00Z'), tz: 'Europe/Paris', seed: 5 };

const TABLES: Record<Exclude<keyof DemoCompany, 'stories'>, string> = {
  teams: 'Team',
  reps: 'Rep',
  leads: 'Lead',
  deals: 'Deal',
  stageChanges: 'DealStageChange',
  activities: 'Activity',
  accounts: 'Account',
  surveys: 'Survey',
  campaigns: 'Campaign',
  campaignDaily: 'CampaignDaily',
  webTraffic: 'WebTrafficDaily',
  objectives: 'Objective',
};

async function countRows(db: Database, tenantId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [kind, table] of Object.entries(TABLES)) {
    const rows = await db.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "${table}" WHERE "tenantId" = $1`,
      tenantId,
    );
    counts[kind] = rows[0]!.n;
  }
  return counts;
}

async function scalar(db: Database, sql: string, ...params: unknown[]): Promise<number> {
  const rows = await db.prisma.$queryRawUnsafe<{ n: number }[]>(sql, ...params);
  return rows[0]!.n;
}

describe.each(databaseKinds)('loadDemoData on %s', (kind) => {
  let t: TestDatabase;
  const company = generateDemoCompany(OPTIONS);
  const expected = Object.fromEntries(
    Object.keys(TABLES).map((k) => [k, company[k as keyof typeof TABLES].length]),
  );

  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('writes the generated company and says what it wrote', async () => {
    const messages: string[] = [];
    const started = performance.now();
    const result = await loadDemoData(t.db, 'acme', { ...OPTIONS, onProgress: (m) => messages.push(m) });
    const ms = performance.now() - started;
    console.info(`demo load on ${kind}: ${Math.round(ms)} ms`);
    expect(result.loaded).toBe(true);
    expect(result.counts).toEqual(expected);
    expect(await countRows(t.db, 'acme')).toEqual(expected);
    expect(messages.some((m) => m.includes('Lead'))).toBe(true);
    const tenant = await t.db.prisma.tenant.findUniqueOrThrow({ where: { id: 'acme' } });
    expect(tenant.tz).toBe('Europe/Paris');
  }, 120_000);

  it('resolves every reference to a row of the same tenant', async () => {
    const dangling = [
      `SELECT count(*)::int AS n FROM "Deal" d WHERE d."tenantId" = $1 AND (
         NOT EXISTS (SELECT 1 FROM "Lead" l WHERE l.id = d."leadId" AND l."tenantId" = $1)
         OR NOT EXISTS (SELECT 1 FROM "Account" a WHERE a.id = d."accountId" AND a."tenantId" = $1)
         OR NOT EXISTS (SELECT 1 FROM "Rep" r WHERE r.id = d."ownerRepId" AND r."tenantId" = $1)
         OR NOT EXISTS (SELECT 1 FROM "Team" m WHERE m.id = d."teamId" AND m."tenantId" = $1))`,
      `SELECT count(*)::int AS n FROM "Lead" l WHERE l."tenantId" = $1 AND (
         NOT EXISTS (SELECT 1 FROM "Rep" r WHERE r.id = l."ownerRepId")
         OR (l."campaignId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Campaign" c WHERE c.id = l."campaignId")))`,
      `SELECT count(*)::int AS n FROM "DealStageChange" s WHERE s."tenantId" = $1
         AND NOT EXISTS (SELECT 1 FROM "Deal" d WHERE d.id = s."dealId")`,
      `SELECT count(*)::int AS n FROM "Activity" a WHERE a."tenantId" = $1 AND (
         NOT EXISTS (SELECT 1 FROM "Rep" r WHERE r.id = a."repId")
         OR (a."leadId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Lead" l WHERE l.id = a."leadId"))
         OR (a."dealId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Deal" d WHERE d.id = a."dealId")))`,
      `SELECT count(*)::int AS n FROM "CampaignDaily" c WHERE c."tenantId" = $1
         AND NOT EXISTS (SELECT 1 FROM "Campaign" x WHERE x.id = c."campaignId")`,
      `SELECT count(*)::int AS n FROM "Objective" o WHERE o."tenantId" = $1 AND NOT (
         (o."scopeType" = 'tenant' AND o."scopeId" = '')
         OR (o."scopeType" = 'team' AND EXISTS (SELECT 1 FROM "Team" m WHERE m.id = o."scopeId"))
         OR (o."scopeType" = 'rep' AND EXISTS (SELECT 1 FROM "Rep" r WHERE r.id = o."scopeId")))`,
      `SELECT count(*)::int AS n FROM "Team" m WHERE m."tenantId" = $1
         AND NOT EXISTS (SELECT 1 FROM "Rep" r WHERE r.id = m."managerRepId" AND r."teamId" = m.id)`,
    ];
    for (const sql of dangling) expect(await scalar(t.db, sql, 'acme'), sql).toBe(0);
    const lyonManager = await t.db.prisma.rep.findFirstOrThrow({
      where: { tenantId: 'acme', email: 'nicolas.lefevre@demo.kpibot.dev' },
    });
    expect(lyonManager).toMatchObject({ role: 'manager', crmOwnerIds: ['demo:7'] });
  });

  it('stores the values as generated', async () => {
    const deal = company.deals.find((d) => d.status === 'won' && d.proposalReadAt)!;
    const row = await t.db.prisma.deal.findFirstOrThrow({
      where: { tenantId: 'acme', source: 'demo', externalId: deal.externalId },
    });
    expect(row).toMatchObject({
      amount: deal.amount,
      currency: 'EUR',
      status: 'won',
      stage: 'won',
      closedAt: deal.closedAt,
      proposalSentAt: deal.proposalSentAt,
      proposalReadAt: deal.proposalReadAt,
    });
    const day = company.campaignDaily.find((d) => d.sent > 0)!;
    const stats = await t.db.prisma.campaignDaily.findFirstOrThrow({
      where: { tenantId: 'acme', day: new Date(`${day.day}T00:00:00Z`), sent: { gt: 0 } },
    });
    expect(stats).toMatchObject({ sent: day.sent, delivered: day.delivered, opens: day.opens });
  });

  it('records every local day it wrote as dirty, for the rollups', async () => {
    const local = (d: Date | null) =>
      d ? DateTime.fromJSDate(d, { zone: OPTIONS.tz }).toFormat('yyyy-MM-dd') : null;
    const days = new Set<string>(
      [
        ...company.leads.flatMap((l) => [l.createdAt, l.qualifiedAt, l.convertedAt, l.lostAt].map(local)),
        ...company.deals.flatMap((d) =>
          [d.createdAt, d.proposalSentAt, d.proposalReadAt, d.proposalFollowedUpAt, d.closedAt].map(local),
        ),
        ...company.stageChanges.map((s) => local(s.at)),
        ...company.activities.map((a) => local(a.occurredAt)),
        ...company.accounts.flatMap((a) => [local(a.firstWonAt), local(a.churnedAt)]),
        ...company.surveys.map((s) => local(s.at)),
        ...company.campaignDaily.map((c) => c.day),
        ...company.webTraffic.map((w) => w.day),
      ].filter((d): d is string => d !== null),
    );
    const rows = await t.db.prisma.rollupDirtyDay.findMany({ where: { tenantId: 'acme' } });
    expect(rows.map((r) => r.day.toISOString().slice(0, 10)).sort()).toEqual([...days].sort());
  });

  it('does nothing the second time, and records one succeeded demo run', async () => {
    const before = await countRows(t.db, 'acme');
    const again = await loadDemoData(t.db, 'acme', OPTIONS);
    expect(again).toEqual({ loaded: false, counts: expected });
    expect(await countRows(t.db, 'acme')).toEqual(before);
    const runs = await t.db.prisma.syncRun.findMany({ where: { tenantId: 'acme', source: 'demo' } });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'succeeded' });
    expect(runs[0]!.inserted).toBe(Object.values(expected).reduce((a, b) => a + b, 0));
  });

  it('loads once when two loads race, and another tenant gets its own copy', async () => {
    const others = await countRows(t.db, 'acme');
    const results = await Promise.all([
      loadDemoData(t.db, 'racer', OPTIONS),
      loadDemoData(t.db, 'racer', OPTIONS),
    ]);
    expect(results.map((r) => r.loaded).sort()).toEqual([false, true]);
    expect(await countRows(t.db, 'racer')).toEqual(expected);
    expect(await countRows(t.db, 'acme')).toEqual(others);
  }, 120_000);

  it('refuses an unknown zone before creating the tenant', async () => {
    await expect(loadDemoData(t.db, 'nowhere', { ...OPTIONS, tz: 'Mars/Olympus' })).rejects.toThrow(
      /time zone/,
    );
    expect(await t.db.prisma.tenant.findUnique({ where: { id: 'nowhere' } })).toBeNull();
  });
});

describe('loadDemoData in an existing tenant', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('pglite');
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('generates the company in the tenant’s own zone', async () => {
    await t.db.prisma.tenant.create({ data: { id: 'tokyo', name: 'Tokyo', tz: 'Asia/Tokyo' } });
    const result = await loadDemoData(t.db, 'tokyo', OPTIONS);
    const inTokyo = generateDemoCompany({ ...OPTIONS, tz: 'Asia/Tokyo' });
    expect(result.counts.leads).toBe(inTokyo.leads.length);
    expect(result.counts.webTraffic).toBe(inTokyo.webTraffic.length);
    const last = await t.db.prisma.webTrafficDaily.findFirstOrThrow({
      where: { tenantId: 'tokyo' },
      orderBy: { day: 'desc' },
    });
    // 15:30 UTC on the 18th is already the 19th in Tokyo.
    expect(last.day.toISOString().slice(0, 10)).toBe('2026-11-19');
  }, 120_000);

  it('refuses an unknown zone before creating the tenant', async () => {
    await expect(loadDemoData(t.db, 'nowhere', { ...OPTIONS, tz: 'Mars/Olympus' })).rejects.toThrow(
      /time zone/,
    );
    expect(await t.db.prisma.tenant.findUnique({ where: { id: 'nowhere' } })).toBeNull();
  });
});
