import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOW, seedSalesTeam } from '../integration/answers/sales-fixture.ts';
import { createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { runKpibot } from '../support/run-cli.ts';

describe('kpibot command', () => {
  let t: TestDatabase;
  const tenant = `cli-${randomBytes(4).toString('hex')}`;
  let env: Record<string, string>;

  beforeAll(async () => {
    t = await createTestDatabase('postgres');
    await seedSalesTeam(t.db, tenant);
    env = { DATABASE_URL: t.url!, KPIBOT_TZ: 'Europe/Paris' };
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('prints help (0), refuses unknown commands (2)', async () => {
    const help = await runKpibot(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/kpibot ask/);
    const unknown = await runKpibot(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown command "frobnicate"/);
  });

  it('ask --json prints the KpiAnswer contract', async () => {
    const r = await runKpibot(
      ['ask', 'win rate by rep last week', '--json', '--tenant', tenant, '--now', NOW.toISOString()],
      env,
    );
    expect(r.code, r.stderr).toBe(0);
    const a = JSON.parse(r.stdout);
    expect(Object.keys(a)).toEqual(
      expect.arrayContaining([
        'metric',
        'period',
        'scope',
        'value',
        'numerator',
        'denominator',
        'comparison',
        'target',
        'breakdown',
        'definition',
        'warnings',
      ]),
    );
    expect(a.period).toMatchObject({
      start: '2026-11-09T00:00:00+01:00',
      end: '2026-11-16T00:00:00+01:00',
      tz: 'Europe/Paris',
    });
    expect([a.value, a.numerator, a.denominator]).toEqual([0.5, 4, 8]);
    expect(a.breakdown[0]).toMatchObject({ label: 'Zoé Roux', value: 1 });
  });

  it('ask answers as text, as a given user, in French', async () => {
    const r = await runKpibot(
      [
        'ask',
        'taux de réussite par commercial la semaine dernière',
        '--user',
        'alice@acme.test',
        '--tenant',
        tenant,
        '--now',
        NOW.toISOString(),
      ],
      env,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/la semaine dernière/);
    expect(r.stdout).toMatch(/Alice Martin/);
    expect(r.stdout).not.toMatch(/Bob Durand/);
  });

  it('exits 2 with a helpful message for what it cannot understand', async () => {
    const nonsense = await runKpibot(['ask', 'wun rat lst wek', '--tenant', tenant], env);
    expect(nonsense.code).toBe(2);
    expect(nonsense.stderr).toMatch(/Did you mean|Try/);
    const zone = await runKpibot(['ask', 'win rate', '--tz', 'Mars/Olympus'], env);
    expect(zone.code).toBe(2);
    expect(zone.stderr).toMatch(/--tz "Mars\/Olympus" is not an IANA time zone/);
    const empty = await runKpibot(['ask'], env);
    expect(empty.code).toBe(2);
    const missing = await runKpibot(['import', 'deals', path.join(os.tmpdir(), 'no-such-file.csv')], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no-such-file\.csv/);
  });

  it('imports a CSV and answers from it right away', async () => {
    const file = path.join(os.tmpdir(), `kpibot-deals-${randomBytes(3).toString('hex')}.csv`);
    await writeFile(
      file,
      'id,owner,created,closed,status,amount\nX1,alice@acme.test,2026-11-01,2026-11-17,won,2500\nX2,bob@acme.test,2026-11-01,not-a-date,won,10\n',
    );
    const imported = await runKpibot(
      [
        'import',
        'deals',
        file,
        '--tenant',
        tenant,
        '--map',
        'externalId=id',
        '--map',
        'createdAt=created',
        '--map',
        'closedAt=closed',
      ],
      env,
    );
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/1 imported/);
    expect(imported.stdout).toMatch(/line 3/);
    const r = await runKpibot(
      ['ask', 'revenue signed this week', '--json', '--tenant', tenant, '--now', NOW.toISOString()],
      env,
    );
    expect(JSON.parse(r.stdout).value).toBe(1500 + 2500);
  });

  it('refuses split processes on the embedded database', async () => {
    const r = await runKpibot(['start', '--worker'], { DATABASE_URL: '' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/need PostgreSQL \(set DATABASE_URL\)/);
  });

  it('names a bad environment variable', async () => {
    const r = await runKpibot(['ask', 'win rate'], { KPIBOT_TZ: 'Nowhere/City' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/KPIBOT_TZ = "Nowhere\/City"/);
  });

  it('stops on a bad alerts or digests file with its line (2), before opening anything', async () => {
    const alerts = path.join(os.tmpdir(), `kpibot-alerts-${randomBytes(4).toString('hex')}.yaml`);
    await writeFile(
      alerts,
      'alerts:\n  - rule: "leads drops 20% vs previous week"\n  - rule: "frobnication above 3"\n',
    );
    const bad = await runKpibot(['ask', 'leads', '--tenant', tenant], { ...env, KPIBOT_ALERTS: alerts });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${alerts}:3:`);
    const digests = path.join(os.tmpdir(), `kpibot-digests-${randomBytes(4).toString('hex')}.yaml`);
    await writeFile(digests, 'this: [is not a digests file\n');
    const badDigests = await runKpibot(['ask', 'leads', '--tenant', tenant], {
      ...env,
      KPIBOT_DIGESTS: digests,
    });
    expect(badDigests.code).toBe(2);
    expect(badDigests.stderr).toContain(digests);
  });
});
