import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGa4Connector, parseGa4Config } from '../../../src/connectors/ga4/index.ts';
import { ConnectorAuthError, RateLimitedError } from '../../../src/connectors/types.ts';
import { type FakeGa4, startFakeGa4, type TrafficRow } from '../../support/fake-ga4.ts';
import { firstError, readAllStreams } from './sync-stream.ts';

const PROPERTY = '123456789';
const TOKEN = 'ya29.fake-token';
const SERVICE_ACCOUNT = 'kpibot-reader@acme-analytics.iam.gserviceaccount.com';
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const dir = mkdtempSync(join(tmpdir(), 'kpibot-ga4-'));
const keyFile = join(dir, 'service-account.json');
writeFileSync(
  keyFile,
  JSON.stringify({
    type: 'service_account',
    project_id: 'acme-analytics',
    private_key_id: 'abc123',
    private_key: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }),
    client_email: SERVICE_ACCOUNT,
    client_id: '1234567890',
    token_uri: 'https://oauth2.googleapis.com/token',
    universe_domain: 'googleapis.com',
  }),
);
const strangerKeyFile = join(dir, 'stranger.json');
writeFileSync(
  strangerKeyFile,
  JSON.stringify({
    type: 'service_account',
    private_key: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    }),
    client_email: SERVICE_ACCOUNT,
  }),
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let ga: FakeGa4;
beforeEach(async () => {
  ga = await startFakeGa4({
    propertyId: PROPERTY,
    today: '2026-03-15',
    timeZone: 'Europe/Paris',
    accessTokens: [TOKEN],
    serviceAccount: {
      email: SERVICE_ACCOUNT,
      publicKeyPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    },
  });
});
afterEach(() => ga.close());

function traffic(date: string, sourceMedium: string, sessions: number): TrafficRow {
  return {
    date,
    sourceMedium,
    sessions,
    totalUsers: Math.round(sessions * 0.8),
    screenPageViews: sessions * 3,
    bounceRate: 0.4,
    userEngagementDuration: sessions * 61.5,
    keyEvents: 4,
    keyEventsByName: { generate_lead: 2 },
  };
}

function seedDays(from: number, to: number): void {
  for (let d = from; d <= to; d++) {
    const date = `2026-03-${String(d).padStart(2, '0')}`;
    ga.rows.push(traffic(date, 'google / organic', 50 + d), traffic(date, 'newsletter / email', 10 + d));
  }
}

const connector = (env: Record<string, string | undefined>, now: string, pageSize = 7) =>
  createGa4Connector(
    parseGa4Config({ GA4_PROPERTY_ID: PROPERTY, GA4_BASE_URL: ga.url, GA4_BACKFILL_DAYS: '10', ...env }),
    { pageSize, now: () => new Date(now) },
  );

