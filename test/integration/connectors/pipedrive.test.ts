import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPipedriveConnector,
  type PipedriveConfig,
  parsePipedriveConfig,
} from '../../../src/connectors/pipedrive/index.ts';
import { ConnectorAuthError, RateLimitedError } from '../../../src/connectors/types.ts';
import { cursorsOf, drainConnector, drainStream } from '../../support/drain-stream.ts';
import { type FakePipedrive, startFakePipedrive } from '../../support/fake-pipedrive.ts';
import { at, date, LEAD_A, LEAD_B, LEAD_C, LEAD_GONE, seedPipedriveCompany } from './pipedrive-company.ts';

function config(fake: FakePipedrive, env: Record<string, string> = {}): PipedriveConfig {
  return parsePipedriveConfig({ PIPEDRIVE_API_TOKEN: fake.token, PIPEDRIVE_BASE_URL: fake.url, ...env });
}

describe('Pipedrive connector against a fake Pipedrive', () => {
  let fake: FakePipedrive;
  beforeAll(async () => {
    fake = await startFakePipedrive(seedPipedriveCompany());
  });
  afterAll(() => fake.close());

  it('maps a full sync, then an incremental one yields only what changed since', async () => {
    const connector = createPipedriveConnector(config(fake));
    expect(connector.source).toBe('pipedrive');
    expect(connector.streams.map((s) => s.name)).toEqual(['users', 'leads', 'deals', 'activities']);
    const first = await drainConnector(connector);

    expect(first.users!.records.reps).toEqual([
      { name: 'Alice Martin', email: 'alice@acme.test', crmOwnerId: '11', active: true },
      { name: 'Bob Durand', email: 'bob@acme.test', crmOwnerId: '12', active: false },
    ]);

    const leads = new Map(first.leads!.records.leads.map((l) => [l.externalId, l]));
    expect(leads.size).toBe(4);
    expect(leads.get(LEAD_A)).toEqual({
      externalId: LEAD_A,
      createdAt: new Date('2026-03-01T08:00:00.000Z'),
      name: 'Lead A',
      channel: 'web forms',
      owner: '11',
    });
    // Archived without a deal: dismissed. Archived with a deal: converted (and qualified) when the deal was created.
    expect(leads.get(LEAD_B)).toMatchObject({ lostAt: new Date('2026-03-03T08:00:00.000Z') });
    expect(leads.get(LEAD_B)!.convertedAt).toBeUndefined();
    expect(leads.get(LEAD_C)).toMatchObject({ convertedAt: date(5), qualifiedAt: date(5), owner: '11' });
    expect(leads.get(LEAD_GONE)).toEqual({
      externalId: LEAD_GONE,
      createdAt: date(8),
      owner: '11',
      convertedAt: date(8),
      qualifiedAt: date(8),
    });
    expect(first.leads!.cursor).toBe('2026-03-04T08:00:00.000Z');

    const deals = first.deals!.records.deals;
    expect(deals.map((d) => d.externalId)).toEqual(['3', '2', '1', '4']);
    const won = deals.find((d) => d.externalId === '1')!;
    expect(won).toMatchObject({
      name: 'Deal 1',
      status: 'won',
      stage: 'Negotiation',
      amount: 12000,
      currency: 'EUR',
      owner: '11',
      createdAt: date(5),
      closedAt: date(12),
      leadId: LEAD_C,
    });
    expect(won.stageHistory).toEqual([
      { stage: 'Qualified', at: date(5) },
      { stage: 'Demo', at: date(6) },
      { stage: 'Proposal Made', at: date(8) },
      { stage: 'Negotiation', at: date(9) },
    ]);
    expect(deals.find((d) => d.externalId === '2')).toMatchObject({
      status: 'lost',
      closedAt: date(10),
      stage: 'Demo',
    });
    // Never moved: it entered its stage when created, no flow call needed.
    expect(deals.find((d) => d.externalId === '3')!.stageHistory).toEqual([
      { stage: 'Qualified', at: date(8) },
    ]);
    expect(deals.find((d) => d.externalId === '4')).toMatchObject({ status: 'lost', closedAt: date(4) });
    expect(first.deals!.cursor).toBe(date(12).toISOString());
    expect(fake.requests.filter((r) => /\/flow$/.test(r.path)).map((r) => r.path)).toEqual([
      '/v1/deals/2/flow',
      '/v1/deals/1/flow',
    ]);

    expect(first.activities!.records.activities).toEqual([
      {
        externalId: '801',
        type: 'meeting',
        occurredAt: new Date('2026-03-07T14:30:00Z'),
        rep: '11',
        leadId: null,
        dealId: '1',
      },
      {
        externalId: '802',
        type: 'call',
        occurredAt: new Date('2026-03-08T00:00:00Z'),
        rep: '12',
        leadId: LEAD_A,
        dealId: null,
      },
    ]);
    expect(fake.requests.every((r) => r.tokenIn === 'header')).toBe(true);

    // After the first run: deal 2 deleted, deal 3 won, lead A edited, activity 801 deleted, a new meeting.
    const deal2 = fake.state.deals[1]!;
    Object.assign(deal2, { is_deleted: true, update_time: at(20) });
    Object.assign(fake.state.deals[2]!, {
      status: 'won',
      won_time: at(21),
      close_time: at(21),
      update_time: at(21),
    });
    Object.assign(fake.state.leads[0]!, {
      title: 'Lead A (renamed)',
      update_time: '2026-03-20T10:00:00.000Z',
    });
    Object.assign(fake.state.activities[0]!, { is_deleted: true, update_time: at(20) });
    fake.state.activities.push({
      ...fake.state.activities[0]!,
      id: 804,
      is_deleted: false,
      due_date: '2026-03-22',
      update_time: at(21),
    });
    fake.requests.length = 0;

    const second = await drainConnector(connector, cursorsOf(first));
    // Lead C was updated exactly at the cursor: re-read (≥), harmless since upserts are idempotent.
    expect(second.leads!.records.leads.map((l) => [l.externalId, l.name])).toEqual([
      [LEAD_C, 'Lead C'],
      [LEAD_GONE, undefined],
      [LEAD_A, 'Lead A (renamed)'],
    ]);
    expect(second.leads!.cursor).toBe('2026-03-20T10:00:00.000Z');
    expect(second.deals!.records.deleted).toEqual([{ kind: 'deals', externalIds: ['2'] }]);
    expect(second.deals!.records.deals.map((d) => [d.externalId, d.status])).toEqual([
      ['1', 'won'], // updated at the cursor: re-read
      ['3', 'won'],
    ]);
    expect(second.deals!.cursor).toBe(date(21).toISOString());
    expect(second.activities!.records.deleted).toEqual([{ kind: 'activities', externalIds: ['801'] }]);
    // 802 was updated at the cursor (re-read); 803 is a task, never an activity here.
    expect(second.activities!.records.activities.map((a) => a.externalId)).toEqual(['802', '804']);
    // The leads stream reads deals from its own cursor (conversions); the deals stream from the deals cursor.
    const dealsQuery = fake.requests
      .filter((r) => r.path === '/api/v2/deals' && !r.query.get('status'))
      .at(-1)!.query;
    expect(Object.fromEntries(dealsQuery)).toMatchObject({
      updated_since: '2026-03-12T09:00:00Z',
      sort_by: 'update_time',
      sort_direction: 'asc',
      include_fields: 'source_lead_id',
      limit: '500',
    });
  });

  it('qualifies a converted lead when its deal reaches PIPEDRIVE_QUALIFIED_STAGE', async () => {
    const connector = createPipedriveConnector(config(fake, { PIPEDRIVE_QUALIFIED_STAGE: 'proposal made' }));
    const { records } = await drainStream(connector.streams.find((s) => s.name === 'leads')!, null);
    expect(records.leads.find((l) => l.externalId === LEAD_C)!.qualifiedAt).toEqual(date(8));

    const unknown = createPipedriveConnector(config(fake, { PIPEDRIVE_QUALIFIED_STAGE: 'Nope' }));
    await expect(drainStream(unknown.streams[1]!, null)).rejects.toThrow('PIPEDRIVE_QUALIFIED_STAGE');
  });

  it('stops reading deal flows past PIPEDRIVE_STAGE_HISTORY_CALLS', async () => {
    const connector = createPipedriveConnector(config(fake, { PIPEDRIVE_STAGE_HISTORY_CALLS: '0' }));
    fake.requests.length = 0;
    const { records } = await drainStream(connector.streams.find((s) => s.name === 'deals')!, null);
    expect(fake.requests.some((r) => r.path.endsWith('/flow'))).toBe(false);
    expect(records.deals.find((d) => d.externalId === '1')!.stageHistory).toBeUndefined();
  });

  it('turns 429 into RateLimitedError with Retry-After, 401 and 403 into ConnectorAuthError, 5xx into Error', async () => {
    const users = (c: PipedriveConfig) => createPipedriveConnector(c).streams[0]!;
    fake.rateLimitNext(1, 3);
    const limited = await drainStream(users(config(fake)), null).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterMs).toBe(3000);

    const unauthorized = await drainStream(users({ ...config(fake), apiToken: 'wrong' }), null).catch(
      (e: unknown) => e,
    );
    expect(unauthorized).toBeInstanceOf(ConnectorAuthError);
    expect((unauthorized as Error).message).toContain('PIPEDRIVE_API_TOKEN');

    fake.forbidNext(1);
    const forbidden = await drainStream(users(config(fake)), null).catch((e: unknown) => e);
    expect(forbidden).toBeInstanceOf(ConnectorAuthError);
    expect((forbidden as Error).message).toContain('permission');

    const gone = await drainStream(users({ ...config(fake), baseUrl: 'http://127.0.0.1:1' }), null).catch(
      (e: unknown) => e,
    );
    expect(gone).toBeInstanceOf(Error);
    expect(gone).not.toBeInstanceOf(ConnectorAuthError);
    expect(gone).not.toBeInstanceOf(RateLimitedError);
  });
});

describe('parsePipedriveConfig', () => {
  it.each([
    [{}, 'PIPEDRIVE_API_TOKEN is missing'],
    [{ PIPEDRIVE_API_TOKEN: 't', PIPEDRIVE_BASE_URL: 'nope' }, 'PIPEDRIVE_BASE_URL must be an http(s) URL'],
    [
      { PIPEDRIVE_API_TOKEN: 't', PIPEDRIVE_STAGE_HISTORY_CALLS: 'lots' },
      'PIPEDRIVE_STAGE_HISTORY_CALLS must be',
    ],
  ])('names the bad variable (%j)', (env, message) => {
    expect(() => parsePipedriveConfig(env)).toThrow(message);
  });

  it('defaults to the public API host', () => {
    expect(parsePipedriveConfig({ PIPEDRIVE_API_TOKEN: 't' })).toEqual({
      apiToken: 't',
      baseUrl: 'https://api.pipedrive.com',
      qualifiedStage: null,
      stageHistoryCalls: 500,
    });
  });
});
