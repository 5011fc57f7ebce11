import { describe, expect, it } from 'vitest';
import {
  comparisonLabel,
  type Period,
  type PeriodContext,
  periodLabel,
  previousPeriod,
  resolvePeriod,
  samePeriodLastYear,
} from '../../../src/core/periods/index.ts';
import { at, bounds, PARIS } from './period-fixtures.ts';

function resolved(phrase: string, ctx: PeriodContext): Period {
  const p = resolvePeriod(phrase, ctx);
  if (!p) throw new Error(`"${phrase}" did not resolve`);
  return p;
}

describe('previousPeriod (Paris, Wed 2026-11-18 14:30)', () => {
  const TABLE: ReadonlyArray<[phrase: string, start: string, end: string, label: string]> = [
    ['last week', '2026-11-02T00:00:00+01:00', '2026-11-09T00:00:00+01:00', 'week of 2 November 2026'],
    // To date: the same elapsed part of the previous unit.
    ['this week', '2026-11-09T00:00:00+01:00', '2026-11-11T14:30:00+01:00', 'previous week'],
    ['today', '2026-11-17T00:00:00+01:00', '2026-11-17T14:30:00+01:00', 'previous day'],
    ['MTD', '2026-10-01T00:00:00+02:00', '2026-10-18T14:30:00+02:00', 'previous month'],
    ['QTD', '2026-07-01T00:00:00+02:00', '2026-08-18T14:30:00+02:00', 'previous quarter'],
    ['YTD', '2025-01-01T00:00:00+01:00', '2025-11-18T14:30:00+01:00', 'previous year'],
    ['yesterday', '2026-11-16T00:00:00+01:00', '2026-11-17T00:00:00+01:00', '16 November 2026'],
    ['March 2026', '2026-02-01T00:00:00+01:00', '2026-03-01T00:00:00+01:00', 'February 2026'],
    ['January 2026', '2025-12-01T00:00:00+01:00', '2026-01-01T00:00:00+01:00', 'December 2025'],
    ['last month', '2026-09-01T00:00:00+02:00', '2026-10-01T00:00:00+02:00', 'September 2026'],
    ['Q1 2026', '2025-10-01T00:00:00+02:00', '2026-01-01T00:00:00+01:00', 'Q4 2025'],
    ['H1 2026', '2025-07-01T00:00:00+02:00', '2026-01-01T00:00:00+01:00', 'H2 2025'],
    ['last year', '2024-01-01T00:00:00+01:00', '2025-01-01T00:00:00+01:00', '2024'],
    ['last 7 days', '2026-11-04T00:00:00+01:00', '2026-11-11T00:00:00+01:00', '4–10 November 2026'],
    [
      'last 30 days',
      '2026-09-19T00:00:00+02:00',
      '2026-10-19T00:00:00+02:00',
      '19 September – 18 October 2026',
    ],
    ['last 3 months', '2026-05-01T00:00:00+02:00', '2026-08-01T00:00:00+02:00', '1 May – 31 July 2026'],
    [
      'from March 1 to March 15',
      '2026-02-14T00:00:00+01:00',
      '2026-03-01T00:00:00+01:00',
      '14–28 February 2026',
    ],
    // A "since" period: the same length just before its start.
    ['since November 10', '2026-11-01T09:30:00+01:00', '2026-11-10T00:00:00+01:00', 'previous period'],
  ];

  it.each(TABLE)('%s', (phrase, start, end, label) => {
    const previous = previousPeriod(resolved(phrase, PARIS), PARIS);
    expect(bounds(previous)).toEqual([start, end]);
    expect(periodLabel(previous, 'en')).toBe(label);
  });

  it('"this month" on March 31 compares with the whole of February, never spilling into March', () => {
    const ctx = at('2026-03-31T12:00:00Z', 'Europe/Paris');
    const previous = previousPeriod(resolved('this month', ctx), ctx);
    expect(bounds(previous)).toEqual(['2026-02-01T00:00:00+01:00', '2026-03-01T00:00:00+01:00']);
  });

  it('"this week" keeps wall-clock hours when the previous week had a DST change', () => {
    const ctx = at('2026-03-31T12:00:00Z', 'Europe/Paris');
    const previous = previousPeriod(resolved('cette semaine', ctx), ctx);
    expect(bounds(previous)).toEqual(['2026-03-23T00:00:00+01:00', '2026-03-24T14:00:00+01:00']);
    expect(periodLabel(previous, 'fr')).toBe('semaine précédente');
  });

  it('a previous period can be compared again', () => {
    const twice = previousPeriod(previousPeriod(resolved('last week', PARIS), PARIS), PARIS);
    expect(bounds(twice)).toEqual(['2026-10-26T00:00:00+01:00', '2026-11-02T00:00:00+01:00']);
  });
});

