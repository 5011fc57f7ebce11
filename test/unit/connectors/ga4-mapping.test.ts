import { afterEach, describe, expect, it } from 'vitest';
import { parseGa4Config } from '../../../src/connectors/ga4/config.ts';
import { mapReportRows } from '../../../src/connectors/ga4/map-rows.ts';
import { cursorWithin, lastCompleteDay, reportStartDate } from '../../../src/connectors/ga4/report-window.ts';

const savedTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = savedTz;
});

describe.each(['UTC', 'America/Los_Angeles', 'Asia/Tokyo'])(
  'GA4 report window with the process in %s',
  (zone) => {
    it.each([
      { now: '2026-03-15T10:00:00Z', property: 'Europe/Paris', yesterday: '2026-03-14' },
      { now: '2026-03-14T23:30:00Z', property: 'Europe/Paris', yesterday: '2026-03-14' },
      { now: '2026-03-15T03:00:00Z', property: 'America/Los_Angeles', yesterday: '2026-03-13' },
      { now: '2026-03-29T00:30:00Z', property: 'Europe/Paris', yesterday: '2026-03-28' }, // DST night
      { now: '2026-03-15T10:00:00Z', property: 'Not/AZone', yesterday: '2026-03-14' },
    ])('yesterday at $now in $property is $yesterday', ({ now, property, yesterday }) => {
      process.env.TZ = zone;
      expect(lastCompleteDay(new Date(now), property)).toBe(yesterday);
    });

    it('re-reads the three settling days and keeps cursors monotonic', () => {
      process.env.TZ = zone;
      expect(reportStartDate(null, 30)).toBe('30daysAgo');
      expect(reportStartDate('2026-03-01', 30)).toBe('2026-02-27');
      expect(() => reportStartDate('soon', 30)).toThrow(/unreadable sync cursor/);
      expect(cursorWithin(null, '2026-03-08')).toBe('2026-03-07');
      expect(cursorWithin('2026-03-10', '2026-03-08')).toBe('2026-03-10');
    });
  },
);

describe('GA4 rows', () => {
  it('maps by header name, derives bounces and rounds seconds', () => {
    const rows = mapReportRows(
      {
        dimensionHeaders: [{ name: 'sessionSourceMedium' }, { name: 'date' }],
        metricHeaders: [
          'keyEvents:sign_up',
          'sessions',
          'totalUsers',
          'screenPageViews',
          'bounceRate',
          'userEngagementDuration',
        ].map((name) => ({ name })),
        rows: [
          {
            dimensionValues: [{ value: '(direct) / (none)' }, { value: '20260302' }],
            metricValues: ['3', '40', '31', '120', '0.3333', '2400.6'].map((value) => ({ value })),
          },
          { dimensionValues: [{ value: '' }, { value: '20260303' }], metricValues: [] },
          { dimensionValues: [{ value: 'x' }, { value: '(other)' }], metricValues: [] },
        ],
      },
      'sign_up',
    );
    expect(rows).toEqual([
      {
        day: '2026-03-02',
        source: '(direct) / (none)',
        sessions: 40,
        users: 31,
        pageviews: 120,
        bounces: 13,
        engagedSeconds: 2401,
        leads: 3,
      },
      {
        day: '2026-03-03',
        source: '(not set)',
        sessions: 0,
        users: 0,
        pageviews: 0,
        bounces: 0,
        engagedSeconds: 0,
        leads: 0,
      },
    ]);
  });
});

describe('GA4 configuration', () => {
  it.each([
    { env: {}, error: /GA4_PROPERTY_ID is required/ },
    {
      env: { GA4_PROPERTY_ID: 'G-ABC123', GA4_ACCESS_TOKEN: 't' },
      error: /GA4_PROPERTY_ID must be the numeric/,
    },
    { env: { GA4_PROPERTY_ID: '123' }, error: /GA4_CREDENTIALS_JSON.*GA4_ACCESS_TOKEN/ },
    {
      env: { GA4_PROPERTY_ID: '123', GA4_ACCESS_TOKEN: 't', GA4_BASE_URL: 'ftp://x' },
      error: /GA4_BASE_URL/,
    },
    {
      env: { GA4_PROPERTY_ID: '123', GA4_ACCESS_TOKEN: 't', GA4_LEAD_EVENT: 'a lead' },
      error: /GA4_LEAD_EVENT/,
    },
    {
      env: { GA4_PROPERTY_ID: '123', GA4_ACCESS_TOKEN: 't', GA4_BACKFILL_DAYS: '0' },
      error: /GA4_BACKFILL_DAYS/,
    },
  ])('rejects $env naming the variable', ({ env, error }) => {
    expect(() => parseGa4Config(env)).toThrow(error);
  });

  it('reads a service-account key path with defaults', () => {
    expect(
      parseGa4Config({ GA4_PROPERTY_ID: 'properties/123', GA4_CREDENTIALS_JSON: '/etc/kpibot/ga4.json' }),
    ).toEqual({
      propertyId: '123',
      credentials: { kind: 'service-account', keyFile: '/etc/kpibot/ga4.json' },
      baseUrl: 'https://analyticsdata.googleapis.com',
      leadEvent: null,
      backfillDays: 365,
    });
  });
});
