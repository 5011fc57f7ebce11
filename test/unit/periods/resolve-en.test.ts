import { describe, expect, it } from 'vitest';
import { periodLabel, resolvePeriod } from '../../../src/core/periods/index.ts';
import { bounds, NOW_PARIS, PARIS } from './period-fixtures.ts';

// now = Wednesday 2026-11-18 14:30 Europe/Paris.
const TABLE: ReadonlyArray<
  [phrase: string, start: string, end: string, grain: string, toDate: boolean, label: string]
> = [
  ['today', '2026-11-18T00:00:00+01:00', NOW_PARIS, 'day', true, 'today'],
  ['yesterday', '2026-11-17T00:00:00+01:00', '2026-11-18T00:00:00+01:00', 'day', false, 'yesterday'],
  [
    'the day before yesterday',
    '2026-11-16T00:00:00+01:00',
    '2026-11-17T00:00:00+01:00',
    'day',
    false,
    'the day before yesterday',
  ],
  ['this week', '2026-11-16T00:00:00+01:00', NOW_PARIS, 'week', true, 'this week'],
  ['current week so far', '2026-11-16T00:00:00+01:00', NOW_PARIS, 'week', true, 'this week'],
  ['WTD', '2026-11-16T00:00:00+01:00', NOW_PARIS, 'week', true, 'this week'],
  ['last week', '2026-11-09T00:00:00+01:00', '2026-11-16T00:00:00+01:00', 'week', false, 'last week'],
  ['previous week', '2026-11-09T00:00:00+01:00', '2026-11-16T00:00:00+01:00', 'week', false, 'last week'],
  ['Last Week', '2026-11-09T00:00:00+01:00', '2026-11-16T00:00:00+01:00', 'week', false, 'last week'],
  [
    'the week before last',
    '2026-11-02T00:00:00+01:00',
    '2026-11-09T00:00:00+01:00',
    'week',
    false,
    '2 weeks ago',
  ],
  ['2 weeks ago', '2026-11-02T00:00:00+01:00', '2026-11-09T00:00:00+01:00', 'week', false, '2 weeks ago'],
  ['this month', '2026-11-01T00:00:00+01:00', NOW_PARIS, 'month', true, 'this month'],
  ['MTD', '2026-11-01T00:00:00+01:00', NOW_PARIS, 'month', true, 'this month'],
  ['month to date', '2026-11-01T00:00:00+01:00', NOW_PARIS, 'month', true, 'this month'],
  ['last month', '2026-10-01T00:00:00+02:00', '2026-11-01T00:00:00+01:00', 'month', false, 'last month'],
  ['this quarter', '2026-10-01T00:00:00+02:00', NOW_PARIS, 'quarter', true, 'this quarter'],
  ['QTD', '2026-10-01T00:00:00+02:00', NOW_PARIS, 'quarter', true, 'this quarter'],
  [
    'last quarter',
    '2026-07-01T00:00:00+02:00',
    '2026-10-01T00:00:00+02:00',
    'quarter',
    false,
    'last quarter',
  ],
  ['this year', '2026-01-01T00:00:00+01:00', NOW_PARIS, 'year', true, 'this year'],
  ['YTD', '2026-01-01T00:00:00+01:00', NOW_PARIS, 'year', true, 'this year'],
  ['last year', '2025-01-01T00:00:00+01:00', '2026-01-01T00:00:00+01:00', 'year', false, 'last year'],
  ['last 7 days', '2026-11-11T00:00:00+01:00', '2026-11-18T00:00:00+01:00', 'custom', false, 'last 7 days'],
  [
    'the last seven days',
    '2026-11-11T00:00:00+01:00',
    '2026-11-18T00:00:00+01:00',
    'custom',
    false,
    'last 7 days',
  ],
  ['last 30 days', '2026-10-19T00:00:00+02:00', '2026-11-18T00:00:00+01:00', 'custom', false, 'last 30 days'],
  ['past 2 weeks', '2026-11-02T00:00:00+01:00', '2026-11-16T00:00:00+01:00', 'custom', false, 'last 2 weeks'],
  [
    'last 3 months',
    '2026-08-01T00:00:00+02:00',
    '2026-11-01T00:00:00+01:00',
    'custom',
    false,
    'last 3 months',
  ],
  [
    'last 2 quarters',
    '2026-04-01T00:00:00+02:00',
    '2026-10-01T00:00:00+02:00',
    'custom',
    false,
    'last 2 quarters',
  ],
  ['Q3', '2026-07-01T00:00:00+02:00', '2026-10-01T00:00:00+02:00', 'quarter', false, 'Q3 2026'],
  ['Q3 2025', '2025-07-01T00:00:00+02:00', '2025-10-01T00:00:00+02:00', 'quarter', false, 'Q3 2025'],
  ['2025-Q1', '2025-01-01T00:00:00+01:00', '2025-04-01T00:00:00+02:00', 'quarter', false, 'Q1 2025'],
  ['third quarter', '2026-07-01T00:00:00+02:00', '2026-10-01T00:00:00+02:00', 'quarter', false, 'Q3 2026'],
  ['H1', '2026-01-01T00:00:00+01:00', '2026-07-01T00:00:00+02:00', 'half', false, 'H1 2026'],
  ['H2 2025', '2025-07-01T00:00:00+02:00', '2026-01-01T00:00:00+01:00', 'half', false, 'H2 2025'],
  ['March', '2026-03-01T00:00:00+01:00', '2026-04-01T00:00:00+02:00', 'month', false, 'March 2026'],
  ['in March', '2026-03-01T00:00:00+01:00', '2026-04-01T00:00:00+02:00', 'month', false, 'March 2026'],
  ['November', '2026-11-01T00:00:00+01:00', '2026-12-01T00:00:00+01:00', 'month', false, 'November 2026'],
  ['December', '2025-12-01T00:00:00+01:00', '2026-01-01T00:00:00+01:00', 'month', false, 'December 2025'],
  ['March 2025', '2025-03-01T00:00:00+01:00', '2025-04-01T00:00:00+02:00', 'month', false, 'March 2025'],
  ['in 2025', '2025-01-01T00:00:00+01:00', '2026-01-01T00:00:00+01:00', 'year', false, '2025'],
  ['2025', '2025-01-01T00:00:00+01:00', '2026-01-01T00:00:00+01:00', 'year', false, '2025'],
  ['since March 1', '2026-03-01T00:00:00+01:00', NOW_PARIS, 'custom', true, 'since 1 March 2026'],
  ['since December 1', '2025-12-01T00:00:00+01:00', NOW_PARIS, 'custom', true, 'since 1 December 2025'],
  ['since 2026-03-01', '2026-03-01T00:00:00+01:00', NOW_PARIS, 'custom', true, 'since 1 March 2026'],
  ['since the start of the month', '2026-11-01T00:00:00+01:00', NOW_PARIS, 'month', true, 'this month'],
  ['since yesterday', '2026-11-17T00:00:00+01:00', NOW_PARIS, 'custom', true, 'since 17 November 2026'],
  [
    'from March 1 to March 15',
    '2026-03-01T00:00:00+01:00',
    '2026-03-16T00:00:00+01:00',
    'custom',
    false,
    '1–15 March 2026',
  ],
  [
    'between March 1 and March 15',
    '2026-03-01T00:00:00+01:00',
    '2026-03-16T00:00:00+01:00',
    'custom',
    false,
    '1–15 March 2026',
  ],
  [
    'from 2026-02-01 to 2026-03-15',
    '2026-02-01T00:00:00+01:00',
    '2026-03-16T00:00:00+01:00',
    'custom',
    false,
    '1 February – 15 March 2026',
  ],
  [
    'March 1-15',
    '2026-03-01T00:00:00+01:00',
    '2026-03-16T00:00:00+01:00',
    'custom',
    false,
    '1–15 March 2026',
  ],
  [
    'from December 15 to January 15',
    '2025-12-15T00:00:00+01:00',
    '2026-01-16T00:00:00+01:00',
    'custom',
    false,
    '15 December 2025 – 15 January 2026',
  ],
  [
    'from January to March',
    '2026-01-01T00:00:00+01:00',
    '2026-04-01T00:00:00+02:00',
    'custom',
    false,
    '1 January – 31 March 2026',
  ],
  ['from March 1 to today', '2026-03-01T00:00:00+01:00', NOW_PARIS, 'custom', true, 'since 1 March 2026'],
  ['2026-03-15', '2026-03-15T00:00:00+01:00', '2026-03-16T00:00:00+01:00', 'day', false, '15 March 2026'],
  ['15/03/2026', '2026-03-15T00:00:00+01:00', '2026-03-16T00:00:00+01:00', 'day', false, '15 March 2026'],
  ['March 15', '2026-03-15T00:00:00+01:00', '2026-03-16T00:00:00+01:00', 'day', false, '15 March 2026'],
  [
    'on March 15th, 2025',
    '2025-03-15T00:00:00+01:00',
    '2025-03-16T00:00:00+01:00',
    'day',
    false,
    '15 March 2025',
  ],
  ['December 24', '2025-12-24T00:00:00+01:00', '2025-12-25T00:00:00+01:00', 'day', false, '24 December 2025'],
];

describe('resolvePeriod, English phrases (Europe/Paris, Wed 2026-11-18 14:30)', () => {
  it.each(TABLE)('%s', (phrase, start, end, grain, toDate, label) => {
    const p = resolvePeriod(phrase, PARIS);
    expect(bounds(p)).toEqual([start, end]);
    expect(p?.grain).toBe(grain);
    expect(p?.toDate).toBe(toDate);
    expect(p && periodLabel(p, 'en')).toBe(label);
  });

  it.each([
    'hello',
    'last week please',
    'Q5',
    'H3',
    'may',
    '31/02/2026',
    '3/4',
    'since 2099-01-01',
    'from 15 March 2026 to 1 March 2026',
    'last 0 days',
    'last 100000 days',
    '',
    '   ',
  ])('%j is not a period', (phrase) => {
    expect(resolvePeriod(phrase, PARIS)).toBeNull();
  });
});
