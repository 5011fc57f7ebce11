import { afterEach, describe, expect, it } from 'vitest';
import { parseSalesforceConfig } from '../../../src/connectors/salesforce/config.ts';
import { mapCampaign } from '../../../src/connectors/salesforce/map-campaign.ts';
import { mapEvent } from '../../../src/connectors/salesforce/map-event.ts';
import { mapLead } from '../../../src/connectors/salesforce/map-lead.ts';
import { mapOpportunity, stageHistoryFrom } from '../../../src/connectors/salesforce/map-opportunity.ts';
import {
  decodeCursor,
  encodeCursor,
  selectChanged,
  soqlString,
} from '../../../src/connectors/salesforce/soql.ts';

const savedTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = savedTz;
});
const PROCESS_ZONES = ['UTC', 'America/Los_Angeles', 'Asia/Tokyo', 'Pacific/Kiritimati'];

describe.each(PROCESS_ZONES)('Salesforce date-only fields with the process in %s', (processZone) => {
  it.each([
    { tenant: 'Europe/Paris', date: '2026-03-10', start: '2026-03-09T23:00:00.000Z' },
    { tenant: 'Europe/Paris', date: '2026-03-29', start: '2026-03-28T23:00:00.000Z' }, // DST starts that day
    { tenant: 'America/New_York', date: '2026-11-01', start: '2026-11-01T04:00:00.000Z' },
    { tenant: 'UTC', date: '2026-01-31', start: '2026-01-31T00:00:00.000Z' },
  ])('CloseDate $date is the start of that day in $tenant', ({ tenant, date, start }) => {
    process.env.TZ = processZone;
    const deal = mapOpportunity(
      {
        Id: '006X',
        CreatedDate: '2026-01-01T00:00:00.000+0000',
        IsClosed: true,
        IsWon: false,
        CloseDate: date,
      },
      { timeZone: tenant },
    );
    expect(deal.closedAt?.toISOString()).toBe(start);
    expect(deal.status).toBe('lost');
  });

  it('campaign without StartDate falls on its creation day in the tenant zone', () => {
    process.env.TZ = processZone;
    const row = { Id: '701X', Name: 'Fair', CreatedDate: '2026-03-01T23:30:00.000+0000' };
    expect(mapCampaign(row, 'Europe/Paris')?.day).toBe('2026-03-02');
    expect(mapCampaign(row, 'UTC')?.day).toBe('2026-03-01');
  });
});

describe('Salesforce lead qualification', () => {
  const base = {
    Id: '00QX',
    CreatedDate: '2026-03-01T08:00:00.000+0000',
    LastModifiedDate: '2026-03-04T10:00:00.000+0000',
  };
  const context = { qualifiedStatus: 'SQL', timeZone: 'UTC' };
  it.each([
    {
      what: 'history wins',
      row: { ...base, Status: 'SQL' },
      history: '2026-03-02T09:00:00Z',
      qualified: '2026-03-02T09:00:00.000Z',
    },
    {
      what: 'qualified now, no history',
      row: { ...base, Status: 'SQL' },
      history: null,
      qualified: '2026-03-04T10:00:00.000Z',
    },
    {
      what: 'converted without history',
      row: { ...base, Status: 'Converted', IsConverted: true, ConvertedDate: '2026-03-05' },
      history: null,
      qualified: '2026-03-05T00:00:00.000Z',
    },
    { what: 'another status', row: { ...base, Status: 'Working' }, history: null, qualified: null },
  ])('$what', ({ row, history, qualified }) => {
    const lead = mapLead(row, { ...context, qualifiedFromHistory: history ? new Date(history) : null });
    expect(lead.qualifiedAt?.toISOString() ?? null).toBe(qualified);
  });
});

