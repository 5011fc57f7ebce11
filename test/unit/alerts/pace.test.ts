import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { elapsedShare } from '../../../src/core/alerts/index.ts';

const local = (iso: string, tz: string) => DateTime.fromISO(iso, { zone: tz }).toJSDate();
const month = (y: number, m: number, tz: string) => {
  const start = DateTime.fromObject({ year: y, month: m, day: 1 }, { zone: tz });
  return { start: start.toJSDate(), end: start.plus({ months: 1 }).toJSDate() };
};

describe('elapsedShare', () => {
  it.each<[string, string, string, boolean, number]>([
    // November 2026 in Paris: 30 days, 21 working days (Mon 2 … Mon 30).
    ['Europe/Paris', '2026-11-01T00:00', 'start of the period', false, 0],
    ['Europe/Paris', '2026-11-16T00:00', 'half the calendar days', false, 15 / 30],
    ['Europe/Paris', '2026-11-16T12:00', 'mid-day counts half a day', false, 15.5 / 30],
    ['Europe/Paris', '2026-11-16T00:00', '10 working days of 21 done by Monday 16', true, 10 / 21],
    ['Europe/Paris', '2026-11-14T15:00', 'Saturday adds nothing to working days', true, 10 / 21],
    ['Europe/Paris', '2026-11-16T12:00', 'Monday noon: half a working day more', true, 10.5 / 21],
    ['Europe/Paris', '2026-12-01T00:00', 'the end', true, 1],
    ['America/New_York', '2026-11-16T00:00', 'same calendar share in New York', false, 15 / 30],
  ])('%s at %s (%s), working days %s → %d', (tz, at, _title, working, expected) => {
    expect(elapsedShare(month(2026, 11, tz), local(at, tz), tz, working)).toBeCloseTo(expected, 12);
  });

  it('a 23-hour DST day is a whole day: March 2026 in Paris, clocks forward on Sunday 29', () => {
    const tz = 'Europe/Paris';
    const range = month(2026, 3, tz);
    // From midnight to midnight, 30 of 31 days elapsed, although one of them lasted 23 hours.
    expect(elapsedShare(range, local('2026-03-31T00:00', tz), tz, false)).toBeCloseTo(30 / 31, 12);
    // Noon on the short day itself is 12 of its 23 hours.
    expect(elapsedShare(range, local('2026-03-29T12:00', tz), tz, false)).toBeCloseTo(
      (28 + 11 / 23) / 31,
      12,
    );
  });

  it('a 25-hour DST day in New York (November 1 2026) is a whole day', () => {
    const tz = 'America/New_York';
    const range = month(2026, 11, tz);
    expect(elapsedShare(range, local('2026-11-02T00:00', tz), tz, false)).toBeCloseTo(1 / 30, 12);
    // 1:30 EDT then 1:30 EST: the second one is 2.5 h into the 25-hour day.
    const second = DateTime.fromISO('2026-11-01T01:30:00-05:00').toJSDate();
    expect(elapsedShare(range, second, tz, false)).toBeCloseTo(2.5 / 25 / 30, 12);
  });

  it('working days over a week and a quarter', () => {
    const tz = 'Europe/Paris';
    const week = { start: local('2026-11-09T00:00', tz), end: local('2026-11-16T00:00', tz) };
    expect(elapsedShare(week, local('2026-11-11T00:00', tz), tz, true)).toBeCloseTo(2 / 5, 12);
    expect(elapsedShare(week, local('2026-11-14T10:00', tz), tz, true)).toBe(1);
    expect(elapsedShare(week, local('2026-11-14T10:00', tz), tz, false)).toBeCloseTo((5 + 10 / 24) / 7, 12);
    // Q4 2026: 92 days, 66 working days; October has 22.
    const q4 = { start: local('2026-10-01T00:00', tz), end: local('2027-01-01T00:00', tz) };
    expect(elapsedShare(q4, local('2026-11-01T00:00', tz), tz, true)).toBeCloseTo(22 / 66, 12);
  });

  it('a weekend-only period falls back to calendar days; before and after clamp to 0 and 1', () => {
    const tz = 'UTC';
    const weekend = { start: local('2026-11-14T00:00', tz), end: local('2026-11-16T00:00', tz) };
    expect(elapsedShare(weekend, local('2026-11-15T00:00', tz), tz, true)).toBeCloseTo(0.5, 12);
    expect(elapsedShare(weekend, local('2026-11-01T00:00', tz), tz, true)).toBe(0);
    expect(elapsedShare(weekend, local('2026-12-01T00:00', tz), tz, true)).toBe(1);
    expect(elapsedShare({ start: weekend.end, end: weekend.start }, weekend.end, tz, true)).toBe(1);
  });
});