describe('GA4 connector: full then incremental sync', () => {
  it('reads the backfill in offset pages with a service account, then re-reads only the settling days', async () => {
    seedDays(1, 15); // 1–4 March are before the 10-day backfill; 15 March is today, not complete
    const first = await readAllStreams(connector({ GA4_CREDENTIALS_JSON: keyFile }, '2026-03-15T10:00:00Z'));
    const pages = first.pages['web-traffic'] ?? [];
    expect(pages.map((p) => [p.records.webTraffic?.length, p.cursor])).toEqual([
      [7, '2026-03-07'],
      [7, '2026-03-10'],
      [6, '2026-03-14'],
    ]);
    const rows = pages.flatMap((p) => p.records.webTraffic ?? []);
    expect(new Set(rows.map((r) => r.day))).toEqual(
      new Set(['05', '06', '07', '08', '09', '10', '11', '12', '13', '14'].map((d) => `2026-03-${d}`)),
    );
    expect(rows[0]).toEqual({
      day: '2026-03-05',
      source: 'google / organic',
      sessions: 55,
      users: 44,
      pageviews: 165,
      bounces: 22,
      engagedSeconds: 3383,
      leads: 4,
    });
    expect(ga.requests[0]?.path).toBe(`/v1beta/properties/${PROPERTY}:runReport`);
    expect(ga.requests[0]?.body).toMatchObject({
      dateRanges: [{ startDate: '10daysAgo', endDate: 'yesterday' }],
      dimensions: [{ name: 'date' }, { name: 'sessionSourceMedium' }],
      metrics: [
        { name: 'sessions' },
        { name: 'totalUsers' },
        { name: 'screenPageViews' },
        { name: 'bounceRate' },
        { name: 'userEngagementDuration' },
        { name: 'keyEvents' },
      ],
    });
    expect(ga.requests.map((r) => Number(r.body.offset ?? 0))).toEqual([0, 7, 14]);

    // Two days later: 14 March settled higher, 15 and 16 March are new.
    ga.today = '2026-03-17';
    const late = ga.rows.find((r) => r.date === '2026-03-14' && r.sourceMedium === 'google / organic');
    if (late) late.sessions = 90;
    seedDays(16, 16);
    const second = await readAllStreams(
      connector({ GA4_CREDENTIALS_JSON: keyFile }, '2026-03-17T10:00:00Z', 100),
      first.cursors,
    );
    expect(ga.requests.at(-1)?.body.dateRanges).toEqual([{ startDate: '2026-03-12', endDate: 'yesterday' }]);
    const again = second.pages['web-traffic']?.flatMap((p) => p.records.webTraffic ?? []) ?? [];
    expect([...new Set(again.map((r) => r.day))]).toEqual([
      '2026-03-12',
      '2026-03-13',
      '2026-03-14',
      '2026-03-15',
      '2026-03-16',
    ]);
    expect(again.find((r) => r.day === '2026-03-14' && r.source === 'google / organic')?.sessions).toBe(90);
    expect(second.cursors['web-traffic']).toBe('2026-03-16');
  });

  it('counts one key event as leads with GA4_LEAD_EVENT and an access token', async () => {
    seedDays(14, 14);
    const { pages } = await readAllStreams(
      connector({ GA4_ACCESS_TOKEN: TOKEN, GA4_LEAD_EVENT: 'generate_lead' }, '2026-03-15T10:00:00Z'),
    );
    expect(pages['web-traffic']?.flatMap((p) => p.records.webTraffic ?? []).map((r) => r.leads)).toEqual([
      2, 2,
    ]);
    expect(ga.requests[0]?.body.metrics).toContainEqual({ name: 'keyEvents:generate_lead' });
  });

  it('moves the cursor to yesterday in the property zone even when no row came back', async () => {
    // 23:30 UTC on 14 March is already 15 March in Paris: yesterday there is 14 March.
    const { pages, cursors } = await readAllStreams(
      connector({ GA4_ACCESS_TOKEN: TOKEN }, '2026-03-14T23:30:00Z'),
    );
    expect(pages['web-traffic']).toEqual([{ records: { webTraffic: [] }, cursor: '2026-03-14' }]);
    expect(cursors['web-traffic']).toBe('2026-03-14');
  });
});

describe('GA4 connector: errors', () => {
  it.each([
    {
      what: 'a rejected access token',
      env: { GA4_ACCESS_TOKEN: 'ya29.expired' },
      failure: null,
      type: ConnectorAuthError,
      message: /GA4_ACCESS_TOKEN/,
    },
    {
      what: 'a key the service account does not have',
      env: { GA4_CREDENTIALS_JSON: strangerKeyFile },
      failure: null,
      type: ConnectorAuthError,
      message: /GA4_CREDENTIALS_JSON/,
    },
    {
      what: 'a service account without access to the property',
      env: { GA4_CREDENTIALS_JSON: keyFile },
      failure: 'permission' as const,
      type: ConnectorAuthError,
      message: /GA4_PROPERTY_ID.*GA4_CREDENTIALS_JSON.*Viewer/,
    },
    {
      what: 'another property',
      env: { GA4_ACCESS_TOKEN: TOKEN, GA4_PROPERTY_ID: '999' },
      failure: null,
      type: ConnectorAuthError,
      message: /property 999/,
    },
    {
      what: 'a missing key file',
      env: { GA4_CREDENTIALS_JSON: join(dir, 'nope.json') },
      failure: null,
      type: ConnectorAuthError,
      message: /GA4_CREDENTIALS_JSON=.*nope\.json/,
    },
    {
      what: 'the hourly quota',
      env: { GA4_ACCESS_TOKEN: TOKEN },
      failure: 'quota' as const,
      type: RateLimitedError,
      message: /quota/,
      retryAfterMs: 10 * 60_000,
    },
    {
      what: 'a quota error with RetryInfo',
      env: { GA4_ACCESS_TOKEN: TOKEN },
      failure: 'quota-with-retry-info' as const,
      type: RateLimitedError,
      message: /concurrent/,
      retryAfterMs: 7000,
    },
    {
      what: 'an unavailable service',
      env: { GA4_ACCESS_TOKEN: TOKEN },
      failure: 'unavailable' as const,
      type: Error,
      message: /unavailable/,
    },
  ])('maps $what', async ({ env, failure, type, message, retryAfterMs }) => {
    if (failure) ga.failNext(1, failure);
    const error = await firstError(connector(env, '2026-03-15T10:00:00Z'), 'web-traffic');
    expect(error).toBeInstanceOf(type);
    expect((error as Error).message).toMatch(message);
    if (type === Error) {
      expect(error).not.toBeInstanceOf(ConnectorAuthError);
      expect(error).not.toBeInstanceOf(RateLimitedError);
    }
    if (retryAfterMs !== undefined) expect((error as RateLimitedError).retryAfterMs).toBe(retryAfterMs);
  });
});