describe('Salesforce events, histories and cursors', () => {
  it.each([
    {
      Type: 'Meeting',
      WhoId: '00QX',
      WhatId: '006Y',
      expected: { type: 'meeting', leadId: '00QX', dealId: '006Y' },
    },
    { Type: 'Call', WhoId: '003X', WhatId: '001Y', expected: { type: 'call', leadId: null, dealId: null } },
    { Type: null, WhoId: null, WhatId: null, expected: { type: 'meeting', leadId: null, dealId: null } },
  ])('event $Type who=$WhoId what=$WhatId', ({ expected, ...fields }) => {
    expect(mapEvent({ Id: '00UX', StartDateTime: '2026-03-03T14:00:00.000+0000', ...fields })).toMatchObject(
      expected,
    );
  });

  it('an event without a time is skipped', () => {
    expect(mapEvent({ Id: '00UX', StartDateTime: null, ActivityDateTime: null })).toBeNull();
  });

  it('stage history keeps stage changes only, oldest first', () => {
    expect(
      stageHistoryFrom([
        { StageName: 'Prospecting', CreatedDate: '2026-03-01T00:00:00.000+0000' },
        { StageName: 'Prospecting', CreatedDate: '2026-03-02T00:00:00.000+0000' },
        { StageName: 'Closed Won', CreatedDate: '2026-03-03T00:00:00.000+0000' },
      ]).map((h) => h.stage),
    ).toEqual(['Prospecting', 'Closed Won']);
  });

  it('cursors round-trip and turn into a (SystemModstamp, Id) condition', () => {
    const cursor = encodeCursor({ modstamp: new Date('2026-03-06T12:00:00Z'), id: '00QA1' });
    expect(cursor).toBe('2026-03-06T12:00:00.000Z|00QA1');
    expect(selectChanged('Lead', ['Id'], decodeCursor(cursor))).toBe(
      "SELECT Id FROM Lead WHERE (SystemModstamp > 2026-03-06T12:00:00Z OR (SystemModstamp = 2026-03-06T12:00:00Z AND Id > '00QA1')) ORDER BY SystemModstamp, Id",
    );
    expect(selectChanged('User', ['Id'], null, "UserType = 'Standard'")).toBe(
      "SELECT Id FROM User WHERE UserType = 'Standard' ORDER BY SystemModstamp, Id",
    );
    expect(decodeCursor(null)).toBeNull();
    expect(() => decodeCursor('yesterday')).toThrow(/unreadable sync cursor/);
    expect(soqlString("O'Hara \\")).toBe("'O\\'Hara \\\\'");
  });
});

describe('Salesforce configuration', () => {
  it.each([
    { env: {}, error: /SALESFORCE_ACCESS_TOKEN.*SALESFORCE_CLIENT_ID/ },
    { env: { SALESFORCE_ACCESS_TOKEN: 't' }, error: /SALESFORCE_INSTANCE_URL is required/ },
    {
      env: { SALESFORCE_CLIENT_ID: 'id', SALESFORCE_LOGIN_URL: 'https://x.my.salesforce.com' },
      error: /SALESFORCE_CLIENT_SECRET/,
    },
    { env: { SALESFORCE_CLIENT_ID: 'id', SALESFORCE_CLIENT_SECRET: 's' }, error: /SALESFORCE_LOGIN_URL/ },
    {
      env: { SALESFORCE_ACCESS_TOKEN: 't', SALESFORCE_INSTANCE_URL: 'acme.my.salesforce.com' },
      error: /SALESFORCE_INSTANCE_URL must be an http\(s\) URL/,
    },
    {
      env: {
        SALESFORCE_ACCESS_TOKEN: 't',
        SALESFORCE_INSTANCE_URL: 'https://a.test',
        SALESFORCE_API_VERSION: 'v60',
      },
      error: /SALESFORCE_API_VERSION/,
    },
  ])('rejects $env naming the variable', ({ env, error }) => {
    expect(() => parseSalesforceConfig(env)).toThrow(error);
  });

  it('reads both ways in, with defaults', () => {
    expect(
      parseSalesforceConfig({
        SALESFORCE_ACCESS_TOKEN: 't',
        SALESFORCE_INSTANCE_URL: 'https://acme.my.salesforce.com/',
      }),
    ).toEqual({
      auth: { kind: 'access-token', instanceUrl: 'https://acme.my.salesforce.com', accessToken: 't' },
      apiVersion: '60.0',
      qualifiedStatus: 'Qualified',
      timeZone: 'UTC',
    });
    expect(
      parseSalesforceConfig({
        SALESFORCE_CLIENT_ID: 'id',
        SALESFORCE_CLIENT_SECRET: 's',
        SALESFORCE_INSTANCE_URL: 'https://acme.my.salesforce.com',
        SALESFORCE_QUALIFIED_STATUS: 'SQL',
        SALESFORCE_API_VERSION: '62.0',
        KPIBOT_TZ: 'Europe/Paris',
      }),
    ).toEqual({
      auth: {
        kind: 'client-credentials',
        loginUrl: 'https://acme.my.salesforce.com',
        clientId: 'id',
        clientSecret: 's',
      },
      apiVersion: '62.0',
      qualifiedStatus: 'SQL',
      timeZone: 'Europe/Paris',
    });
  });
});
