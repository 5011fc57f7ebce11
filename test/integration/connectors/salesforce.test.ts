import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSalesforceConnector,
  parseSalesforceConfig,
} from '../../../src/connectors/salesforce/index.ts';
import { ConnectorAuthError, RateLimitedError } from '../../../src/connectors/types.ts';
import { type FakeSalesforce, startFakeSalesforce } from '../../support/fake-salesforce.ts';
import { seedSalesforceOrg } from './salesforce-org.ts';
import { firstError, readAllStreams } from './sync-stream.ts';

const TOKEN = '00DFAKE!good-token';
let sf: FakeSalesforce;

beforeEach(async () => {
  sf = await startFakeSalesforce({ accessToken: TOKEN, batchSize: 2, multiCurrency: true });
  seedSalesforceOrg(sf);
});
afterEach(() => sf.close());

const quickRetries = { maxRetries: 2, minTimeout: 5 };
const tokenConnector = (env: Record<string, string | undefined> = {}) =>
  createSalesforceConnector(
    parseSalesforceConfig({
      SALESFORCE_INSTANCE_URL: sf.url,
      SALESFORCE_ACCESS_TOKEN: TOKEN,
      KPIBOT_TZ: 'Europe/Paris',
      ...env,
    }),
    { httpRetry: quickRetries },
  );

const paris = (iso: string) => new Date(iso);

