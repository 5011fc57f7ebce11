import { expect } from 'vitest';
import {
  type KpiQuery,
  type ParsedInput,
  type ParseOptions,
  parseInput,
  type QueryError,
} from '../../../src/core/query/index.ts';
import { TEST_VOCABULARY } from '../../fixtures/vocabulary.ts';

/** Wednesday 18 November 2026, 11:00 in Paris. */
export const NOW = '2026-11-18T10:00:00.000Z';
export const PERIOD_CONTEXT = { now: new Date(NOW), tz: 'Europe/Paris' };

/** Expected [start, end) instants for the phrases the tables use, with NOW as above. */
export const PERIODS = {
  lastWeek: ['2026-11-08T23:00:00.000Z', '2026-11-15T23:00:00.000Z'],
  thisWeek: ['2026-11-15T23:00:00.000Z', NOW],
  yesterday: ['2026-11-16T23:00:00.000Z', '2026-11-17T23:00:00.000Z'],
  thisMonth: ['2026-10-31T23:00:00.000Z', NOW],
  lastMonth: ['2026-09-30T22:00:00.000Z', '2026-10-31T23:00:00.000Z'],
  thisQuarter: ['2026-09-30T22:00:00.000Z', NOW],
  q3: ['2026-06-30T22:00:00.000Z', '2026-09-30T22:00:00.000Z'],
  last30Days: ['2026-10-18T22:00:00.000Z', '2026-11-17T23:00:00.000Z'],
  sinceMarch1: ['2026-02-28T23:00:00.000Z', NOW],
} as const;

export type PeriodName = keyof typeof PERIODS;

export function parse(text: string, extra: Partial<ParseOptions> = {}): ParsedInput {
  return parseInput(text, { vocabulary: TEST_VOCABULARY, periodContext: PERIOD_CONTEXT, ...extra });
}

export function parseQuery(text: string, extra: Partial<ParseOptions> = {}): KpiQuery {
  const parsed = parse(text, extra);
  if (parsed.kind !== 'query')
    throw new Error(`expected a query for ${JSON.stringify(text)}, got ${JSON.stringify(parsed)}`);
  return parsed.query;
}

export function parseError(text: string, extra: Partial<ParseOptions> = {}): QueryError & { lang: string } {
  const parsed = parse(text, extra);
  if (parsed.kind !== 'error')
    throw new Error(`expected an error for ${JSON.stringify(text)}, got ${JSON.stringify(parsed)}`);
  return { ...parsed.error, lang: parsed.lang };
}

export function expectPeriod(query: KpiQuery, expected: PeriodName | null): void {
  if (expected === null) {
    expect(query.period).toBeNull();
    return;
  }
  expect(query.period, `period of ${JSON.stringify(query.text)}`).not.toBeNull();
  expect([query.period?.start.toISOString(), query.period?.end.toISOString()]).toEqual([
    ...PERIODS[expected],
  ]);
  expect(query.period?.tz).toBe('Europe/Paris');
}
