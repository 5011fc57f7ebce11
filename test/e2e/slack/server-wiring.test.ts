import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type WebServer } from '../../../src/server.ts';
import { seedSalesTeam } from '../../integration/answers/sales-fixture.ts';
import { testContext } from '../../support/app-context.ts';
import { createTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { type FakeSlack, slackSignature, startFakeSlack } from '../../support/fake-slack.ts';
import { spawnKpibot } from '../../support/run-cli.ts';
import { SIGNING_SECRET, USERS } from './slack-harness.ts';
import { slashCommand } from './slack-payloads.ts';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const TOKEN = 'xoxb-wiring-token';
const tokens = { [TOKEN]: { teamId: 'T0ACME', teamName: 'Acme', botUserId: 'UKPIBOT', botId: 'B0KPIBOT' } };

const signedKpi = (port: number, fake: FakeSlack, text: string) => {
  const { body, contentType } = slashCommand(
    { teamId: 'T0ACME', botUserId: 'UKPIBOT' },
    { text, userId: 'UDIANE', channelId: 'C0SALES', responseUrl: fake.responseUrl() },
  );
  return fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...slackSignature(SIGNING_SECRET, body) },
    body,
  });
};

describe('the web composition root mounts Slack only when it is configured', () => {
  let t: TestDatabase;
  let fake: FakeSlack;
  const servers: WebServer[] = [];

  beforeAll(async () => {
    t = await createTestDatabase('pglite');
    await seedSalesTeam(t.db, 'default');
    fake = await startFakeSlack({ users: USERS, tokens });
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
    await fake?.close();
    await t?.dispose();
  });

  it('serves no Slack route without Slack credentials', async () => {
    const server = await startServer(testContext(t.db), { port: 0, redisUrl });
    servers.push(server);
    expect(server.slack).toBeNull();
    expect((await fetch(`http://127.0.0.1:${server.port}/slack/events`, { method: 'POST' })).status).toBe(
      404,
    );
  });

  it('serves signed Slack requests on POST /slack/events with a bot token and signing secret', async () => {
    const ctx = testContext(t.db, {
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_API_URL: fake.apiUrl,
    });
    const server = await startServer(ctx, { port: 0, redisUrl });
    servers.push(server);
    expect(server.slack).toMatch(/single workspace.*\/slack\/events/);
    const res = await signedKpi(server.port, fake, 'help');
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/ephemeral/);
    expect((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status).toBe(200);
  });
});

describe('kpibot demo with Slack credentials', () => {
  let fake: FakeSlack;
  let dataDir: string;
  beforeAll(async () => {
    fake = await startFakeSlack({ users: USERS, tokens });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'kpibot-demo-slack-'));
  });
  afterAll(async () => {
    await fake?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('says Slack is connected and answers /kpi from the demo company', async () => {
    const child = spawnKpibot(['demo', '--port', '0', '--no-chat'], {
      KPIBOT_DATA_DIR: dataDir,
      REDIS_URL: redisUrl,
      DATABASE_URL: '',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_API_URL: fake.apiUrl,
    });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    try {
      await expect.poll(() => /Slack: connected/.test(out), { timeout: 50_000, interval: 250 }).toBe(true);
      expect(out).toMatch(
        /Slack: connected — single workspace \(tenant 'default'\), HTTP events on \/slack\/events/,
      );
      const port = Number(/listening on http:\/\/localhost:(\d+)/.exec(out)?.[1]);
      const res = await signedKpi(port, fake, 'win rate last month');
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/Win rate/);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }, 60_000);
});
