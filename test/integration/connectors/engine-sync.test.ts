import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../../../src/app/ask.ts';
import type { AppContext } from '../../../src/app/context.ts';
import { recomputeTenantRollups } from '../../../src/app/recompute-rollups.ts';
import { runSync } from '../../../src/app/run-sync.ts';
import { createGa4Connector, parseGa4Config } from '../../../src/connectors/ga4/index.ts';
import {
  createSalesforceConnector,
  parseSalesforceConfig,
} from '../../../src/connectors/salesforce/index.ts';
import { testContext } from '../../support/app-context.ts';
import { createTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { type FakeGa4, startFakeGa4 } from '../../support/fake-ga4.ts';
import { type FakeSalesforce, startFakeSalesforce } from '../../support/fake-salesforce.ts';
import { seedSalesforceOrg } from './salesforce-org.ts';

/** The real sync engine writes what the connectors yield into PostgreSQL, and the chat answers from it. */
describe('Salesforce and GA4 through the sync engine into PostgreSQL', () => {
  let t: TestDatabase;
  let ctx: AppContext;
  let sf: FakeSalesforce;
  let ga: FakeGa4;

  beforeAll(async () => {
    t = await createTestDatabase('postgres');
    ctx = testContext(t.db);
    sf = await startFakeSalesforce({ accessToken: 'sf-token', batchSize: 2 });
    seedSalesforceOrg(sf);
    ga = await startFakeGa4({ propertyId: '42', today: '2026-03-15', accessTokens: ['ga-token'] });
    for (let d = 5; d <= 14; d++) {
      const date = `2026-03-${String(d).padStart(2, '0')}`;
      for (const [sourceMedium, sessions] of [
        ['google / organic', 50 + d],
        ['newsletter / email', 10 + d],
      ] as const) {
        ga.rows.push({
          date,
          sourceMedium,
          sessions,
          totalUsers: sessions,
          screenPageViews: sessions * 2,
          bounceRate: 0.5,
          userEngagementDuration: sessions * 30,
          keyEvents: 1,
        });
      }
    }
  });
  afterAll(async () => {
    await sf?.close();
    await ga?.close();
    await t?.dispose();
  });

  const question = (tenantId: string, text: string) =>
    ask(ctx, { tenantId, text, user: { system: true }, now: new Date('2026-03-15T12:00:00Z'), lang: 'en' });

  it('answers revenue signed and win rate from a Salesforce sync', async () => {
    const tenantId = `sf-${randomBytes(4).toString('hex')}`;
    const connector = createSalesforceConnector(
      parseSalesforceConfig({
        SALESFORCE_INSTANCE_URL: sf.url,
        SALESFORCE_ACCESS_TOKEN: 'sf-token',
        KPIBOT_TZ: 'Europe/Paris',
      }),
    );
    const outcome = await runSync(ctx, { tenantId, connector, now: () => new Date('2026-03-15T11:00:00Z') });
    expect(outcome.status).toBe('succeeded');
    await recomputeTenantRollups(ctx, tenantId);

    const revenue = await question(tenantId, 'revenue this month');
    expect(revenue).toMatchObject({
      kind: 'answer',
      answer: { metric: { name: 'revenue_signed' }, value: 12000 },
    });
    const winRate = await question(tenantId, 'win rate this month');
    expect(winRate).toMatchObject({ kind: 'answer', answer: { value: 0.5 } });
    // Opportunity owners became reps through their User Id.
    const byRep = await question(tenantId, 'revenue by rep this month');
    expect(byRep).toMatchObject({
      kind: 'answer',
      answer: {
        breakdown: expect.arrayContaining([expect.objectContaining({ label: 'Alice Martin', value: 12000 })]),
      },
    });
  });

  it('answers web sessions from a GA4 sync', async () => {
    const tenantId = `ga-${randomBytes(4).toString('hex')}`;
    const connector = createGa4Connector(
      parseGa4Config({
        GA4_PROPERTY_ID: '42',
        GA4_ACCESS_TOKEN: 'ga-token',
        GA4_BASE_URL: ga.url,
        GA4_BACKFILL_DAYS: '30',
      }),
      { now: () => new Date('2026-03-15T10:00:00Z') },
    );
    const outcome = await runSync(ctx, { tenantId, connector });
    expect(outcome.status).toBe('succeeded');
    await recomputeTenantRollups(ctx, tenantId);

    // Σ over 5–14 March of (50 + d) + (10 + d) = 790.
    const sessions = await question(tenantId, 'sessions this month');
    expect(sessions).toMatchObject({
      kind: 'answer',
      answer: { metric: { name: 'web_sessions' }, value: 790 },
    });
  });
});
