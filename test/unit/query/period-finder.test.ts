import { describe, expect, it } from 'vitest';
import type { Period, PeriodFinder } from '../../../src/core/query/index.ts';
import { parse, parseQuery } from './parse-helpers.ts';

const FAKE_PERIOD: Period = {
  start: new Date('2026-01-01T00:00:00Z'),
  end: new Date('2026-02-01T00:00:00Z'),
  tz: 'UTC',
  grain: 'month',
  toDate: false,
  key: { kind: 'month', year: 2026, month: 1 },
};

/** A period grammar that knows one phrase, and records what it was asked. */
function recordingFinder(phrase: string): { finder: PeriodFinder; seen: string[] } {
  const seen: string[] = [];
  const finder: PeriodFinder = (text) => {
    seen.push(text);
    const index = text.toLowerCase().indexOf(phrase);
    return index < 0 ? null : { period: FAKE_PERIOD, index, length: phrase.length };
  };
  return { finder, seen };
}

describe('the period grammar seam', () => {
  it('takes the period span out before matching the metric', () => {
    const { finder } = recordingFinder('sessions');
    // The injected grammar claims "sessions", so the metric must come from the other words.
    expect(parseQuery('web traffic sessions', { findPeriod: finder })).toMatchObject({
      metric: 'web_sessions',
      period: FAKE_PERIOD,
    });
    expect(parse('sessions', { findPeriod: finder })).toMatchObject({ kind: 'error' });
  });

  it('passes text of the same length, with comparisons, breakdowns and mentions blanked out', () => {
    const { finder, seen } = recordingFinder('janvier');
    const text = 'leads <@U1|al> par canal janvier vs last year';
    expect(parseQuery(text, { findPeriod: finder })).toMatchObject({
      period: FAKE_PERIOD,
      breakdown: 'channel',
      compare: ['last_year'],
    });
    expect(seen[0]).toHaveLength(text.length);
    expect(seen[0]).not.toMatch(/vs|last year|par canal|<@/);
    expect(seen[0]).toContain('leads');
  });

  it('treats a grammar that throws (e.g. bad zone) or returns a bad span as "no period"', () => {
    const throwing: PeriodFinder = () => {
      throw new RangeError('Unknown IANA time zone');
    };
    const outOfRange: PeriodFinder = () => ({ period: FAKE_PERIOD, index: 3, length: 500 });
    expect(parseQuery('conversion last week', { findPeriod: throwing }).period).toBeNull();
    expect(parseQuery('conversion last week', { findPeriod: outOfRange }).period).toBeNull();
    expect(
      parseQuery('conversion last week', {
        periodContext: { now: new Date('2026-11-18T10:00:00Z'), tz: 'Mars/Olympus' },
      }).period,
    ).toBeNull();
  });

  it('uses the real period grammar by default', () => {
    const query = parseQuery('conversion last week');
    expect(query.period?.grain).toBe('week');
    expect(query.period?.toDate).toBe(false);
  });
});
