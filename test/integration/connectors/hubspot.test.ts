import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createHubspotConnector,
  type HubspotConfig,
  parseHubspotConfig,
} from '../../../src/connectors/hubspot/index.ts';
import { ConnectorAuthError, RateLimitedError } from '../../../src/connectors/types.ts';
import { cursorsOf, drainConnector, drainStream } from '../../support/drain-stream.ts';
import { emptyHubspotState, type FakeHubspot, startFakeHubspot } from '../../support/fake-hubspot.ts';
import { iso, seedHubspotPortal, T0 } from './hubspot-portal.ts';

function config(fake: FakeHubspot, env: Record<string, string> = {}): HubspotConfig {
  return parseHubspotConfig({
    HUBSPOT_ACCESS_TOKEN: fake.token,
    HUBSPOT_BASE_URL: fake.url,
    KPIBOT_TZ: 'Europe/Paris',
    ...env,
  });
}

describe('HubSpot connector against a fake HubSpot', () => {
  let fake: FakeHubspot;
  beforeAll(async () => {
    fake = await startFakeHubspot(seedHubspotPortal());
  });
  afterAll(() => fake.close());

  it('maps a full sync, then an incremental one yields only what changed since', async () => {
    const connector = createHubspotConnector(config(fake, { HUBSPOT_PIPELINES: 'default' }));
    expect(connector.source).toBe('hubspot');
    expect(connector.streams.map((s) => s.name)).toEqual([
      'owners',
      'contacts',
      'deals',
      'meetings',
      'marketing-emails',
    ]);
    const first = await drainConnector(connector);

    expect(first.owners!.records.reps).toEqual([
      { name: 'Alice Martin', email: 'alice@acme.test', team: 'EMEA', crmOwnerId: '101', active: true },
      { name: 'Bob Durand', email: 'bob@acme.test', team: null, crmOwnerId: '102', active: true },
      { name: 'Carol Petit', email: 'carol@acme.test', team: null, crmOwnerId: '103', active: false },
    ]);

    const leads = first.contacts!.records.leads;
    expect(leads).toHaveLength(3);
    expect(leads[0]).toEqual({
      externalId: '1',
      createdAt: new Date(iso(1)),
      name: 'Lead1 Client',
      email: 'lead1@client.test',
      company: 'Client 1',
      channel: 'organic_search',
      owner: '101',
      qualifiedAt: new Date(iso(1, 15)),
      convertedAt: new Date(iso(10)),
    });
    expect(leads[2]).toMatchObject({ externalId: '3', owner: null, qualifiedAt: null, convertedAt: null });
    expect(first.contacts!.cursor).toBe(iso(3, 12));

    const deals = first.deals!.records.deals;
    expect(deals.map((d) => d.externalId)).toEqual(['503', '501', '502']);
    const won = deals.find((d) => d.externalId === '501')!;
    expect(won).toMatchObject({
      name: 'Deal 501',
      status: 'won',
      stage: 'Closed Won',
      amount: 12500.5,
      currency: 'EUR',
      owner: '102',
      closedAt: new Date(iso(12)),
      createdAt: new Date(iso(5)),
      leadId: '1',
    });
    expect(won.stageHistory).toEqual([
      { stage: 'Appointment Scheduled', at: new Date(iso(5)) },
      { stage: 'Proposal Sent', at: new Date(iso(8)) },
      { stage: 'Closed Won', at: new Date(iso(12)) },
    ]);
    expect(deals.find((d) => d.externalId === '502')).toMatchObject({
      status: 'lost',
      amount: null,
      leadId: null,
    });
    expect(deals.find((d) => d.externalId === '503')).toMatchObject({
      status: 'open',
      stage: 'Proposal Sent',
      closedAt: null,
    });
    expect(first.deals!.cursor).toBe(iso(12));

    expect(first.meetings!.records.activities).toEqual([
      {
        externalId: '9001',
        type: 'meeting',
        occurredAt: new Date(iso(7, 14)),
        rep: '101',
        leadId: '2',
        dealId: '503',
      },
    ]);
    // Published 23:30 UTC on the 9th = the 10th in Paris; the draft yields nothing.
    expect(first['marketing-emails']!.records.campaigns).toEqual([
      {
        externalId: '70001',
        name: 'March newsletter',
        channel: 'email',
        day: '2026-03-10',
        sent: 1000,
        delivered: 980,
        opens: 410,
        uniqueClicks: 55,
        unsubscribes: 4,
        spamReports: 1,
        bounces: 20,
      },
    ]);
    expect(first.contacts!.records.deleted).toEqual([]);

    // Changes after the first run: contact 2 edited, contact 3 archived, deal 502 archived, deal 503 moved on.
    const contact2 = fake.state.objects.contacts[1]!;
    contact2.properties.lastmodifieddate = iso(20);
    contact2.properties.lifecyclestage = 'customer';
    contact2.properties.hs_lifecyclestage_customer_date = iso(20);
    fake.state.objects.contacts[2]!.archivedAt = iso(21);
    fake.state.objects.deals[1]!.archivedAt = iso(21);
    const deal503 = fake.state.objects.deals[2]!;
    Object.assign(deal503.properties, {
      dealstage: 'closedwon',
      hs_is_closed_won: 'true',
      hs_is_closed: 'true',
      hs_lastmodifieddate: iso(22),
    });
    deal503.stageHistory = [
      { value: 'closedwon', timestamp: iso(22) },
      { value: '1001', timestamp: iso(5) },
    ];

    const second = await drainConnector(connector, cursorsOf(first));
    // The contact modified exactly at the cursor is re-read (≥): harmless, upserts are idempotent.
    expect(second.contacts!.records.leads.map((l) => l.externalId)).toEqual(['2']);
    expect(second.contacts!.records.leads[0]!.convertedAt).toEqual(new Date(iso(20)));
    expect(second.contacts!.records.deleted).toEqual([{ kind: 'leads', externalIds: ['3'] }]);
    expect(second.contacts!.cursor).toBe(iso(20));
    expect(second.deals!.records.deleted).toEqual([{ kind: 'deals', externalIds: ['502'] }]);
    expect(second.deals!.records.deals.map((d) => [d.externalId, d.status])).toEqual([
      ['501', 'won'],
      ['503', 'won'],
    ]);
    expect(second.deals!.cursor).toBe(iso(22));
    expect(second.meetings!.records.activities.map((a) => a.externalId)).toEqual(['9001']);
  });

  it('searches with lastmodifieddate ≥ cursor in epoch milliseconds, ascending', async () => {
    const connector = createHubspotConnector(config(fake));
    const contacts = connector.streams.find((s) => s.name === 'contacts')!;
    fake.requests.length = 0;
    await drainStream(contacts, iso(2, 12));
    const search = fake.requests.find((r) => r.path === '/crm/v3/objects/contacts/search')!;
    expect(search.body).toMatchObject({
      filterGroups: [
        {
          filters: [
            { propertyName: 'lastmodifieddate', operator: 'GTE', value: String(Date.parse(iso(2, 12))) },
          ],
        },
      ],
      sorts: ['lastmodifieddate'],
      limit: 100,
    });
    expect((search.body as { properties: string[] }).properties).toContain(
      'hs_lifecyclestage_salesqualifiedlead_date',
    );
  });

  it('takes qualifiedAt from the configured lifecycle stage', async () => {
    const connector = createHubspotConnector(
      config(fake, { HUBSPOT_QUALIFIED_STAGE: 'marketingqualifiedlead' }),
    );
    const { records } = await drainStream(connector.streams.find((s) => s.name === 'contacts')!, null);
    expect(records.leads.find((l) => l.externalId === '1')!.qualifiedAt).toEqual(new Date(iso(1, 14)));
  });

  it('turns 429 into RateLimitedError with Retry-After, 401 and 403 into ConnectorAuthError', async () => {
    const owners = (c: HubspotConfig) => createHubspotConnector(c).streams[0]!;
    fake.rateLimitNext(1, 7);
    const limited = await drainStream(owners(config(fake)), null).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterMs).toBe(7000);

    const unauthorized = await drainStream(owners({ ...config(fake), accessToken: 'pat-wrong' }), null).catch(
      (e: unknown) => e,
    );
    expect(unauthorized).toBeInstanceOf(ConnectorAuthError);
    expect((unauthorized as Error).message).toContain('HUBSPOT_ACCESS_TOKEN');

    fake.forbidNext(1);
    const forbidden = await drainStream(owners(config(fake)), null).catch((e: unknown) => e);
    expect(forbidden).toBeInstanceOf(ConnectorAuthError);
    expect((forbidden as Error).message).toContain('crm.objects.owners.read');
  });

  it('turns a 5xx or an unreachable server into a plain Error the engine retries', async () => {
    const gone = await drainStream(
      createHubspotConnector({ ...config(fake), baseUrl: 'http://127.0.0.1:1' }).streams[0]!,
      null,
    ).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(Error);
    expect(gone).not.toBeInstanceOf(ConnectorAuthError);
    expect(gone).not.toBeInstanceOf(RateLimitedError);
  });
});

