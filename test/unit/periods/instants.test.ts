import { describe, expect, it } from 'vitest';
import {
  defaultPeriod,
  elapsedShare,
  formatInstant,
  fullCalendarPeriod,
  isDayAligned,
  localDays,
  periodLabel,
  resolvePeriod,
} from '../../../src/core/periods/index.ts';
import { at, bounds, NOW, NOW_PARIS, PARIS } from './period-fixtures.ts';

describe('formatInstant', () => {
  it.each([
    ['2026-11-08T23:00:00Z', 'Europe/Paris', '2026-11-09T00:00:00+01:00'],
    ['2026-07-01T12:34:56.789Z', 'Europe/Paris', '2026-07-01T14:34:56+02:00'],
    ['2026-11-18T13:30:00Z', 'Pacific/Chatham', '2026-11-19T03:15:00+13:45'],
    ['2026-11-18T13:30:00Z', 'Asia/Kolkata', '2026-11-18T19:00:00+05:30'],
    ['2026-11-18T13:30:00Z', 'UTC', '2026-11-18T13:30:00+00:00'],
  ])('%s in %s', (iso, tz, expected) => {
    expect(formatInstant(new Date(iso), tz)).toBe(expected);
  });
});

describe('defaultPeriod', () => {
  it('is this week to date', () => {
    const p = defaultPeriod(PARIS);
    expect(bounds(p)).toEqual(['2026-11-16T00:00:00+01:00', NOW_PARIS]);
    expect(p.toDate).toBe(true);
    expect(periodLabel(p, 'fr')).toBe('cette semaine');
  });

  it('rejects an unknown zone instead of silently using the process zone', () => {
    expect(() => defaultPeriod({ now: NOW, tz: 'Mars/Olympus_Mons' })).toThrow(/Mars\/Olympus_Mons/);
  });
});

describe('fullCalendarPeriod and elapsedShare', () => {
  it.each([
    ['this week', '2026-11-16T00:00:00+01:00', '2026-11-23T00:00:00+01:00', (2 * 24 + 14.5) / (7 * 24)],
    ['MTD', '2026-11-01T00:00:00+01:00', '2026-12-01T00:00:00+01:00', (17 * 24 + 14.5) / (30 * 24)],
    ['today', '2026-11-18T00:00:00+01:00', '2026-11-19T00:00:00+01:00', 14.5 / 24],
    ['last week', '2026-11-09T00:00:00+01:00', '2026-11-16T00:00:00+01:00', 1],
  ])('%s', (phrase, start, end, share) => {
    const p = resolvePeriod(phrase, PARIS);
    if (!p) throw new Error(phrase);
    const full = fullCalendarPeriod(p, PARIS);
    expect(bounds(full)).toEqual([start, end]);
    expect(full.toDate).toBe(false);
    expect(elapsedShare(full, NOW)).toBeCloseTo(share, 10);
  });

  it('this year to date in a fiscal year starting in April spans April → April', () => {
    const ctx = at('2026-11-18T13:30:00Z', 'Europe/Paris', { fiscalYearStart: 4 });
    const p = resolvePeriod('YTD', ctx);
    expect(p && bounds(fullCalendarPeriod(p, ctx))).toEqual([
      '2026-04-01T00:00:00+02:00',
      '2027-04-01T00:00:00+02:00',
    ]);
  });

  it('a custom period is its own full period', () => {
    const p = resolvePeriod('since March 1', PARIS);
    expect(p && fullCalendarPeriod(p, PARIS)).toEqual(p);
  });

  it('is clamped to 0 before the start and 1 after the end', () => {
    const p = resolvePeriod('last week', PARIS);
    if (!p) throw new Error('last week');
    expect(elapsedShare(p, new Date('2020-01-01T00:00:00Z'))).toBe(0);
    expect(elapsedShare(p, new Date('2030-01-01T00:00:00Z'))).toBe(1);
    expect(elapsedShare(p, new Date((p.start.getTime() + p.end.getTime()) / 2))).toBe(0.5);
  });
});

describe('localDays and isDayAligned', () => {
  it.each([
    ['this week', ['2026-11-16', '2026-11-17', '2026-11-18'], false],
    ['yesterday', ['2026-11-17'], true],
    [
      'last 7 days',
      ['2026-11-11', '2026-11-12', '2026-11-13', '2026-11-14', '2026-11-15', '2026-11-16', '2026-11-17'],
      true,
    ],
    ['du 28 février au 2 mars 2026', ['2026-02-28', '2026-03-01', '2026-03-02'], true],
    ['today', ['2026-11-18'], false],
  ])('%s', (phrase, days, aligned) => {
    const p = resolvePeriod(phrase, PARIS);
    if (!p) throw new Error(phrase);
    expect(localDays(p)).toEqual(days);
    expect(isDayAligned(p)).toBe(aligned);
  });

  it('uses the period zone, not UTC: Tokyo midnight is 15:00 UTC the day before', () => {
    const p = resolvePeriod('yesterday', at('2026-11-18T20:00:00Z', 'Asia/Tokyo'));
    if (!p) throw new Error('yesterday');
    expect(p.start.toISOString()).toBe('2026-11-17T15:00:00.000Z');
    expect(localDays(p)).toEqual(['2026-11-18']);
    expect(isDayAligned(p)).toBe(true);
  });
});

describe('periodLabel', () => {
  it.each([
    ['last week', 'last week', 'la semaine dernière'],
    ['Q3 2026', 'Q3 2026', 'T3 2026'],
    ['March 2026', 'March 2026', 'mars 2026'],
    ['last 30 days', 'last 30 days', 'les 30 derniers jours'],
    ['last 2 weeks', 'last 2 weeks', 'les 2 dernières semaines'],
    ['last 2 years', 'last 2 years', 'les 2 dernières années'],
    ['last 4 quarters', 'last 4 quarters', 'les 4 derniers trimestres'],
    ['since March 1', 'since 1 March 2026', 'depuis le 1er mars 2026'],
    ['from 2026-03-01 to 2026-04-15', '1 March – 15 April 2026', 'du 1er mars au 15 avril 2026'],
    ['H2 2025', 'H2 2025', 'S2 2025'],
    ['this quarter', 'this quarter', 'ce trimestre'],
    ['le 1er mai 2026', '1 May 2026', '1er mai 2026'],
  ])('%s', (phrase, en, fr) => {
    const p = resolvePeriod(phrase, PARIS);
    if (!p) throw new Error(phrase);
    expect(periodLabel(p, 'en')).toBe(en);
    expect(periodLabel(p, 'fr')).toBe(fr);
  });
});
