import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscribe } from '../../../src/app/digest/subscriptions.ts';
import { runDigestCli } from '../../../src/cli/digest-command.ts';
import type { CliIo } from '../../../src/cli/io.ts';
import { createTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { seedSalesTeam } from '../answers/sales-fixture.ts';

function io(env: Record<string, string>): CliIo & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  return { stdout, stderr, env: { LOG_LEVEL: 'silent', ...env }, out: () => out, err: () => err };
}

describe('kpibot digest (PostgreSQL)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('postgres');
    await seedSalesTeam(t.db, 'default');
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('preview prints the week and writes the chart PNG', async () => {
    const png = path.join(mkdtempSync(path.join(tmpdir(), 'kpibot-digest-')), 'week.png');
    const cli = io({ DATABASE_URL: t.url! });
    const code = await runDigestCli(['preview', '--now', '2026-11-16T08:30:00+01:00', '--png', png], cli);
    expect(code).toBe(0);
    expect(cli.out()).toMatch(
      /^Weekly digest — Fixture\nWeek of 9 Nov 2026 · 9 Nov 2026 → 15 Nov 2026 \(Europe\/Paris\)/,
    );
    expect(cli.out()).toContain('*Revenue signed*: €6,500 — ▲ +1,525% vs previous week (€400)');
    const bytes = readFileSync(png);
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([800, 400]);
    expect(cli.err()).toContain('800×400 PNG');
  });

  it('preview of a week without data says nothing would be posted; bad input exits 2', async () => {
    const cli = io({ DATABASE_URL: t.url! });
    expect(await runDigestCli(['preview', '--now', '2020-01-06T08:30:00Z'], cli)).toBe(0);
    expect(cli.out()).toMatch(
      /No data for the week starting 2019-12-29T23:00:00.000Z: nothing would be posted/,
    );
    await expect(runDigestCli(['preview', '--now', 'monday'], io({ DATABASE_URL: t.url! }))).rejects.toThrow(
      /not an ISO instant/,
    );
    await expect(runDigestCli(['publish'], io({ DATABASE_URL: t.url! }))).rejects.toThrow(
      /preview, send or list/,
    );
    const none = io({ DATABASE_URL: t.url! });
    expect(await runDigestCli(['send'], none)).toBe(2);
    expect(none.err()).toMatch(/No digest subscription in tenant default/);
  });

  it('send writes the outbox once per week; list shows the next run', async () => {
    const sub = await subscribe(t.db.prisma, {
      tenantId: 'default',
      platform: 'slack',
      target: 'C0CLI',
      isUser: false,
      tz: 'Europe/Paris',
      scope: {},
    });
    const env = { DATABASE_URL: t.url!, REDIS_URL: 'redis://127.0.0.1:1' };
    const first = io(env);
    expect(
      await runDigestCli(
        ['send', '--subscription', sub.id.slice(0, 8), '--now', '2026-11-16T08:30:00+01:00'],
        first,
      ),
    ).toBe(0);
    expect(first.out()).toContain(`${sub.id}: week of 2026-11-08T23:00:00.000Z: message enqueued`);
    const again = io(env);
    await runDigestCli(['send', '--now', '2026-11-16T09:00:00+01:00'], again);
    expect(again.out()).toContain('message already_queued');
    expect(await t.db.prisma.delivery.count({ where: { kind: 'digest' } })).toBe(1);
    const list = io(env);
    expect(await runDigestCli(['list', '--now', '2026-11-18T10:00:00+01:00'], list)).toBe(0);
    expect(list.out()).toContain('every Monday at 08:30 (Europe/Paris)');
    expect(list.out()).toContain('next Mon 23 Nov 2026, 08:30 (Europe/Paris)');
  });
});