describe('Salesforce connector: full then incremental sync', () => {
  it('maps every object to canonical records and resumes from the cursors with only what changed', async () => {
    const connector = tokenConnector();
    expect(connector.source).toBe('salesforce');
    expect(connector.streams.map((s) => s.name)).toEqual([
      'users',
      'campaigns',
      'leads',
      'opportunities',
      'events',
    ]);

    const full = await readAllStreams(connector);
    const all = (name: string) => full.pages[name]?.map((p) => p.records) ?? [];

    expect(all('users').flatMap((r) => r.reps ?? [])).toEqual([
      { name: 'Alice Martin', email: 'alice@acme.test', crmOwnerId: '005A00000000001', active: true },
      { name: 'Bruno Petit', email: 'bruno@acme.test', crmOwnerId: '005A00000000002', active: true },
    ]);
    expect(all('campaigns').flatMap((r) => r.campaigns ?? [])).toEqual([
      {
        externalId: '701A00000000001',
        name: 'Spring webinar',
        channel: 'Webinar',
        day: '2026-03-01',
        sent: 800,
        leads: 25,
        cost: 1500,
      },
    ]);

    // Three leads in batches of two: two pages, each carrying its last row as the cursor.
    expect(full.pages.leads).toHaveLength(2);
    expect(full.pages.leads?.[0]?.cursor).toBe('2026-03-06T12:00:00.000Z|00QA00000000002');
    const leads = all('leads').flatMap((r) => r.leads ?? []);
    expect(leads).toEqual([
      {
        externalId: '00QA00000000001',
        createdAt: paris('2026-03-02T09:00:00Z'),
        name: 'Chloé Durand',
        email: 'chloe@initech.test',
        company: 'Initech',
        channel: 'Web',
        owner: '005A00000000001',
        qualifiedAt: paris('2026-03-03T10:00:00Z'), // no history: LastModifiedDate while qualified
        convertedAt: null,
      },
      {
        externalId: '00QA00000000002',
        createdAt: paris('2026-03-02T11:00:00Z'),
        name: 'Denis Roy',
        email: null,
        company: 'Globex SA',
        channel: 'Partner',
        owner: '005A00000000001',
        qualifiedAt: paris('2026-03-04T08:00:00Z'), // LeadHistory
        convertedAt: paris('2026-03-04T23:00:00Z'), // 5 March, Paris midnight
      },
      expect.objectContaining({ externalId: '00QA00000000003', qualifiedAt: null, convertedAt: null }),
    ]);

    const deals = all('opportunities').flatMap((r) => r.deals ?? []);
    expect(deals.map((d) => d.externalId)).toEqual(['006A00000000002', '006A00000000003', '006A00000000001']);
    expect(deals[2]).toEqual({
      externalId: '006A00000000001',
      createdAt: paris('2026-03-05T10:00:00Z'),
      name: 'Globex — licences',
      account: 'Globex SA',
      owner: '005A00000000001',
      stage: 'Closed Won',
      status: 'won',
      amount: 12000,
      currency: 'EUR',
      closedAt: paris('2026-03-09T23:00:00Z'),
      leadId: '00QA00000000002',
      channel: 'Partner',
      stageHistory: [
        { stage: 'Prospecting', at: paris('2026-03-05T10:00:00Z') },
        { stage: 'Proposal/Price Quote', at: paris('2026-03-07T10:00:00Z') },
        { stage: 'Closed Won', at: paris('2026-03-10T16:00:00Z') },
      ],
    });
    expect(deals[0]).toMatchObject({ status: 'open', closedAt: null, leadId: null, stageHistory: [] });
    expect(deals[1]).toMatchObject({ status: 'lost', account: null, channel: null });

    expect(all('events').flatMap((r) => r.activities ?? [])).toEqual([
      {
        externalId: '00UA00000000001',
        type: 'meeting',
        occurredAt: paris('2026-03-03T14:00:00Z'),
        rep: '005A00000000001',
        leadId: '00QA00000000001',
        dealId: null,
      },
      {
        externalId: '00UA00000000002',
        type: 'call',
        occurredAt: paris('2026-03-07T09:30:00Z'),
        rep: '005A00000000002',
        leadId: null,
        dealId: '006A00000000002',
      },
    ]);
    expect(full.cursors).toEqual({
      users: '2026-01-05T08:00:00.000Z|005A00000000002',
      campaigns: '2026-02-20T10:00:00.000Z|701A00000000001',
      leads: '2026-03-07T09:00:00.000Z|00QA00000000003',
      opportunities: '2026-03-10T16:00:00.000Z|006A00000000001',
      events: '2026-03-06T09:00:00.000Z|00UA00000000002',
    });

    // Changes: a deal won, a lead deleted, a lead created in the same second as the last cursor, a new event.
    sf.put('Opportunity', {
      Id: '006A00000000002',
      Name: 'Globex — support',
      AccountId: '001A00000000001',
      OwnerId: '005A00000000002',
      StageName: 'Closed Won',
      IsClosed: true,
      IsWon: true,
      Amount: 5500,
      CurrencyIsoCode: 'EUR',
      LeadSource: 'Partner',
      CreatedDate: '2026-03-06T10:00:00.000+0000',
      CloseDate: '2026-03-12',
      SystemModstamp: '2026-03-12T08:00:00.000+0000',
    });
    sf.remove('Lead', '00QA00000000001', '2026-03-12T09:00:00.000+0000');
    sf.put('Lead', {
      Id: '00QA00000000004',
      Name: 'Farid Nour',
      Status: 'Open - Not Contacted',
      IsConverted: false,
      OwnerId: '005A00000000002',
      CreatedDate: '2026-03-07T09:00:00.000+0000',
      LastModifiedDate: '2026-03-07T09:00:00.000+0000',
      SystemModstamp: '2026-03-07T09:00:00.000+0000',
    });
    sf.put('Event', {
      Id: '00UA00000000003',
      Type: 'Meeting',
      StartDateTime: '2026-03-13T10:00:00.000+0000',
      OwnerId: '005A00000000002',
      WhoId: null,
      WhatId: '006A00000000002',
      SystemModstamp: '2026-03-11T10:00:00.000+0000',
    });

    const second = await readAllStreams(connector, full.cursors);
    const changed = (name: string) => second.pages[name]?.map((p) => p.records) ?? [];
    expect(second.pages.users).toEqual([]);
    expect(second.pages.campaigns).toEqual([]);
    expect(
      changed('leads')
        .flatMap((r) => r.leads ?? [])
        .map((l) => l.externalId),
    ).toEqual(['00QA00000000004']);
    expect(changed('leads').flatMap((r) => r.deleted ?? [])).toEqual([
      { kind: 'leads', externalIds: ['00QA00000000001'] },
    ]);
    expect(changed('opportunities').flatMap((r) => r.deals ?? [])).toEqual([
      expect.objectContaining({
        externalId: '006A00000000002',
        status: 'won',
        amount: 5500,
        closedAt: paris('2026-03-11T23:00:00Z'),
      }),
    ]);
    expect(
      changed('events')
        .flatMap((r) => r.activities ?? [])
        .map((a) => a.externalId),
    ).toEqual(['00UA00000000003']);
    expect(second.cursors.leads).toBe('2026-03-12T09:00:00.000Z|00QA00000000001');
    expect(second.cursors.users).toBe(full.cursors.users);

    // Deletions come from queryAll, the rest from query; every query asks for rows after the cursor.
    const soql = sf.requests.filter((r) => r.soql !== undefined);
    expect(
      soql.some((r) => r.path.endsWith('/queryAll') && r.soql?.startsWith('SELECT Id, Name, Email, Company')),
    ).toBe(true);
    expect(soql.at(-1)?.soql).toContain(
      "(SystemModstamp > 2026-03-06T09:00:00Z OR (SystemModstamp = 2026-03-06T09:00:00Z AND Id > '00UA00000000002'))",
    );
  });

  it('leaves CurrencyIsoCode out in a single-currency org', async () => {
    await sf.close();
    sf = await startFakeSalesforce({ accessToken: TOKEN, multiCurrency: false });
    seedSalesforceOrg(sf);
    const { pages } = await readAllStreams(tokenConnector());
    const deals = pages.opportunities?.flatMap((p) => p.records.deals ?? []) ?? [];
    expect(deals.map((d) => [d.externalId, d.currency, d.amount])).toEqual([
      ['006A00000000002', null, 5000],
      ['006A00000000003', null, 3000],
      ['006A00000000001', null, 12000],
    ]);
  });
});