describe('HubSpot search past the 10,000-result cap', () => {
  it('re-queries from the last modification date seen and misses nobody', async () => {
    const state = emptyHubspotState();
    const base = Date.parse(T0);
    state.objects.contacts = Array.from({ length: 10_150 }, (_, i) => ({
      id: String(i + 1),
      createdAt: T0,
      updatedAt: T0,
      properties: { createdate: T0, lastmodifieddate: String(base + i * 1000), email: null },
    }));
    const fake = await startFakeHubspot(state);
    try {
      const connector = createHubspotConnector(config(fake));
      const { records, cursor } = await drainStream(
        connector.streams.find((s) => s.name === 'contacts')!,
        null,
      );
      expect(new Set(records.leads.map((l) => l.externalId)).size).toBe(10_150);
      expect(cursor).toBe(new Date(base + 10_149 * 1000).toISOString());
      const restarts = fake.requests.filter(
        (r) => r.path.endsWith('/search') && !(r.body as { after?: string }).after,
      );
      expect(restarts.length).toBe(2);
    } finally {
      await fake.close();
    }
  });
});

describe('parseHubspotConfig', () => {
  it.each([
    [{}, 'HUBSPOT_ACCESS_TOKEN is missing'],
    [{ HUBSPOT_ACCESS_TOKEN: 't', HUBSPOT_BASE_URL: 'not a url' }, 'HUBSPOT_BASE_URL must be an http(s) URL'],
    [
      { HUBSPOT_ACCESS_TOKEN: 't', HUBSPOT_QUALIFIED_STAGE: 'sales qualified' },
      'HUBSPOT_QUALIFIED_STAGE must be',
    ],
  ])('names the bad variable (%j)', (env, message) => {
    expect(() => parseHubspotConfig(env)).toThrow(message);
  });

  it('defaults the base URL and the qualified stage, splits pipelines', () => {
    expect(parseHubspotConfig({ HUBSPOT_ACCESS_TOKEN: 't', HUBSPOT_PIPELINES: 'default, 42 ,' })).toEqual({
      accessToken: 't',
      baseUrl: 'https://api.hubapi.com',
      qualifiedStage: 'salesqualifiedlead',
      pipelines: ['default', '42'],
      timeZone: 'UTC',
    });
  });
});
