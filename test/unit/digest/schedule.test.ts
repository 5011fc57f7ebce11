import { describe, expect, it } from 'vitest';
import { digestWeek, weeksEndingWith } from '../../../src/core/digest/digest-week.ts';
import { cronProblem, DEFAULT_DIGEST_CRON, nextRuns } from '../../../src/core/digest/schedule.ts';

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

/**
 * The run times BullMQ's job scheduler will use (same cron-parser call, each run from the previous one), across
 * the 2026 DST changes: Europe 29 March / 25 October, United States 8 March / 1 November; Tokyo has none.
 */
describe('digest schedule: next runs across DST', () => {
  it.each([
    [
      'Europe/Paris, autumn (CEST → CET)',
      'Europe/Paris',
      '2026-10-13T00:00:00Z',
      ['2026-10-19T06:30:00.000Z', '2026-10-26T07:30:00.000Z', '2026-11-02T07:30:00.000Z'],
    ],
    [
      'Europe/Paris, spring (CET → CEST)',
      'Europe/Paris',
      '2026-03-17T00:00:00Z',
      ['2026-03-23T07:30:00.000Z', '2026-03-30T06:30:00.000Z', '2026-04-06T06:30:00.000Z'],
    ],
    [
      'America/New_York, spring (EST → EDT)',
      'America/New_York',
      '2026-02-24T00:00:00Z',
      ['2026-03-02T13:30:00.000Z', '2026-03-09T12:30:00.000Z', '2026-03-16T12:30:00.000Z'],
    ],
    [
      'America/New_York, autumn (EDT → EST)',
      'America/New_York',
      '2026-10-20T00:00:00Z',
      ['2026-10-26T12:30:00.000Z', '2026-11-02T13:30:00.000Z', '2026-11-09T13:30:00.000Z'],
    ],
    [
      'Asia/Tokyo (no DST: Monday 08:30 JST is always Sunday 23:30 UTC)',
      'Asia/Tokyo',
      '2026-03-20T00:00:00Z',
      ['2026-03-22T23:30:00.000Z', '2026-03-29T23:30:00.000Z', '2026-04-05T23:30:00.000Z'],
    ],
    [
      'Asia/Tokyo while Europe and the US change',
      'Asia/Tokyo',
      '2026-10-20T00:00:00Z',
      ['2026-10-25T23:30:00.000Z', '2026-11-01T23:30:00.000Z', '2026-11-08T23:30:00.000Z'],
    ],
  ])('Monday 08:30 local, %s', (_name, tz, from, expected) => {
    expect(iso(nextRuns(DEFAULT_DIGEST_CRON, tz, new Date(from), 3))).toEqual(expected);
  });

  it('a time the spring change skips runs once, an hour later in local time', () => {
    // 02:30 does not exist in Paris on 29 March 2026 (02:00 → 03:00): it runs at 03:30 CEST, once.
    expect(iso(nextRuns('30 2 * * 0', 'Europe/Paris', new Date('2026-03-22T12:00:00Z'), 2))).toEqual([
      '2026-03-29T01:30:00.000Z',
      '2026-04-05T00:30:00.000Z',
    ]);
    expect(iso(nextRuns('30 2 * * 0', 'America/New_York', new Date('2026-03-07T12:00:00Z'), 2))).toEqual([
      '2026-03-08T07:30:00.000Z',
      '2026-03-15T06:30:00.000Z',
    ]);
  });

  it('a time the autumn change repeats runs once, at its first occurrence', () => {
    expect(iso(nextRuns('30 2 * * 0', 'Europe/Paris', new Date('2026-10-18T12:00:00Z'), 2))).toEqual([
      '2026-10-25T00:30:00.000Z',
      '2026-11-01T01:30:00.000Z',
    ]);
    expect(iso(nextRuns('30 1 * * 0', 'America/New_York', new Date('2026-10-30T12:00:00Z'), 2))).toEqual([
      '2026-11-01T05:30:00.000Z',
      '2026-11-08T06:30:00.000Z',
    ]);
  });

  it('names what is wrong with a schedule', () => {
    expect(cronProblem('30 8 * * 1', 'Europe/Paris')).toBeNull();
    expect(cronProblem('0 30 8 * * 1', 'Europe/Paris')).toMatch(/5 fields/);
    expect(cronProblem('61 8 * * 1', 'Europe/Paris')).not.toBeNull();
  });
});

describe('digest week', () => {
  it.each([
    // A run on Monday 08:30 local reports the Monday–Sunday just ended, in that zone.
    ['Europe/Paris', '2026-10-26T07:30:00Z', '2026-10-18T22:00:00.000Z', '2026-10-25T23:00:00.000Z', 169],
    ['Europe/Paris', '2026-03-30T06:30:00Z', '2026-03-22T23:00:00.000Z', '2026-03-29T22:00:00.000Z', 167],
    ['America/New_York', '2026-03-09T12:30:00Z', '2026-03-02T05:00:00.000Z', '2026-03-09T04:00:00.000Z', 167],
    ['America/New_York', '2026-11-02T13:30:00Z', '2026-10-26T04:00:00.000Z', '2026-11-02T05:00:00.000Z', 169],
    ['Asia/Tokyo', '2026-03-29T23:30:00Z', '2026-03-22T15:00:00.000Z', '2026-03-29T15:00:00.000Z', 168],
  ])('%s, run at %s', (tz, at, start, end, hours) => {
    const week = digestWeek(new Date(at), tz);
    expect([week.start.toISOString(), week.end.toISOString()]).toEqual([start, end]);
    expect((week.end.getTime() - week.start.getTime()) / 3_600_000).toBe(hours);
  });

  it('a late run still reports the week before the day it was due', () => {
    const due = digestWeek(new Date('2026-11-09T07:30:00Z'), 'Europe/Paris');
    const late = digestWeek(new Date('2026-11-09T21:00:00Z'), 'Europe/Paris');
    expect(late.start).toEqual(due.start);
  });

  it('follows the tenant week start (Sunday)', () => {
    const week = digestWeek(new Date('2026-11-09T07:30:00Z'), 'Europe/Paris', 7);
    // Monday 9 November: the week Sunday 8 has begun, so the last complete one is Sunday 1 → Saturday 7.
    expect(week.start.toISOString()).toBe('2026-10-31T23:00:00.000Z');
  });

  it('the chart weeks end with the digest week', () => {
    const week = digestWeek(new Date('2026-11-09T07:30:00Z'), 'Europe/Paris');
    const weeks = weeksEndingWith(week, 12);
    expect(weeks).toHaveLength(12);
    expect(weeks[11]!.start).toEqual(week.start);
    expect(weeks[0]!.start.toISOString()).toBe('2026-08-16T22:00:00.000Z');
    for (let i = 1; i < 12; i++) expect(weeks[i]!.start).toEqual(weeks[i - 1]!.end);
  });
});