describe('Salesforce connector: client-credentials flow', () => {
  const appConnector = (secret: string) =>
    createSalesforceConnector(
      parseSalesforceConfig({
        SALESFORCE_LOGIN_URL: sf.url,
        SALESFORCE_CLIENT_ID: 'kpibot-app',
        SALESFORCE_CLIENT_SECRET: secret,
      }),
    );

  it('gets a token, and a new one once when the session expires', async () => {
    await sf.close();
    sf = await startFakeSalesforce({ clientId: 'kpibot-app', clientSecret: 's3cret' });
    seedSalesforceOrg(sf);
    const connector = appConnector('s3cret');
    const first = await readAllStreams(connector);
    expect(first.pages.users?.flatMap((p) => p.records.reps ?? [])).toHaveLength(2);
    sf.expireSessions();
    const again = await readAllStreams(connector);
    expect(again.pages.events?.flatMap((p) => p.records.activities ?? [])).toHaveLength(2);
    expect(sf.requests.filter((r) => r.path === '/services/oauth2/token')).toHaveLength(2);
  });

  it('refuses a bad secret with an auth error naming the variables', async () => {
    await sf.close();
    sf = await startFakeSalesforce({ clientId: 'kpibot-app', clientSecret: 's3cret' });
    const error = await firstError(appConnector('wrong'), 'users');
    expect(error).toBeInstanceOf(ConnectorAuthError);
    expect((error as Error).message).toMatch(
      /SALESFORCE_CLIENT_ID \/ SALESFORCE_CLIENT_SECRET.*invalid_client/,
    );
  });
});

describe('Salesforce connector: errors', () => {
  it.each([
    {
      what: 'a bad token',
      env: { SALESFORCE_ACCESS_TOKEN: 'expired' },
      failure: null,
      type: ConnectorAuthError,
      message: /SALESFORCE_ACCESS_TOKEN.*INVALID_SESSION_ID/,
    },
    {
      what: 'the REST API disabled for the user',
      env: {},
      failure: 'insufficient-access' as const,
      type: ConnectorAuthError,
      message: /API Enabled/,
    },
    {
      what: 'the daily API limit',
      env: {},
      failure: 'request-limit' as const,
      type: RateLimitedError,
      message: /REQUEST_LIMIT_EXCEEDED|TotalRequests/,
      retryAfterMs: 15 * 60_000,
    },
    {
      what: 'the concurrent request limit',
      env: {},
      failure: 'concurrent-limit' as const,
      type: RateLimitedError,
      message: /ConcurrentPerOrgLongTxn/,
      retryAfterMs: 30_000,
    },
    {
      what: 'a server error that outlasts the retries',
      env: {},
      failure: 'server-error' as const,
      count: quickRetries.maxRetries + 1,
      type: Error,
      message: /SERVER_UNAVAILABLE/,
    },
  ])('maps $what', async ({ env, failure, count, type, message, retryAfterMs }) => {
    if (failure) sf.failNext(count ?? 1, failure);
    const error = await firstError(tokenConnector(env), 'leads');
    expect(error).toBeInstanceOf(type);
    expect((error as Error).message).toMatch(message);
    if (type === Error) {
      expect(error).not.toBeInstanceOf(ConnectorAuthError);
      expect(error).not.toBeInstanceOf(RateLimitedError);
    }
    if (retryAfterMs !== undefined) expect((error as RateLimitedError).retryAfterMs).toBe(retryAfterMs);
  });

  it('rides out a passing server error with the SDK retries', async () => {
    sf.failNext(quickRetries.maxRetries, 'server-error');
    const { pages } = await readAllStreams(tokenConnector());
    expect(pages.users?.flatMap((p) => p.records.reps ?? [])).toHaveLength(2);
  });

  it('retries the same page after a rate limit in the middle of a stream', async () => {
    const stream = tokenConnector().streams.find((s) => s.name === 'leads');
    const pages = stream?.pages(null, new AbortController().signal)[Symbol.asyncIterator]();
    const first = await pages?.next();
    sf.failNext(1, 'concurrent-limit');
    await expect(pages?.next()).rejects.toBeInstanceOf(RateLimitedError);
    const resumed = await readAllStreams(tokenConnector(), { leads: first?.value?.cursor ?? null });
    expect(resumed.pages.leads?.flatMap((p) => p.records.leads ?? []).map((l) => l.externalId)).toEqual([
      '00QA00000000003',
    ]);
  });
});
