import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCsv } from '../../../src/store/csv-import/import-csv.ts';
import type { ImportOptions } from '../../../src/store/csv-import/types.ts';
import type { Database } from '../../../src/store/database.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.ts';
import { csvDir, dirtyDays, fixture, newTenantId, parisDefaults } from './import-test-kit.ts';

const CRM_DEALS: Partial<ImportOptions> = {
  map: {
    externalId: 'Deal ID',
    name: 'Title',
    owner: 'Deal owner',
    stage: 'Pipeline stage',
    status: 'Outcome',
    amount: 'Value',
    createdAt: 'Created',
    closedAt: 'Closed',
    leadId: 'Lead',
  },
  valueMap: { status: { Gagné: 'won', Perdu: 'lost', 'En cours': 'open' } },
  dateFormat: 'dd/mm/yyyy',
};

describe.each(databaseKinds)('CSV import on %s', (kind) => {
  let t: TestDatabase;
  let db: Database;
  let files: Awaited<ReturnType<typeof csvDir>>;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    db = t.db;
    files = await csvDir();
  });
  afterAll(async () => {
    await t?.dispose();
    await files?.cleanup();
  });
  const run = (tenantId: string, opts: Omit<ImportOptions, 'tenantId'>) =>
    importCsv(db, parisDefaults, { ...opts, tenantId });

  it('imports reps with their teams, roles and CRM owner ids, keyed by email then name', async () => {
    const tenantId = newTenantId('reps');
    const report = await run(tenantId, { kind: 'reps', file: fixture('reps.csv') });
    expect(report).toMatchObject({ rows: 3, imported: 3, updated: 0, rejected: 0 });
    const reps = await db.prisma.rep.findMany({ where: { tenantId }, orderBy: { name: 'asc' } });
    const teams = await db.prisma.team.findMany({ where: { tenantId }, orderBy: { name: 'asc' } });
    expect(teams.map((x) => x.name)).toEqual(['EMEA', 'North America']);
    expect(
      reps.map((r) => [r.name, r.email, r.role, r.crmOwnerIds, teams.find((x) => x.id === r.teamId)?.name]),
    ).toEqual([
      ['Alice Martin', 'alice@acme.test', 'manager', ['hubspot:101'], 'EMEA'],
      ['Bob Durand', 'bob@acme.test', 'rep', ['202'], 'EMEA'],
      ['Chloé Petit', null, 'rep', [], 'North America'],
    ]);
    const again = await run(tenantId, { kind: 'reps', file: fixture('reps.csv') });
    expect(again).toMatchObject({ imported: 0, updated: 3, rejected: 0 });
    expect(await db.prisma.rep.count({ where: { tenantId } })).toBe(3);
  });

  it('maps columns, translates values, reads dd/mm/yyyy and matches owners by email, CRM id and name', async () => {
    const tenantId = newTenantId('deals');
    await run(tenantId, { kind: 'reps', file: fixture('reps.csv') });
    await run(tenantId, { kind: 'leads', file: fixture('leads.csv') });
    const report = await run(tenantId, {
      kind: 'deals',
      file: fixture('deals-crm-export.csv'),
      ...CRM_DEALS,
    });
    expect(report).toMatchObject({
      rows: 5,
      imported: 5,
      updated: 0,
      rejected: 0,
      createdReps: ['Zoé Nouvelle'],
    });
    expect(report.warnings).toEqual([{ line: 5, reason: "lead 'L9' not found in csv: not linked" }]);
    const reps = new Map(
      (await db.prisma.rep.findMany({ where: { tenantId } })).map((r) => [r.id, r] as const),
    );
    const deals = await db.prisma.deal.findMany({ where: { tenantId }, orderBy: { externalId: 'asc' } });
    expect(
      deals.map((d) => [
        d.externalId,
        d.name,
        d.status,
        d.stage,
        d.amount,
        reps.get(d.ownerRepId ?? '')?.name,
        d.createdAt.toISOString(),
        d.closedAt?.toISOString() ?? null,
        d.source,
      ]),
    ).toEqual([
      [
        'D1',
        'Big deal',
        'won',
        'Closed Won',
        1234.5,
        'Alice Martin',
        '2026-03-01T23:00:00.000Z',
        '2026-03-09T23:00:00.000Z',
        'csv',
      ],
      ['D2', 'Second', 'open', 'Negotiation', 1234.5, 'Bob Durand', '2026-03-02T23:00:00.000Z', null, 'csv'],
      [
        'D3',
        'Third',
        'lost',
        'Closed Lost',
        1234,
        'Chloé Petit',
        '2026-03-04T10:15:00.000Z',
        '2026-03-12T22:30:00.000Z',
        'csv',
      ],
      ['D4', 'Fourth', 'open', 'Proposal', null, 'Zoé Nouvelle', '2026-03-04T23:00:00.000Z', null, 'csv'],
      [
        'D5',
        'Fifth',
        'won',
        'Closed Won',
        500,
        'Bob Durand',
        '2026-03-05T23:00:00.000Z',
        '2026-03-19T23:00:00.000Z',
        'csv',
      ],
    ]);
    // The deal's team defaults to its owner's team; a created owner has none.
    const emea = await db.prisma.team.findFirstOrThrow({ where: { tenantId, name: 'EMEA' } });
    expect(deals.map((d) => d.teamId)).toEqual([emea.id, emea.id, expect.any(String), null, emea.id]);
    const created = [...reps.values()].find((r) => r.name === 'Zoé Nouvelle');
    expect(created).toMatchObject({ role: 'rep', email: null, teamId: null });
  });

  it('a won deal converts its lead at the close date unless the lead converted earlier', async () => {
    const tenantId = newTenantId('convert');
    await run(tenantId, { kind: 'reps', file: fixture('reps.csv') });
    await run(tenantId, { kind: 'leads', file: fixture('leads.csv') });
    await run(tenantId, { kind: 'deals', file: fixture('deals-crm-export.csv'), ...CRM_DEALS });
    const leads = await db.prisma.lead.findMany({ where: { tenantId }, orderBy: { externalId: 'asc' } });
    const deals = await db.prisma.deal.findMany({ where: { tenantId }, orderBy: { externalId: 'asc' } });
    expect(leads.map((l) => [l.externalId, l.convertedAt?.toISOString()])).toEqual([
      ['L1', '2026-03-09T23:00:00.000Z'],
      ['L2', '2026-01-14T23:00:00.000Z'],
    ]);
    expect(deals.find((d) => d.externalId === 'D1')?.leadId).toBe(leads[0]!.id);
    expect(deals.find((d) => d.externalId === 'D4')?.leadId).toBeNull();
  });

  it('re-importing updates, never duplicates, records stage moves and marks old and new days dirty', async () => {
    const tenantId = newTenantId('reimport');
    const first = await files.write(
      `${tenantId}-1.csv`,
      'externalId,createdAt,status,stage,closedAt,amount\nA,2026-03-02,open,Proposal,,10\nB,2026-03-03,won,Won,2026-03-10,20\n',
    );
    expect(await run(tenantId, { kind: 'deals', file: first })).toMatchObject({ imported: 2, updated: 0 });
    expect(await dirtyDays(db, tenantId)).toEqual(['2026-03-02', '2026-03-03', '2026-03-10']);
    expect(await run(tenantId, { kind: 'deals', file: first })).toMatchObject({ imported: 0, updated: 2 });
    expect(await db.prisma.deal.count({ where: { tenantId } })).toBe(2);
    expect(await db.prisma.dealStageChange.count({ where: { tenantId } })).toBe(0);

    await db.prisma.rollupDirtyDay.deleteMany({ where: { tenantId } });
    const second = await files.write(
      `${tenantId}-2.csv`,
      'externalId,createdAt,status,stage,closedAt,amount\nA,2026-03-02,won,Won,2026-04-01,10\nB,2026-03-03,won,Won,2026-03-20,20\n',
    );
    expect(await run(tenantId, { kind: 'deals', file: second })).toMatchObject({ imported: 0, updated: 2 });
    // B's close moved from 10 to 20 March: both days must be recomputed.
    expect(await dirtyDays(db, tenantId)).toEqual([
      '2026-03-02',
      '2026-03-03',
      '2026-03-10',
      '2026-03-20',
      '2026-04-01',
    ]);
    const changes = await db.prisma.dealStageChange.findMany({ where: { tenantId } });
    expect(changes.map((c) => [c.fromStage, c.toStage, c.at.toISOString()])).toEqual([
      ['Proposal', 'Won', '2026-03-31T22:00:00.000Z'],
    ]);
    const runs = await db.prisma.syncRun.findMany({ where: { tenantId }, orderBy: { startedAt: 'asc' } });
    expect(runs.map((r) => [r.source, r.status, r.inserted, r.updated, r.rejected])).toEqual([
      ['csv:deals', 'succeeded', 2, 0, 0],
      ['csv:deals', 'succeeded', 0, 2, 0],
      ['csv:deals', 'succeeded', 0, 2, 0],
    ]);
  });

  it('rejects malformed rows with their line and reason, and writes the good ones', async () => {
    const tenantId = newTenantId('malformed');
    const report = await run(tenantId, { kind: 'deals', file: fixture('deals-malformed.csv') });
    expect(report).toMatchObject({ rows: 9, imported: 3, updated: 0, rejected: 6 });
    expect(report.rejections).toEqual([
      { line: 3, reason: "createdAt: '2026-02-30' is not a date (expected YYYY-MM-DD or an ISO date-time)" },
      { line: 4, reason: 'createdAt is empty (required)' },
      { line: 5, reason: "amount: '12abc' is not a number" },
      {
        line: 6,
        reason:
          "status: 'pending' is not one of open, won, lost (translate it with --value-map status:pending=<value>)",
      },
      { line: 7, reason: 'closedAt is required for a won deal' },
      { line: 10, reason: 'has 4 fields, the header has 6' },
    ]);
    const deals = await db.prisma.deal.findMany({ where: { tenantId }, orderBy: { externalId: 'asc' } });
    expect(deals.map((d) => [d.externalId, d.name])).toEqual([
      ['OK1', 'fine'],
      ['OK2', 'quoted, with a\nline break'],
      ['OK3', 'fine too'],
    ]);
    const runRow = await db.prisma.syncRun.findFirstOrThrow({ where: { tenantId } });
    expect(runRow).toMatchObject({ source: 'csv:deals', status: 'partial', inserted: 3, rejected: 6 });
    expect((runRow.errors as { line: number }[]).map((e) => e.line)).toEqual([3, 4, 5, 6, 7, 10]);
  });

  it('rejects alone a row the database refuses, and writes the rest of its batch', async () => {
    const tenantId = newTenantId('refused');
    const file = await files.write(
      `${tenantId}.csv`,
      'externalId,createdAt,name\nA,2026-03-02,ok\nB,2026-03-05,bad\u0000name\nC,2026-03-02,ok\n',
    );
    const report = await run(tenantId, { kind: 'leads', file });
    expect(report).toMatchObject({ imported: 2, rejected: 1 });
    expect(report.rejections).toEqual([
      {
        line: 3,
        reason: 'refused by the database: invalid byte sequence for encoding "UTF8": 0x00 (SQLSTATE 22021)',
      },
    ]);
    const leads = await db.prisma.lead.findMany({ where: { tenantId }, orderBy: { externalId: 'asc' } });
    expect(leads.map((l) => l.externalId)).toEqual(['A', 'C']);
    // Nothing of the refused row, not even its dirty day.
    expect(await dirtyDays(db, tenantId)).toEqual(['2026-03-02']);
  });

  it('rejects a field too long and a slashed date without --date-format', async () => {
    const tenantId = newTenantId('long');
    const file = await files.write(
      `${tenantId}.csv`,
      `externalId,createdAt,name\nX1,2026-03-02,${'n'.repeat(256)}\nX2,02/03/2026,ok\nX3,2026-03-02,ok\n`,
    );
    const report = await run(tenantId, { kind: 'leads', file });
    expect(report.rejections).toEqual([
      { line: 2, reason: 'name: too long (256 characters, at most 255)' },
      {
        line: 3,
        reason:
          "createdAt: '02/03/2026' is not a date (expected YYYY-MM-DD or an ISO date-time) " +
          '(add --date-format dd/mm/yyyy or mm/dd/yyyy)',
      },
    ]);
    expect(report.imported).toBe(1);
  });

  it.each([
    ['iso', '2026-03-29', '2026-03-28T23:00:00.000Z'],
    ['iso', '2026-03-29T10:00:00', '2026-03-29T08:00:00.000Z'],
    ['iso', '2026-03-29 10:00', '2026-03-29T08:00:00.000Z'],
    ['iso', '2026-03-29T10:00:00Z', '2026-03-29T10:00:00.000Z'],
    ['iso', '2026-03-29T10:00:00-05:00', '2026-03-29T15:00:00.000Z'],
    ['dd/mm/yyyy', '29/03/2026', '2026-03-28T23:00:00.000Z'],
    ['dd/mm/yyyy', '29.03.2026 10:30', '2026-03-29T08:30:00.000Z'],
    ['dd/mm/yyyy', '2026-03-29', '2026-03-28T23:00:00.000Z'],
    ['mm/dd/yyyy', '03/29/2026', '2026-03-28T23:00:00.000Z'],
    ['iso', '2026-10-25', '2026-10-24T22:00:00.000Z'],
  ] as const)('reads %s date %s in Europe/Paris as %s', async (dateFormat, cell, expected) => {
    const tenantId = newTenantId('dates');
    const file = await files.write(`${tenantId}.csv`, `externalId,createdAt\nL,${cell}\n`);
    const report = await run(tenantId, { kind: 'leads', file, dateFormat });
    expect(report.rejections).toEqual([]);
    const lead = await db.prisma.lead.findFirstOrThrow({ where: { tenantId } });
    expect(lead.createdAt.toISOString()).toBe(expected);
    // A bare date is that calendar day in the tenant's zone.
    if (!cell.includes(':'))
      expect(await dirtyDays(db, tenantId)).toEqual([
        expected === '2026-10-24T22:00:00.000Z' ? '2026-10-25' : '2026-03-29',
      ]);
  });

  it('uses --set for every row, --set source for the identity, and --default only for empty cells', async () => {
    const tenantId = newTenantId('set');
    const file = await files.write(
      `${tenantId}.csv`,
      'externalId,createdAt,channel,owner\nH1,2026-03-02,web_form,101\nH2,,,101\n',
    );
    await run(tenantId, { kind: 'reps', file: fixture('reps.csv') });
    const report = await run(tenantId, {
      kind: 'leads',
      file,
      set: { source: 'hubspot', company: 'Acme' },
      defaults: { createdAt: '2026-01-01', channel: 'unknown' },
    });
    expect(report).toMatchObject({ imported: 2, rejected: 0, createdReps: [] });
    const leads = await db.prisma.lead.findMany({ where: { tenantId }, orderBy: { externalId: 'asc' } });
    const alice = await db.prisma.rep.findFirstOrThrow({ where: { tenantId, name: 'Alice Martin' } });
    expect(
      leads.map((l) => [l.source, l.company, l.channel, l.createdAt.toISOString(), l.ownerRepId]),
    ).toEqual([
      ['hubspot', 'Acme', 'web_form', '2026-03-01T23:00:00.000Z', alice.id],
      ['hubspot', 'Acme', 'unknown', '2025-12-31T23:00:00.000Z', alice.id],
    ]);
    // The same ids from another source are other rows.
    expect(await run(tenantId, { kind: 'leads', file, defaults: { createdAt: '2026-01-01' } })).toMatchObject(
      {
        imported: 2,
      },
    );
  });

  it('a createdAt defaulted to the import time stays put on re-import', async () => {
    const tenantId = newTenantId('now');
    const file = await files.write(`${tenantId}.csv`, 'externalId,status,createdAt\nP1,open,\n');
    const opts = { kind: 'deals' as const, file, defaults: { createdAt: 'now' } };
    const first = await run(tenantId, { ...opts, now: new Date('2026-05-01T10:00:00Z') });
    expect(first.notes).toContain(
      '1 row had no createdAt: used --default createdAt=now (the import time; kept on re-import)',
    );
    await run(tenantId, { ...opts, now: new Date('2026-06-01T10:00:00Z') });
    const deal = await db.prisma.deal.findFirstOrThrow({ where: { tenantId } });
    expect(deal.createdAt.toISOString()).toBe('2026-05-01T10:00:00.000Z');
  });

  it('imports campaigns per day, web traffic, activities, teams and objectives', async () => {
    const tenantId = newTenantId('marketing');
    await run(tenantId, { kind: 'reps', file: fixture('reps.csv') });
    const campaigns = await files.write(
      `${tenantId}-c.csv`,
      'campaign_id,name,day,sent,delivered,opens,unique_clicks,cost\n' +
        'C1,Spring,2026-03-02,"1 000",980,300,40,"12,50"\nC1,Spring,2026-03-03,500,490,100,10,5\nC2,,2026-03-02,10,10,1,0,0\n',
    );
    expect(
      await run(tenantId, { kind: 'campaigns', file: campaigns, map: { externalId: 'campaign_id' } }),
    ).toMatchObject({
      imported: 3,
      rejected: 0,
    });
    const stored = await db.prisma.campaign.findMany({ where: { tenantId }, orderBy: { externalId: 'asc' } });
    expect(stored.map((c) => [c.externalId, c.name, c.channel])).toEqual([
      ['C1', 'Spring', 'emailing'],
      ['C2', 'C2', 'emailing'],
    ]);
    const daily = await db.prisma.campaignDaily.findMany({
      where: { tenantId },
      orderBy: [{ day: 'asc' }, { sent: 'desc' }],
    });
    expect(
      daily.map((d) => [d.day.toISOString().slice(0, 10), d.sent, d.uniqueClicks, d.cost, d.bounces]),
    ).toEqual([
      ['2026-03-02', 1000, 40, 12.5, 0],
      ['2026-03-02', 10, 0, 0, 0],
      ['2026-03-03', 500, 10, 5, 0],
    ]);

    const traffic = await files.write(
      `${tenantId}-w.csv`,
      'day,source,sessions,users,engaged_seconds\n2026-03-02,google / organic,120,100,"3 600,5"\n2026-03-02,(direct) / (none),50,45,100\n',
    );
    expect(await run(tenantId, { kind: 'web-traffic', file: traffic })).toMatchObject({ imported: 2 });
    expect(await run(tenantId, { kind: 'web-traffic', file: traffic })).toMatchObject({
      imported: 0,
      updated: 2,
    });
    const organic = await db.prisma.webTrafficDaily.findFirstOrThrow({
      where: { tenantId, source: 'google / organic' },
    });
    expect([organic.sessions, organic.users, organic.engagedSeconds]).toEqual([120, 100, 3600.5]);

    const activities = await files.write(
      `${tenantId}-a.csv`,
      'externalId,type,occurredAt,rep\nA1,Meeting,2026-03-02T09:00:00,bob@acme.test\nA2,visit,2026-03-02,bob@acme.test\n',
    );
    const activityReport = await run(tenantId, { kind: 'activities', file: activities });
    expect(activityReport).toMatchObject({ imported: 1, rejected: 1 });
    expect(activityReport.rejections[0]?.reason).toMatch(
      /not one of meeting, call, email, proposal_followup/,
    );

    const teams = await files.write(`${tenantId}-t.csv`, 'name,manager\nEMEA,Alice Martin\nAPAC,Dan Lee\n');
    expect(await run(tenantId, { kind: 'teams', file: teams })).toMatchObject({
      imported: 1,
      updated: 1,
      createdReps: ['Dan Lee (manager)'],
    });
    const apac = await db.prisma.team.findFirstOrThrow({ where: { tenantId, name: 'APAC' } });
    const dan = await db.prisma.rep.findFirstOrThrow({ where: { tenantId, name: 'Dan Lee' } });
    expect([apac.managerRepId, dan.role, dan.teamId]).toEqual([dan.id, 'manager', apac.id]);

    const objectives = await files.write(
      `${tenantId}-o.csv`,
      'metric,scope,scope_name,grain,period_start,target\n' +
        'revenue_signed,,,month,2026-03-01,50000\nwin_rate,team,emea,quarter,2026-01-01,"0,45"\n' +
        'meetings,rep,Bob Durand,week,2026-03-02,12\nmeetings,rep,Nobody,week,2026-03-02,12\nWin Rate,,,month,2026-03-01,1\n',
    );
    const objectiveReport = await run(tenantId, { kind: 'objectives', file: objectives });
    expect(objectiveReport).toMatchObject({ imported: 3, rejected: 2 });
    expect(objectiveReport.rejections).toEqual([
      { line: 5, reason: "scopeName: no rep 'Nobody' (import reps first)" },
      { line: 6, reason: "metric: 'Win Rate' is not a metric name (snake_case, e.g. win_rate)" },
    ]);
    expect(await run(tenantId, { kind: 'objectives', file: objectives })).toMatchObject({
      imported: 0,
      updated: 3,
    });
    const teamGoal = await db.prisma.objective.findFirstOrThrow({ where: { tenantId, metric: 'win_rate' } });
    const emea = await db.prisma.team.findFirstOrThrow({ where: { tenantId, name: 'EMEA' } });
    expect([teamGoal.scopeType, teamGoal.scopeId, teamGoal.target]).toEqual(['team', emea.id, 0.45]);
  });

  it('matches an owner by CRM owner id in the import source', async () => {
    const tenantId = newTenantId('crm');
    await run(tenantId, { kind: 'reps', file: fixture('reps.csv') });
    const file = await files.write(
      `${tenantId}.csv`,
      'externalId,createdAt,status,owner\nH1,2026-03-02,open,101\n',
    );
    const report = await run(tenantId, { kind: 'deals', file, set: { source: 'hubspot' } });
    expect(report.createdReps).toEqual([]);
    const deal = await db.prisma.deal.findFirstOrThrow({ where: { tenantId } });
    const alice = await db.prisma.rep.findFirstOrThrow({ where: { tenantId, name: 'Alice Martin' } });
    expect([deal.source, deal.ownerRepId]).toEqual(['hubspot', alice.id]);
  });
});
