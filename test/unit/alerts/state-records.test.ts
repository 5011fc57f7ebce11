import { describe, expect, it } from 'vitest';
import { isNewRecord, sameFigures } from '../../../src/app/alerts/state-records.ts';

const figures = {
  breaching: true,
  recovered: false,
  skipped: null,
  value: -0.42,
  bound: -0.3,
  recoveryBound: -0.15,
  day: null,
};
/** A recorded judgement as it comes back from the database's JSON (reason and ranges left out). */
const stored = (over: Record<string, unknown> = {}) =>
  JSON.parse(JSON.stringify({ ...figures, decision: 'fired', ...over }));

describe('what an evaluation records', () => {
  it('records the first judgement of a state, and anything stored that is not a judgement', () => {
    expect(isNewRecord(null, figures, 'fired')).toBe(true);
    expect(isNewRecord(undefined, figures, 'ok')).toBe(true);
    expect(isNewRecord('garbage', figures, 'ok')).toBe(true);
    expect(isNewRecord({ value: 1 }, figures, 'ok')).toBe(true);
  });

  it('does not record the same figures again while the decision says the same ("fired" then "firing")', () => {
    expect(isNewRecord(stored(), figures, 'firing')).toBe(false);
    expect(isNewRecord(stored(), figures, 'repeated:2')).toBe(false);
    expect(
      isNewRecord(stored({ decision: 'ok', breaching: false }), { ...figures, breaching: false }, 'resolved'),
    ).toBe(false);
  });

  it('records a new kind of decision on the same figures (acked → firing is not; fired → muted is)', () => {
    expect(isNewRecord(stored(), figures, 'muted')).toBe(true);
    expect(isNewRecord(stored({ decision: 'pending:1' }), figures, 'fired')).toBe(true);
  });

  it('compares figures to 9 significant digits, as stored, with no number equal to a missing one', () => {
    expect(sameFigures(figures, { ...figures, value: -0.42 + 1e-15 })).toBe(true);
    expect(sameFigures(figures, { ...figures, value: -0.421 })).toBe(false);
    expect(sameFigures(figures, { ...figures, day: '2026-11-20' })).toBe(false);
    expect(sameFigures(figures, { ...figures, skipped: 'no_data' })).toBe(false);
    expect(sameFigures({ ...figures, value: null }, { ...figures, value: 0 })).toBe(false);
    // JSON has no Infinity: a stored non-finite figure comes back null and still counts as the same.
    expect(
      isNewRecord(
        stored({ value: Number.POSITIVE_INFINITY }),
        { ...figures, value: Number.POSITIVE_INFINITY },
        'firing',
      ),
    ).toBe(false);
  });
});
