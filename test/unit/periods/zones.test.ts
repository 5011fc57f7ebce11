import { describe, expect, it } from 'vitest';
import { localDays, periodLabel, resolvePeriod } from '../../../src/core/periods/index.ts';
import { at, bounds, hours } from './period-fixtures.ts';

describe('resolvePeriod in other zones', () => {
  // Each `now` is chosen so that the UTC date differs from the local date where it matters.
  const TABLE: ReadonlyArray<[tz: string, now: string, phrase: string, start: string, end: string]> = [
    // 08:30 EST on Wednesday 18 November.
    [
      'America/New_York',
      '2026-11-18T13:30:00Z',
      'last week',
      '2026-11-09T00:00:00-05:00',
      '2026-11-16T00:00:00-05:00',
    ],
    [
      'America/New_York',
      '2026-11-18T13:30:00Z',
      'yesterday',
      '2026-11-17T00:00:00-05:00',
      '2026-11-18T00:00:00-05:00',
    ],
    [
      'America/New_York',
      '2026-11-18T03:00:00Z',
      'today',
      '2026-11-17T00:00:00-05:00',
      '2026-11-17T22:00:00-05:00',
    ],
    // The US leave DST on Sunday 1 November 2026: that week is 169 h long.
    [
      'America/New_York',
      '2026-11-04T15:00:00Z',
      'last week',
      '2026-10-26T00:00:00-04:00',
      '2026-11-02T00:00:00-05:00',
    ],
    [
      'America/New_York',
      '2026-11-18T13:30:00Z',
      'last month',
      '2026-10-01T00:00:00-04:00',
      '2026-11-01T00:00:00-04:00',
    ],
    // 05:00 JST on Thursday 19 November while it is still Wednesday in UTC.
    ['Asia/Tokyo', '2026-11-18T20:00:00Z', 'today', '2026-11-19T00:00:00+09:00', '2026-11-19T05:00:00+09:00'],
    [
      'Asia/Tokyo',
      '2026-11-18T20:00:00Z',
      'yesterday',
      '2026-11-18T00:00:00+09:00',
      '2026-11-19T00:00:00+09:00',
    ],
    [
      'Asia/Tokyo',
      '2026-11-18T20:00:00Z',
      'this week',
      '2026-11-16T00:00:00+09:00',
      '2026-11-19T05:00:00+09:00',
    ],
    ['Asia/Tokyo', '2026-11-18T20:00:00Z', 'Q3', '2026-07-01T00:00:00+09:00', '2026-10-01T00:00:00+09:00'],
    // Chatham is +13:45 in November (DST): 03:15 on Thursday 19 November.
    [
      'Pacific/Chatham',
      '2026-11-18T13:30:00Z',
      'today',
      '2026-11-19T00:00:00+13:45',
      '2026-11-19T03:15:00+13:45',
    ],
    [
      'Pacific/Chatham',
      '2026-11-18T13:30:00Z',
      'last week',
      '2026-11-09T00:00:00+13:45',
      '2026-11-16T00:00:00+13:45',
    ],
    [
      'Pacific/Chatham',
      '2026-11-18T13:30:00Z',
      'le mois dernier',
      '2026-10-01T00:00:00+13:45',
      '2026-11-01T00:00:00+13:45',
    ],
    // Chatham leaves DST on Sunday 5 April 2026 (+13:45 → +12:45).
    [
      'Pacific/Chatham',
      '2026-04-08T00:00:00Z',
      'last week',
      '2026-03-30T00:00:00+13:45',
      '2026-04-06T00:00:00+12:45',
    ],
    // Lord Howe moves by half an hour: +10:30 → +11:00 on Sunday 4 October 2026.
    [
      'Australia/Lord_Howe',
      '2026-10-07T00:00:00Z',
      'last week',
      '2026-09-28T00:00:00+10:30',
      '2026-10-05T00:00:00+11:00',
    ],
    [
      'Australia/Lord_Howe',
      '2026-10-07T00:00:00Z',
      'T3',
      '2026-07-01T00:00:00+10:30',
      '2026-10-01T00:00:00+10:30',
    ],
  ];

  it.each(TABLE)('%s at %s: %s', (tz, now, phrase, start, end) => {
    expect(bounds(resolvePeriod(phrase, at(now, tz)))).toEqual([start, end]);
  });

  it('a week is 169 h when New York leaves DST, 167.5 h when Lord Howe enters it', () => {
    const ny = resolvePeriod('last week', at('2026-11-04T15:00:00Z', 'America/New_York'));
    const lordHowe = resolvePeriod('last week', at('2026-10-07T00:00:00Z', 'Australia/Lord_Howe'));
    expect(ny && hours(ny)).toBe(169);
    expect(lordHowe && hours(lordHowe)).toBe(167.5);
  });
});

