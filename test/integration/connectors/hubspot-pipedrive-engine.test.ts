import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../../../src/app/ask.ts';
import type { AppContext } from '../../../src/app/context.ts';
import { recomputeTenantRollups } from '../../../src/app/recompute-rollups.ts';
import { runSync } from '../../../src/app/run-sync.ts';
import { createHubspotConnector, parseHubspotConfig } from '../../../src/connectors/hubspot/index.ts';
import { createPipedriveConnector, parsePipedriveConfig } from '../../../src/connectors/pipedrive/index.ts';
import { testContext } from '../../support/app-context.ts';
import { createTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { type FakeHubspot, startFakeHubspot } from '../../support/fake-hubspot.ts';
import { type FakePipedrive, startFakePipedrive } from '../../support/fake-pipedrive.ts';
import { seedHubspotPortal } from './hubspot-portal.ts';
import { seedPipedriveCompany } from './pipedrive-company.ts';

/** The real sync engine writes what HubSpot and Pipedrive yield into PostgreSQL, and the chat answers from it. */
describe('HubSpot and Pipedrive through the sync engine into PostgreSQL', () => {
  let t: TestDatabase;
  let ctx: AppContext;
  let hubspot: FakeHubspot;
  let pipedrive: FakePipedrive;

  beforeAll(async () => {
    t = await createTestDatabase('postgres');
    ctx = testContext(t.db);
    hubspot = await startFakeHubspot(seedHubspotPortal());
    pipedrive = await startFakePipedrive(seedPipedriveCompany());
  });
  afterAll(async () => {
    await hubspot?.close();
    await pipedrive?.close();
    await t?.dispose();
  });

  const now = new Date('2026-03-15T12:00:00Z');
  const question = (tenantId: string, text: string) =>
    ask(ctx, { tenantId, text, user: { system: true }, now, lang: 'en' });

  it('answers win rate and revenue from a HubSpot sync, deals owned by the synced owners', async () => {
    const tenantId = `hs-${randomBytes(4).toString('hex')}`;
    const connector = createHubspotConnector(
      parseHubspotConfig({
        HUBSPOT_ACCESS_TOKEN: hubspot.token,
        HUBSPOT_BASE_URL: hubspot.url,
        KPIBOT_TZ: 'Europe/Paris',
      }),
    );
    const outcome = await runSync(ctx, { tenantId, connector, now: () => now });
    expect(outcome.status).toBe('succeeded');
    await recomputeTenantRollups(ctx, tenantId);

    // Deal 501 won and 502 lost, both closed on 12 March.
    expect(await question(tenantId, 'win rate this month')).toMatchObject({
      kind: 'answer',
      answer: { metric: { name: 'win_rate' }, value: 0.5 },
    });
    expect(await question(tenantId, 'revenue by rep this month')).toMatchObject({
      kind: 'answer',
      answer: {
        value: 12500.5,
        breakdown: expect.arrayContaining([expect.objectContaining({ label: 'Bob Durand', value: 12500.5 })]),
      },
    });
  });

  it('answers win rate and revenue from a Pipedrive sync, archived deals included', async () => {
    const tenantId = `pd-${randomBytes(4).toString('hex')}`;
    const connector = createPipedriveConnector(
      parsePipedriveConfig({ PIPEDRIVE_API_TOKEN: pipedrive.token, PIPEDRIVE_BASE_URL: pipedrive.url }),
    );
    const outcome = await runSync(ctx, { tenantId, connector, now: () => now });
    expect(outcome.status).toBe('succeeded');
    await recomputeTenantRollups(ctx, tenantId);

    // Deal 1 won (12 March); deal 2 lost (10 March) and archived deal 4 lost (4 March).
    const winRate = await question(tenantId, 'win rate this month');
    expect(winRate).toMatchObject({ kind: 'answer', answer: { numerator: 1, denominator: 3 } });
    expect(await question(tenantId, 'revenue by rep this month')).toMatchObject({
      kind: 'answer',
      answer: {
        value: 12000,
        breakdown: expect.arrayContaining([expect.objectContaining({ label: 'Alice Martin', value: 12000 })]),
      },
    });
  });
});
