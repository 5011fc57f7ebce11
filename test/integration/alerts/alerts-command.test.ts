import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlertRule } from '../../../src/app/alerts/index.ts';
import { runAlertsCommand } from '../../../src/cli/alerts-command.ts';
import { UsageError } from '../../../src/cli/usage.ts';
import { BOT_TOKEN, SLACK_TOKENS, SLACK_USERS } from '../../e2e/delivery/delivery-kit.ts';
import { testContext } from '../../support/app-context.ts';
import { createTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { type FakeSlack, startFakeSlack } from '../../support/fake-slack.ts';
import { NOW, REVENUE_UNDER_10K, seedAlertTenant } from './alert-fixture.ts';

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return { stream, text: () => text };
}

describe('kpibot alerts (real PostgreSQL, fake Slack Web API)', () => {
  let t: TestDatabase;
  let fake: FakeSlack;
  let env: Record<string, string>;
  // SLACK_BOT_TOKEN (single workspace) serves the default tenant.
  const tenantId = 'default';

  beforeAll(async () => {
    t = await createTestDatabase('postgres');
    fake = await startFakeSlack({ users: SLACK_USERS, tokens: SLACK_TOKENS });
    env = {
      DATABASE_URL: t.url!,
      KPIBOT_TZ: 'Europe/Paris',
      LOG_LEVEL: 'silent',
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: 'alerts-cli-secret',
      SLACK_API_URL: fake.apiUrl,
    };
    await seedAlertTenant(t.db, tenantId);
    await createAlertRule(testContext(t.db), { tenantId, spec: REVENUE_UNDER_10K, source: 'chat' });
  }, 60_000);
  afterAll(async () => {
    await fake?.close();
    await t?.dispose();
  });

  const run = async (args: string[]) => {
    const out = capture();
    const err = capture();
    const code = await runAlertsCommand(args, { stdout: out.stream, stderr: err.stream, env });
    return { code, stdout: out.text(), stderr: err.text() };
  };
  const posts = () => fake.calls.filter((c) => c.method === 'chat.postMessage');

  it('evaluate: prints what fired and posts it once; a second run at the same minute posts nothing', async () => {
    const first = await run(['evaluate', '--tenant', tenantId, '--now', NOW.toISOString()]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Alerts of tenant ${tenantId} at 2026-11-18 10:00 (Europe/Paris): 1 rule`);
    expect(first.stdout).toMatch(/Fired \(1\):\n {2}\[[0-9a-f]{8}\] Revenue under 10k a week — Company: /);
    expect(first.stdout).toContain('→ slack:C_SALES');
    expect(first.stdout).toContain('Messages: 1 sent, 0 failed, 0 left for the worker.');
    expect(posts()).toHaveLength(1);
    expect(posts()[0]!.params.channel).toBe('C_SALES');

    const again = await run(['evaluate', '--tenant', tenantId, '--now', NOW.toISOString()]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Nothing fired, repeated or resolved.');
    expect(posts()).toHaveLength(1);
  });

  it('list: the rules with their open alerts; --json for scripts', async () => {
    const listed = await run(['list', '--tenant', tenantId]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(
      /Revenue under 10k a week \[chat\] — threshold revenue_signed → slack:C_SALES; 1 firing, 0 pending/,
    );
    const json = await run(['list', '--tenant', tenantId, '--json']);
    expect(JSON.parse(json.stdout)).toEqual([expect.objectContaining({ name: 'Revenue under 10k a week' })]);
  });

  it('bad usage says what to do', async () => {
    await expect(run(['frobnicate'])).rejects.toThrow(UsageError);
    await expect(run(['evaluate', '--now', 'yesterday'])).rejects.toThrow(/not an ISO instant/);
    const help = await run([]);
    expect(help.code).toBe(2);
    expect(help.stdout).toContain('kpibot alerts evaluate');
  });
});