describe('Europe/Paris DST weeks and days', () => {
  it('the week of Sunday 2026-03-29 (spring forward) is 167 h and starts at local midnight Monday', () => {
    const p = resolvePeriod('last week', at('2026-04-01T10:00:00Z', 'Europe/Paris'));
    expect(bounds(p)).toEqual(['2026-03-23T00:00:00+01:00', '2026-03-30T00:00:00+02:00']);
    expect(p && hours(p)).toBe(167);
    expect(p && localDays(p)).toHaveLength(7);
  });

  it('the week of Sunday 2026-10-25 (fall back) is 169 h and starts at local midnight Monday', () => {
    const p = resolvePeriod('la semaine dernière', at('2026-10-28T10:00:00Z', 'Europe/Paris'));
    expect(bounds(p)).toEqual(['2026-10-19T00:00:00+02:00', '2026-10-26T00:00:00+01:00']);
    expect(p && hours(p)).toBe(169);
    expect(p && localDays(p)).toEqual([
      '2026-10-19',
      '2026-10-20',
      '2026-10-21',
      '2026-10-22',
      '2026-10-23',
      '2026-10-24',
      '2026-10-25',
    ]);
  });

  it('"this week" during the spring-forward week starts at Monday 00:00 +01:00', () => {
    const p = resolvePeriod('this week', at('2026-03-29T12:00:00Z', 'Europe/Paris'));
    expect(bounds(p)).toEqual(['2026-03-23T00:00:00+01:00', '2026-03-29T14:00:00+02:00']);
  });

  it('the spring-forward day is 23 h, the fall-back day 25 h', () => {
    const spring = resolvePeriod('yesterday', at('2026-03-30T10:00:00Z', 'Europe/Paris'));
    const fall = resolvePeriod('hier', at('2026-10-26T10:00:00Z', 'Europe/Paris'));
    expect(bounds(spring)).toEqual(['2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00']);
    expect(spring && hours(spring)).toBe(23);
    expect(bounds(fall)).toEqual(['2026-10-25T00:00:00+02:00', '2026-10-26T00:00:00+01:00']);
    expect(fall && hours(fall)).toBe(25);
  });

  it('"last 7 days" across the fall-back change is 7 local days (169 h)', () => {
    const p = resolvePeriod('last 7 days', at('2026-10-28T10:00:00Z', 'Europe/Paris'));
    expect(bounds(p)).toEqual(['2026-10-21T00:00:00+02:00', '2026-10-28T00:00:00+01:00']);
    expect(p && hours(p)).toBe(169);
  });
});

describe('weeks across a year end and other week starts', () => {
  it('the ISO week of 2026-12-31 runs Monday 2026-12-28 → Sunday 2027-01-03', () => {
    const thisWeek = resolvePeriod('this week', at('2026-12-31T11:00:00Z', 'Europe/Paris'));
    const lastWeek = resolvePeriod('last week', at('2027-01-06T11:00:00Z', 'Europe/Paris'));
    expect(bounds(thisWeek)?.[0]).toBe('2026-12-28T00:00:00+01:00');
    expect(bounds(lastWeek)).toEqual(['2026-12-28T00:00:00+01:00', '2027-01-04T00:00:00+01:00']);
    expect(lastWeek && localDays(lastWeek)).toEqual([
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
    ]);
  });

  it.each([
    [7, '2026-11-15T00:00:00+01:00'],
    [1, '2026-11-16T00:00:00+01:00'],
    [3, '2026-11-18T00:00:00+01:00'],
    [4, '2026-11-12T00:00:00+01:00'],
  ])('weekStart %i: this week starts %s', (weekStart, start) => {
    const p = resolvePeriod('this week', at('2026-11-18T13:30:00Z', 'Europe/Paris', { weekStart }));
    expect(bounds(p)?.[0]).toBe(start);
  });
});

