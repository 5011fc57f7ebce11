import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runKpibot, spawnKpibot } from '../support/run-cli.ts';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** `kpibot demo` as a newcomer runs it: embedded database, demo company, web server, chat on stdin. */
describe('kpibot demo', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('loads the company, serves health, answers in the terminal chat, and stops cleanly', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'kpibot-demo-'));
    dirs.push(dataDir);
    const env = { KPIBOT_DATA_DIR: dataDir, REDIS_URL: redisUrl, DATABASE_URL: '', LOG_LEVEL: 'info' };
    const child = spawnKpibot(['demo', '--port', '0'], env);
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    let err = '';
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await expect
        .poll(() => /listening on http:\/\/localhost:(\d+)/.exec(out)?.[1], {
          timeout: 90_000,
          interval: 250,
        })
        .toBeDefined();
      const port = /listening on http:\/\/localhost:(\d+)/.exec(out)![1];
      expect(out).toMatch(/Demo company loaded in [\d.]+ s: 3 teams, 15 reps/);
      expect(out).toMatch(/KPI rollups computed for \d+ days/);

      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(await ready.json()).toEqual({
        status: 'ready',
        checks: { database: { ok: true }, redis: { ok: true } },
      });
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toMatch(/kpibot_http_requests_total\{route="\/healthz",status="200"\} 1/);
      expect((await fetch(`http://127.0.0.1:${port}/nope`)).status).toBe(404);

      // The terminal chat reads stdin.
      child.stdin?.write('win rate by team last quarter\ntaux de conversion par étape le mois dernier\n');
      await expect.poll(() => out, { timeout: 20_000 }).toMatch(/Par étape:[\s\S]*RDV → proposition/);
      expect(out).toMatch(/Win rate — last quarter[\s\S]*By team:[\s\S]*(Paris|Lyon|EMEA)/);

      // A second process cannot open the same embedded database.
      const second = await runKpibot(['ask', 'win rate'], env);
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(/already in use by another kpibot process/);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited, err).toBe(0);
    expect(existsSync(path.join(dataDir, 'kpibot.lock'))).toBe(false);

    // The data survived; a restart does not load the company twice.
    const again = spawnKpibot(['demo', '--port', '0', '--no-chat'], env);
    let out2 = '';
    again.stdout?.on('data', (d: Buffer) => {
      out2 += d.toString();
    });
    const exited2 = new Promise<number | null>((resolve) => again.on('exit', (code) => resolve(code)));
    try {
      await expect.poll(() => out2, { timeout: 60_000, interval: 250 }).toMatch(/listening on/);
      expect(out2).toMatch(/Demo company already loaded/);
    } finally {
      again.kill('SIGTERM');
    }
    expect(await exited2).toBe(0);
  }, 180_000);
});
