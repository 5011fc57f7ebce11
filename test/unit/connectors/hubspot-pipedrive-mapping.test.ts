import { afterEach, describe, expect, it } from 'vitest';
import { dealStatus as hubspotDealStatus } from '../../../src/connectors/hubspot/map-deal.ts';
import { mapEmail } from '../../../src/connectors/hubspot/map-email.ts';
import { instantProperty, numberProperty } from '../../../src/connectors/hubspot/property-values.ts';
import { mapActivity, mapLead } from '../../../src/connectors/pipedrive/map-records.ts';
import {
  dueInstant,
  pipedriveInstant,
  updatedSinceParam,
} from '../../../src/connectors/pipedrive/pipedrive-time.ts';

const savedTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = savedTz;
});

describe.each(['UTC', 'America/Los_Angeles', 'Asia/Tokyo'])('instants with the process in %s', (zone) => {
  it.each([
    ['2026-03-02T09:00:00.000Z', '2026-03-02T09:00:00.000Z'],
    ['1772442000000', '2026-03-02T09:00:00.000Z'],
    ['', null],
    [null, null],
    ['soon', null],
  ])('HubSpot %j → %j', (value, expected) => {
    process.env.TZ = zone;
    expect(instantProperty(value)?.toISOString() ?? null).toBe(expected);
  });

  it.each([
    ['2026-03-02 09:00:00', '2026-03-02T09:00:00.000Z'],
    ['2026-03-02T09:00:00Z', '2026-03-02T09:00:00.000Z'],
    [null, null],
  ])('Pipedrive %j → %j', (value, expected) => {
    process.env.TZ = zone;
    expect(pipedriveInstant(value)?.toISOString() ?? null).toBe(expected);
  });

  it.each([
    ['2026-03-07', '14:30', '2026-03-07T14:30:00.000Z'],
    ['2026-03-07', '', '2026-03-07T00:00:00.000Z'],
    [null, '10:00', null],
  ])('Pipedrive due %s %s → %j', (day, time, expected) => {
    process.env.TZ = zone;
    expect(dueInstant(day, time)?.toISOString() ?? null).toBe(expected);
  });

  it.each([
    ['2026-03-09T22:30:00Z', 'Europe/Paris', '2026-03-09'],
    ['2026-03-09T23:30:00Z', 'Europe/Paris', '2026-03-10'],
    ['2026-03-10T03:00:00Z', 'America/New_York', '2026-03-09'],
  ])('an email published at %s is a campaign day of %s: %s', (publishDate, tz, day) => {
    process.env.TZ = zone;
    expect(
      mapEmail(
        { id: '1', name: 'x', publishDate: new Date(publishDate), stats: { counters: { sent: 3 } } },
        tz,
      ),
    ).toMatchObject({
      day,
      sent: 3,
      opens: 0,
    });
  });
});

describe('HubSpot values', () => {
  it.each([
    [{ hs_is_closed_won: 'true', hs_is_closed: 'true' }, 'won'],
    [{ hs_is_closed_won: 'false', hs_is_closed: 'true' }, 'lost'],
    [{ hs_is_closed_won: 'false', hs_is_closed: 'false' }, 'open'],
    [{}, 'open'],
  ])('deal %j is %s', (properties, status) => {
    expect(hubspotDealStatus(properties)).toBe(status);
  });

  it.each([
    ['12500.50', 12500.5],
    ['', null],
    ['n/a', null],
  ])('amount %j → %j', (value, expected) => {
    expect(numberProperty(value)).toBe(expected);
  });

  it('an unpublished email yields no campaign day', () => {
    expect(mapEmail({ id: '1', name: 'Draft' }, 'UTC')).toBeNull();
  });
});

describe('Pipedrive records', () => {
  const lead = {
    id: 'l1',
    title: 'Lead',
    owner_id: 7,
    source_name: 'Web forms',
    is_archived: false,
    add_time: '2026-03-01T08:00:00.000Z',
    update_time: '2026-03-03T08:00:00.000Z',
  };

  it.each([
    ['in the inbox', lead, undefined, {}],
    [
      'archived without a deal',
      { ...lead, is_archived: true },
      undefined,
      { lostAt: new Date('2026-03-03T08:00:00.000Z') },
    ],
    [
      'converted',
      { ...lead, is_archived: true },
      { convertedAt: new Date('2026-03-05T00:00:00Z'), qualifiedAt: null, owner: '7' },
      { convertedAt: new Date('2026-03-05T00:00:00Z'), qualifiedAt: null },
    ],
  ])('a lead %s', (_, input, conversion, expected) => {
    const mapped = mapLead(input, conversion);
    expect(mapped).toMatchObject({ externalId: 'l1', channel: 'web forms', owner: '7', ...expected });
    if (!('lostAt' in expected)) expect(mapped.lostAt).toBeUndefined();
  });

  it.each([
    ['meeting', 'meeting'],
    ['call', 'call'],
    ['email', 'email'],
    ['task', null],
    ['lunch', null],
  ])('activity type %s → %j', (type, expected) => {
    const activity = mapActivity({
      id: 1,
      type,
      owner_id: 7,
      due_date: '2026-03-07',
      due_time: '10:00',
      add_time: '2026-03-01T08:00:00Z',
      update_time: '2026-03-01T08:00:00Z',
    });
    expect(activity?.type ?? null).toBe(expected);
  });

  it('sends updated_since as RFC 3339 without fractions', () => {
    expect(updatedSinceParam(new Date('2026-03-12T09:00:00.123Z'))).toBe('2026-03-12T09:00:00Z');
    expect(updatedSinceParam(null)).toBeUndefined();
  });
});