describe('fiscal year starting in April', () => {
  const ctx = at('2026-11-18T13:30:00Z', 'Europe/Paris', { fiscalYearStart: 4 });
  const NOW = '2026-11-18T14:30:00+01:00';
  const TABLE: ReadonlyArray<[phrase: string, start: string, end: string, en: string, fr: string]> = [
    ['Q1', '2026-04-01T00:00:00+02:00', '2026-07-01T00:00:00+02:00', 'Q1 FY2026', 'T1 exercice 2026'],
    ['Q4', '2027-01-01T00:00:00+01:00', '2027-04-01T00:00:00+02:00', 'Q4 FY2026', 'T4 exercice 2026'],
    ['Q2 2025', '2025-07-01T00:00:00+02:00', '2025-10-01T00:00:00+02:00', 'Q2 FY2025', 'T2 exercice 2025'],
    ['this quarter', '2026-10-01T00:00:00+02:00', NOW, 'this quarter', 'ce trimestre'],
    [
      'last quarter',
      '2026-07-01T00:00:00+02:00',
      '2026-10-01T00:00:00+02:00',
      'last quarter',
      'le trimestre dernier',
    ],
    ['H2', '2026-10-01T00:00:00+02:00', '2027-04-01T00:00:00+02:00', 'H2 FY2026', 'S2 exercice 2026'],
    ['this year', '2026-04-01T00:00:00+02:00', NOW, 'this year', 'cette année'],
    ['YTD', '2026-04-01T00:00:00+02:00', NOW, 'this year', 'cette année'],
    [
      "l'année dernière",
      '2025-04-01T00:00:00+02:00',
      '2026-04-01T00:00:00+02:00',
      'last year',
      "l'année dernière",
    ],
    ['fy2025', '2025-04-01T00:00:00+02:00', '2026-04-01T00:00:00+02:00', 'FY2025', 'exercice 2025'],
    // Months stay calendar months.
    ['March', '2026-03-01T00:00:00+01:00', '2026-04-01T00:00:00+02:00', 'March 2026', 'mars 2026'],
  ];

  it.each(TABLE)('%s', (phrase, start, end, en, fr) => {
    const p = resolvePeriod(phrase, ctx);
    expect(bounds(p)).toEqual([start, end]);
    expect(p && periodLabel(p, 'en')).toBe(en);
    expect(p && periodLabel(p, 'fr')).toBe(fr);
  });

  it('in February the current fiscal year is the one that started last April', () => {
    const feb = at('2027-02-10T10:00:00Z', 'Europe/Paris', { fiscalYearStart: 4 });
    expect(bounds(resolvePeriod('this year', feb))?.[0]).toBe('2026-04-01T00:00:00+02:00');
    expect(bounds(resolvePeriod('Q3', feb))).toEqual([
      '2026-10-01T00:00:00+02:00',
      '2027-01-01T00:00:00+01:00',
    ]);
    expect(bounds(resolvePeriod('ce trimestre', feb))?.[0]).toBe('2027-01-01T00:00:00+01:00');
  });
});

describe('named periods of the current year in May 2026', () => {
  const may = at('2026-05-10T10:00:00Z', 'Europe/Paris');
  it.each([
    ['Q3', '2026-07-01T00:00:00+02:00', '2026-10-01T00:00:00+02:00'],
    ['H2', '2026-07-01T00:00:00+02:00', '2027-01-01T00:00:00+01:00'],
    ['in May', '2026-05-01T00:00:00+02:00', '2026-06-01T00:00:00+02:00'],
    ['June', '2025-06-01T00:00:00+02:00', '2025-07-01T00:00:00+02:00'],
    ['since June 1', '2025-06-01T00:00:00+02:00', '2026-05-10T12:00:00+02:00'],
    ['last 2 quarters', '2025-10-01T00:00:00+02:00', '2026-04-01T00:00:00+02:00'],
  ])('%s', (phrase, start, end) => {
    expect(bounds(resolvePeriod(phrase, may))).toEqual([start, end]);
  });

  it('"since" never resolves forward: "since March 1" in January is last year\'s March', () => {
    const january = at('2027-01-15T10:00:00Z', 'Europe/Paris');
    expect(bounds(resolvePeriod('since March 1', january))?.[0]).toBe('2026-03-01T00:00:00+01:00');
    expect(bounds(resolvePeriod('depuis le 1er mars', january))?.[0]).toBe('2026-03-01T00:00:00+01:00');
  });
});
