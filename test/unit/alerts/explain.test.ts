import { describe, expect, it } from 'vitest';
import { explainChange, type MemberFigures } from '../../../src/core/alerts/index.ts';

const member = (
  key: string,
  current: [number | null, number | null],
  baseline: [number | null, number | null],
): MemberFigures => ({
  key,
  label: key.toUpperCase(),
  current: { num: current[0], den: current[1] },
  baseline: { num: baseline[0], den: baseline[1] },
});

const rate = (ms: readonly MemberFigures[], part: 'current' | 'baseline') =>
  ms.reduce((s, m) => s + (m[part].num ?? 0), 0) / ms.reduce((s, m) => s + (m[part].den ?? 0), 0);

/** The contributions of every member listed (those moving with the change), with a limit high enough. */
const sumOfContributions = (ms: readonly MemberFigures[], mode: 'ratio' | 'additive') =>
  explainChange(ms, mode, 1_000).reduce((s, c) => s + c.contribution, 0);

describe('explainChange, ratio metrics', () => {
  // Meeting → proposal by rep: Alice collapsed, Bob steady, Carol improved a little on fewer meetings.
  const reps = [
    member('alice', [2, 20], [12, 20]),
    member('bob', [6, 10], [6, 10]),
    member('carol', [5, 8], [4, 10]),
  ];

  it('each member contributes (n′ − R·d′)/D′ − (n − R·d)/D, R the baseline rate (figures by hand)', () => {
    // Baseline 22/40 = 0.55; current 13/38.
    const byKey = new Map(explainChange(reps, 'ratio', 10).map((c) => [c.key, c]));
    expect(byKey.get('alice')?.contribution).toBeCloseTo(-9 / 38 - 1 / 40, 12);
    // Bob (+0.000658) and Carol (+0.053289) moved against the drop: not listed as its contributors.
    expect([...byKey.keys()]).toEqual(['alice']);
    const total = 13 / 38 - 0.55;
    expect(byKey.get('alice')?.share).toBeCloseTo((-9 / 38 - 1 / 40) / total, 12);
    const bob = 0.5 / 38 - 0.5 / 40;
    const carol = 0.6 / 38 + 1.5 / 40;
    expect(-9 / 38 - 1 / 40 + bob + carol).toBeCloseTo(total, 12);
  });

  it('names the members that explain the drop, largest share first, with their own rates', () => {
    const top = explainChange(reps, 'ratio');
    expect(top.map((c) => c.key)).toEqual(['alice']);
    expect(top[0]).toMatchObject({ label: 'ALICE', value: 0.1, baseline: 0.6 });
    expect(top[0]?.share).toBeGreaterThan(1); // Alice alone explains more than the whole drop; Carol offset some
  });

  it('shares over all members in the direction of the change sum to 1 with those against it', () => {
    const rows = [
      member('a', [30, 100], [50, 100]),
      member('b', [20, 100], [30, 100]),
      member('c', [10, 50], [10, 50]),
    ];
    const listed = explainChange(rows, 'ratio', 10);
    expect(listed.map((c) => c.key)).toEqual(['a', 'b']);
    const total = rate(rows, 'current') - rate(rows, 'baseline');
    expect(sumOfContributions(rows, 'ratio')).toBeCloseTo(total, 12);
    expect(listed.reduce((s, c) => s + c.share, 0)).toBeCloseTo(1, 12);
  });

  it('handles a member present in only one period (null parts count as 0)', () => {
    // Baseline 17/30; current 8/40: the new member's low rate and the old one's leaving both pull it down.
    const rows = [
      member('old', [null, null], [12, 20]),
      member('new', [3, 30], [null, null]),
      member('x', [5, 10], [5, 10]),
    ];
    const listed = explainChange(rows, 'ratio', 10);
    expect(listed.map((c) => c.key)).toEqual(['new', 'old']);
    expect(listed[0]).toMatchObject({ value: 0.1, baseline: null });
    expect(listed[0]?.contribution).toBeCloseTo((3 - 17) / 40, 12);
    expect(listed[1]).toMatchObject({ value: null, baseline: 0.6 });
    expect(listed[1]?.contribution).toBeCloseTo(-(12 - (17 / 30) * 20) / 30, 12);
    // x kept its rate while the average fell: it moved against the change, so it is not listed.
    const x = (5 - 17 / 3) / 40 - (5 - 17 / 3) / 30;
    expect(sumOfContributions(rows, 'ratio') + x).toBeCloseTo(8 / 40 - 17 / 30, 12);
  });

  it('returns nothing when there is no baseline rate or no change', () => {
    expect(explainChange([member('a', [1, 2], [0, 0])], 'ratio')).toEqual([]);
    expect(explainChange([member('a', [1, 2], [1, 2])], 'ratio')).toEqual([]);
    expect(explainChange([], 'ratio')).toEqual([]);
  });
});

describe('explainChange, additive metrics', () => {
  it('each member contributes its own change; ties break by key; limit applies', () => {
    const rows = [
      member('web_form', [10, null], [40, null]),
      member('events', [5, null], [15, null]),
      member('referral', [8, null], [18, null]),
      member('ads', [30, null], [20, null]),
    ];
    const total = 53 - 93;
    // ads (+10) moved against the drop; with it, the contributions add up to the total change.
    expect(sumOfContributions(rows, 'additive') + 10).toBe(total);
    const top = explainChange(rows, 'additive');
    expect(top.map((c) => [c.key, c.contribution])).toEqual([
      ['web_form', -30],
      ['events', -10],
      ['referral', -10],
    ]);
    expect(top[0]?.share).toBeCloseTo(-30 / total, 12);
    expect(explainChange(rows, 'additive', 1).map((c) => c.key)).toEqual(['web_form']);
  });

  it('a missing figure counts as 0', () => {
    const top = explainChange(
      [member('a', [null, null], [5, null]), member('b', [2, null], [2, null])],
      'additive',
    );
    expect(top).toEqual([{ key: 'a', label: 'A', value: null, baseline: 5, share: 1, contribution: -5 }]);
  });
});