describe('samePeriodLastYear', () => {
  const TABLE: ReadonlyArray<[phrase: string, start: string, end: string, label: string]> = [
    // 52 weeks back: Monday still compares with Monday.
    ['last week', '2025-11-10T00:00:00+01:00', '2025-11-17T00:00:00+01:00', 'week of 10 November 2025'],
    ['this week', '2025-11-17T00:00:00+01:00', '2025-11-19T14:30:00+01:00', 'same week last year'],
    ['MTD', '2025-11-01T00:00:00+01:00', '2025-11-18T14:30:00+01:00', 'same month last year'],
    ['last month', '2025-10-01T00:00:00+02:00', '2025-11-01T00:00:00+01:00', 'October 2025'],
    ['Q3', '2025-07-01T00:00:00+02:00', '2025-10-01T00:00:00+02:00', 'Q3 2025'],
    ['yesterday', '2025-11-17T00:00:00+01:00', '2025-11-18T00:00:00+01:00', '17 November 2025'],
    [
      'last 30 days',
      '2025-10-19T00:00:00+02:00',
      '2025-11-18T00:00:00+01:00',
      '19 October – 17 November 2025',
    ],
    ['since March 1', '2025-03-01T00:00:00+01:00', '2025-11-18T14:30:00+01:00', 'same period last year'],
  ];

  it.each(TABLE)('%s', (phrase, start, end, label) => {
    const lastYear = samePeriodLastYear(resolved(phrase, PARIS), PARIS);
    expect(bounds(lastYear)).toEqual([start, end]);
    expect(periodLabel(lastYear, 'en')).toBe(label);
  });

  const LEAP = at('2028-03-10T10:00:00Z', 'Europe/Paris');
  it.each([
    ['2028-02-29', '2027-02-28T00:00:00+01:00', '2027-03-01T00:00:00+01:00'],
    ['29/02/2028', '2027-02-28T00:00:00+01:00', '2027-03-01T00:00:00+01:00'],
    ['February 2028', '2027-02-01T00:00:00+01:00', '2027-03-01T00:00:00+01:00'],
    ['du 1er au 29 février 2028', '2027-02-01T00:00:00+01:00', '2027-03-01T00:00:00+01:00'],
  ])('leap day: %s', (phrase, start, end) => {
    expect(bounds(samePeriodLastYear(resolved(phrase, LEAP), LEAP))).toEqual([start, end]);
  });

  it('YTD on Feb 29 2028 compares with 1 Jan – 28 Feb 2027 at the same hour', () => {
    const ctx = at('2028-02-29T13:00:00Z', 'Europe/Paris');
    const lastYear = samePeriodLastYear(resolved('YTD', ctx), ctx);
    expect(bounds(lastYear)).toEqual(['2027-01-01T00:00:00+01:00', '2027-02-28T14:00:00+01:00']);
  });
});

describe('comparisonLabel', () => {
  it.each([
    ['last week', 'previous', 'previous week', 'semaine précédente'],
    ['last week', 'last_year', 'same week last year', "même semaine l'an dernier"],
    ['MTD', 'previous', 'previous month', 'mois précédent'],
    ['MTD', 'last_year', 'same month last year', "même mois l'an dernier"],
    ['Q3', 'previous', 'previous quarter', 'trimestre précédent'],
    ['Q3', 'last_year', 'same quarter last year', "même trimestre l'an dernier"],
    ['yesterday', 'last_year', 'same day last year', "même jour l'an dernier"],
    ['last year', 'previous', 'previous year', 'année précédente'],
    ['last 30 days', 'previous', 'previous period', 'période précédente'],
    ['last 30 days', 'last_year', 'same period last year', "même période l'an dernier"],
  ] as const)('%s vs %s', (phrase, kind, en, fr) => {
    const p = resolved(phrase, PARIS);
    expect(comparisonLabel(kind, p, 'en')).toBe(en);
    expect(comparisonLabel(kind, p, 'fr')).toBe(fr);
  });
});
