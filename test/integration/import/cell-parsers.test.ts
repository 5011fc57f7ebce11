import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  parseCount,
  parseDay,
  parseInstant,
  parseNumber,
} from '../../../src/store/csv-import/cell-parsers.ts';

// Pure parsers (no database), kept beside the import tests they serve. The process zone must not matter.
describe.each(['UTC', 'America/New_York', 'Asia/Kolkata', 'Pacific/Auckland'])(
  'cell parsers, process TZ=%s',
  (zone) => {
    const original = process.env.TZ;
    beforeAll(() => {
      process.env.TZ = zone;
    });
    afterAll(() => {
      process.env.TZ = original;
    });

    it.each([
      ['2026-03-29', 'Europe/Paris', 'iso', '2026-03-28T23:00:00.000Z'],
      ['2026-03-29T02:30:00', 'Europe/Paris', 'iso', '2026-03-29T01:30:00.000Z'], // in the DST gap: moved forward
      ['2026-10-25T02:30', 'Europe/Paris', 'iso', '2026-10-25T01:30:00.000Z'], // repeated hour: Luxon takes standard time
      ['2026-03-08', 'America/Los_Angeles', 'iso', '2026-03-08T08:00:00.000Z'],
      ['31/12/2026 23:59:59', 'Asia/Tokyo', 'dd/mm/yyyy', '2026-12-31T14:59:59.000Z'],
      ['12/31/2026', 'UTC', 'mm/dd/yyyy', '2026-12-31T00:00:00.000Z'],
      ['2026-01-05T10:00:00.250+05:30', 'Europe/Paris', 'iso', '2026-01-05T04:30:00.250Z'],
    ] as const)('instant %s in %s (%s) = %s', (raw, tz, format, expected) => {
      expect(parseInstant(raw, tz, format)).toEqual({ ok: true, value: new Date(expected) });
    });

    it.each([
      ['2026-02-29', 'iso'],
      ['31/04/2026', 'dd/mm/yyyy'],
      ['13/01/2026', 'mm/dd/yyyy'],
      ['05/01/2026', 'iso'],
      ['yesterday', 'iso'],
      ['2026-01-05T25:00', 'iso'],
    ] as const)('%s is not a date with --date-format %s', (raw, format) => {
      expect(parseInstant(raw, 'Europe/Paris', format).ok).toBe(false);
    });

    it.each([
      ['2026-03-29', 'Europe/Paris', '2026-03-29'],
      ['2026-03-29T23:30:00Z', 'Europe/Paris', '2026-03-30'],
      ['2026-03-29T23:30:00', 'Europe/Paris', '2026-03-29'],
      ['2026-03-29T01:00:00Z', 'America/New_York', '2026-03-28'],
    ])('day %s in %s = %s', (raw, tz, expected) => {
      expect(parseDay(raw, tz, 'iso')).toEqual({ ok: true, value: expected });
    });
  },
);

describe('amounts and counts', () => {
  it.each([
    ['1234', 1234],
    ['1 234,50', 1234.5],
    ['1\u00a0234,50', 1234.5],
    ['1,234.50', 1234.5],
    ['1.234,50', 1234.5],
    ['1.234.567', 1234567],
    ['1,234,567', 1234567],
    ['1,234', 1234],
    ['12,5', 12.5],
    ['0,500', 0.5],
    ['€1234', 1234],
    ['1 234 €', 1234],
    ['$1,234.50', 1234.5],
    ['USD 99.90', 99.9],
    ['12 EUR', 12],
    ['-3.5', -3.5],
    ['-€12', -12],
    ['.5', 0.5],
  ])('%s = %s', (raw, expected) => {
    expect(parseNumber(raw)).toEqual({ ok: true, value: expected });
  });

  it.each(['12abc', 'abc', '1.2.3,4,5', '--1', '1e5', '', '€'])('%s is not a number', (raw) => {
    expect(parseNumber(raw).ok).toBe(false);
  });

  it.each([
    ['1 000', { ok: true, value: 1000 }],
    ['2.5', { ok: false, reason: "'2.5' is not a whole count ≥ 0" }],
    ['-1', { ok: false, reason: "'-1' is not a whole count ≥ 0" }],
  ])('count %s', (raw, expected) => {
    expect(parseCount(raw)).toEqual(expected);
  });
});
