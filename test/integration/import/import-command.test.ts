import type { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImportCommand } from '../../../src/cli/import-command.ts';
import type { Database } from '../../../src/store/database.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.ts';
import { capture, csvDir, fixture, newTenantId, parisDefaults } from './import-test-kit.ts';

let files: Awaited<ReturnType<typeof csvDir>>;
beforeAll(async () => {
  files = await csvDir();
});
afterAll(async () => {
  await files?.cleanup();
});

describe('kpibot import: bad usage exits 2 before opening the database', () => {
  const deals = fixture('deals-crm-export.csv');
  it.each([
    ['no arguments', [], /Usage: kpibot import <leads\|deals\|activities/],
    [
      'an unknown kind',
      ['opportunities', deals],
      /Unknown import kind "opportunities": use one of leads, deals/,
    ],
    ['a missing file', ['deals', '/no/such/file.csv'], /File not found: \/no\/such\/file\.csv/],
    [
      'a mapping to an unknown field',
      ['deals', deals, '--map', 'ownr=Deal owner'],
      /Unknown field "ownr" in --map; valid fields for deals: externalId, createdAt, name, account, owner, team, stage, status, amount/,
    ],
    [
      'a mapping to a column the file lacks',
      ['deals', deals, '--map', 'owner=Salesperson'],
      /--map owner=Salesperson: deals-crm-export\.csv has no column "Salesperson" \(columns: "Deal ID", "Title"/,
    ],
    [
      'a header without a required field',
      ['deals', deals, '--map', 'externalId=Deal ID', '--map', 'status=Outcome'],
      /has no column for the required field createdAt: say which column holds it with --map createdAt=<column>/,
    ],
    [
      'an unknown date format',
      ['deals', deals, '--date-format', 'yyyy/mm/dd'],
      /--date-format yyyy\/mm\/dd: use one of iso/,
    ],
    [
      'a malformed value map',
      ['deals', deals, '--value-map', 'status=won'],
      /expected field:csvValue=ourValue/,
    ],
    [
      'a bad --set value',
      ['leads', fixture('leads.csv'), '--set', 'createdAt=soon'],
      /--set createdAt=soon: 'soon' is not a date/,
    ],
    [
      'mapping the source',
      ['leads', fixture('leads.csv'), '--map', 'source=channel'],
      /use --set source=<name>/,
    ],
    ['an unknown option', ['leads', fixture('leads.csv'), '--fast'], /Unknown option --fast/],
  ] as const)('%s', async (_label, argv, message) => {
    const stdout = capture();
    const stderr = capture();
    let opened = false;
    const code = await runImportCommand([...argv], {
      db: async () => {
        opened = true;
        throw new Error('the database must not be opened');
      },
      tenantDefaults: parisDefaults,
      stdout: stdout.stream,
      stderr: stderr.stream,
    });
    expect(code).toBe(2);
    expect(stderr.text()).toMatch(message);
    expect(opened).toBe(false);
  });

  it.each([
    ['an empty file', '', /is empty/],
    ['a blank file', '\n\n', /is empty/],
    ['a header and no rows', 'externalId,createdAt\n', /has a header but no rows/],
  ])('%s', async (_label, content, message) => {
    const file = await files.write(`${newTenantId('empty')}.csv`, content);
    const stderr = capture();
    const code = await runImportCommand(['leads', file], {
      db: () => Promise.reject(new Error('must not open')),
      tenantDefaults: parisDefaults,
      stdout: capture().stream,
      stderr: stderr.stream,
    });
    expect([code, stderr.text()]).toEqual([2, expect.stringMatching(message)]);
  });

  it('prints the help with the fields of each kind', async () => {
    const stdout = capture();
    const code = await runImportCommand(['--help'], {
      db: () => Promise.reject(new Error('must not open')),
      tenantDefaults: parisDefaults,
      stdout: stdout.stream,
      stderr: capture().stream,
    });
    expect(code).toBe(0);
    expect(stdout.text()).toMatch(/deals: externalId\*, createdAt\*, name, account, owner/);
  });
});

describe.each(databaseKinds)('kpibot import on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await t?.dispose();
  });
  const deps = (stdout: PassThrough, stderr: PassThrough) => ({
    // The command closes what it opens: hand it a view whose close leaves the shared test database open.
    db: async (): Promise<Database> => ({ ...t.db, close: async () => {} }),
    tenantDefaults: parisDefaults,
    stdout,
    stderr,
  });

  it('reports counts, created reps and warnings; --json prints the whole report', async () => {
    const tenant = newTenantId('cmd');
    const stdout = capture();
    const argv = [
      'deals',
      fixture('deals-crm-export.csv'),
      '--tenant',
      tenant,
      '--map',
      'externalId=Deal ID',
      '--map=owner=Deal owner',
      '--map',
      'status=Outcome',
      '--map',
      'createdAt=Created',
      '--map',
      'closedAt=Closed',
      '--map',
      'leadId=Lead',
      '--value-map',
      'status:gagné=won',
      '--value-map',
      'status:Perdu=lost',
      '--value-map',
      'status:En cours=open',
      '--date-format',
      'dd/mm/yyyy',
    ];
    const stderr = capture();
    expect(await runImportCommand(argv, deps(stdout.stream, stderr.stream))).toBe(0);
    expect(stdout.text()).toContain(`Imported deals from deals-crm-export.csv into tenant ${tenant}`);
    expect(stdout.text()).toContain('5 rows read: 5 imported (new), 0 updated, 0 rejected');
    expect(stdout.text()).toContain(
      '5 reps created: alice@acme.test, 202, chloé petit, Zoé Nouvelle, Bob Durand',
    );
    expect(stdout.text()).toContain("    line 5: lead 'L9' not found in csv: not linked");
    expect(stderr.text()).toBe('');

    const json = capture();
    expect(await runImportCommand([...argv, '--json'], deps(json.stream, capture().stream))).toBe(0);
    const report = JSON.parse(json.text());
    expect(report).toMatchObject({
      kind: 'deals',
      tenantId: tenant,
      rows: 5,
      imported: 0,
      updated: 5,
      rejected: 0,
    });
    expect(report.createdReps).toEqual([]);
  });

  it('caps the printed rejections at 50, and exits 2 when every row is rejected', async () => {
    const tenant = newTenantId('cap');
    const bad = Array.from({ length: 60 }, (_, i) => `B${i},not-a-date\n`).join('');
    const file = await files.write(`${tenant}.csv`, `externalId,createdAt\n${bad}G1,2026-03-02\n`);
    const stdout = capture();
    expect(
      await runImportCommand(['leads', file, '--tenant', tenant], deps(stdout.stream, capture().stream)),
    ).toBe(0);
    const listed = stdout
      .text()
      .split('\n')
      .filter((l) => /^ {4}line \d+:/.test(l));
    expect(listed).toHaveLength(50);
    expect(listed[0]).toBe(
      "    line 2: createdAt: 'not-a-date' is not a date (expected YYYY-MM-DD or an ISO date-time)",
    );
    expect(stdout.text()).toContain('… and 10 more (--json lists them)');

    const allBad = await files.write(`${tenant}-bad.csv`, `externalId,createdAt\n${bad}`);
    const json = capture();
    const code = await runImportCommand(
      ['leads', allBad, '--tenant', tenant, '--json'],
      deps(json.stream, capture().stream),
    );
    expect(code).toBe(2);
    expect(JSON.parse(json.text()).rejections).toHaveLength(60);
  });
});
