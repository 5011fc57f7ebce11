import { describe, expect, it } from 'vitest';
import {
  type AlertCondition,
  type Judgement,
  judge,
  type Observation,
} from '../../../src/core/alerts/index.ts';
import { ANOMALY_DEFAULTS, DROP_20, plain, WEEKDAY_HISTORY } from './fixtures.ts';

const range = { start: '2026-11-02T00:00:00+01:00', end: '2026-11-09T00:00:00+01:00', label: 'last 7 days' };
const previous = {
  start: '2026-10-26T00:00:00+01:00',
  end: '2026-11-02T00:00:00+01:00',
  label: 'previous 7 days',
};
const en = { lang: 'en', status: 'ok', format: 'number' } as const;

type Verdict = 'breach' | 'recovered' | 'dead band' | `skip:${string}`;
function verdict(j: Judgement): Verdict {
  if (j.skipped) return `skip:${j.skipped}`;
  if (j.breaching) return 'breach';
  return j.recovered ? 'recovered' : 'dead band';
}

describe('threshold', () => {
  const above: AlertCondition = { kind: 'threshold', op: 'above', value: 200, recovery: 180, windowDays: 7 };
  const below: AlertCondition = { kind: 'threshold', op: 'below', value: 0.2, windowDays: 30 };
  const obs = (value: number | null): Observation => ({ kind: 'threshold', value, current: range });

  it.each<[AlertCondition, number | null, Verdict]>([
    [above, 250, 'breach'],
    [above, 200, 'dead band'], // exactly at the bound is not above it, and above the 180 recovery
    [above, 190, 'dead band'],
    [above, 180, 'recovered'],
    [above, 10, 'recovered'],
    [above, null, 'skip:no_data'],
    [below, 0.19, 'breach'],
    [below, 0.2, 'recovered'], // no recovery bound: the trigger bound itself
    [below, 0.5, 'recovered'],
  ])('%j with %s → %s', (condition, value, expected) => {
    expect(verdict(judge(condition, obs(value), en))).toBe(expected);
  });

  it('reports value and bounds, and says why in EN and FR with the metric format', () => {
    const j = judge(below, obs(0.181), { lang: 'en', status: 'ok', format: 'percent' });
    expect(j).toMatchObject({ value: 0.181, bound: 0.2, recoveryBound: 0.2, baseline: null, day: null });
    expect(j.reason).toBe('18.1% over the last 30 days, below the 20% threshold.');
    const fr = judge(below, obs(0.181), { lang: 'fr', status: 'ok', format: 'percent' });
    expect(plain(fr.reason)).toBe('18,1 % sur les 30 derniers jours, sous le seuil de 20 %.');
    const money = judge({ kind: 'threshold', op: 'above', value: 10_000, windowDays: 1 }, obs(12_345), {
      lang: 'fr',
      status: 'ok',
      format: 'currency',
    });
    expect(plain(money.reason)).toBe('12 345 € hier, au-dessus du seuil de 10 000 €.');
  });
});

describe('change', () => {
  const drop: AlertCondition = DROP_20;
  const rise: AlertCondition = { ...drop, direction: 'rise', pct: 0.5, recoveryPct: 0.1 };
  const obs = (value: number | null, baseline: number | null, baselineVolume = 100): Observation => ({
    kind: 'change',
    value,
    baseline,
    baselineVolume,
    current: range,
    previous,
  });

  it.each<[AlertCondition, number | null, number | null, number, Verdict]>([
    [drop, 80, 100, 100, 'breach'], // exactly −20 %
    [drop, 50, 100, 100, 'breach'],
    [drop, 85, 100, 100, 'dead band'], // −15 %: between −10 % (recovery = pct / 2) and −20 %
    [drop, 90, 100, 100, 'dead band'], // exactly −10 %: not yet under the recovery bound
    [drop, 95, 100, 100, 'recovered'],
    [drop, 150, 100, 100, 'recovered'],
    [drop, 10, 100, 9, 'skip:min_volume'],
    [drop, 10, 0, 100, 'skip:zero_baseline'],
    [drop, null, 100, 100, 'skip:no_data'],
    [drop, 80, null, 100, 'skip:no_data'],
    [rise, 150, 100, 100, 'breach'],
    [rise, 130, 100, 100, 'dead band'],
    [rise, 105, 100, 100, 'recovered'],
    [rise, 20, 100, 100, 'recovered'],
  ])('%j: %s vs %s (volume %s) → %s', (condition, value, baseline, volume, expected) => {
    expect(verdict(judge(condition, obs(value, baseline, volume), en))).toBe(expected);
  });

  it('a longer baseline is named as such in the reason, in both languages', () => {
    const long: AlertCondition = { ...drop, windowDays: 14, baselineDays: 56 };
    expect(judge(long, obs(50, 100), en).reason).toContain('vs the 56 days before (scaled to 14 days)');
    expect(judge(long, obs(50, 100), { ...en, lang: 'fr' }).reason).toContain(
      "par rapport aux 56 jours d'avant (ramenés à 14 jours)",
    );
  });

  it('is relative for rates too: 61 % → 25 % is a 59 % drop, not 36 points', () => {
    const j = judge(drop, obs(0.25, 0.61), { lang: 'en', status: 'ok', format: 'percent' });
    expect(j.value).toBeCloseTo(0.25 / 0.61 - 1, 12);
    expect(j).toMatchObject({ breaching: true, bound: -0.2, recoveryBound: -0.1, baseline: 0.61 });
    expect(j.reason).toBe(
      'Changed -59% vs the previous 7 days (25% vs 61%; a relative change of the rate, -36 pts), beyond the -20% trigger.',
    );
    const fr = judge(drop, obs(0.25, 0.61), { lang: 'fr', status: 'ok', format: 'percent' });
    expect(plain(fr.reason)).toBe(
      'Variation de -59 % par rapport aux 7 jours précédents (25 % contre 61 % ; variation relative du taux, soit -36 pts), au-delà du déclencheur de -20 %.',
    );
  });

  it('compares with last year in words, and a negative baseline by its size', () => {
    const ly: AlertCondition = { ...drop, versus: 'last_year', windowDays: 14 };
    const j = judge(ly, obs(700, 1000), en);
    expect(j.reason).toContain('vs the same 14 days last year');
    const negative = judge(rise, obs(-10, -40), en); // NPS −40 → −10 is a rise of 75 %
    expect(negative.value).toBeCloseTo(0.75, 12);
    expect(negative.breaching).toBe(true);
  });

  it('explains a skip for low volume', () => {
    const j = judge(drop, obs(1, 4, 4), en);
    expect(j.reason).toBe('Too little volume vs the previous 7 days (4, minimum 10): not judged.');
  });
});

describe('pace', () => {
  const pace: AlertCondition = {
    kind: 'pace',
    below: 0.8,
    grain: 'month',
    minElapsed: 0.2,
    workingDays: true,
  };
  const obs = (actual: number | null, target: number | null, elapsedShare: number): Observation => ({
    kind: 'pace',
    actual,
    target,
    elapsedShare,
    current: range,
  });

  it.each<[AlertCondition, number | null, number | null, number, Verdict]>([
    [pace, 3_200, 21_400, 0.5, 'breach'], // 3 200 of 10 700 expected: 30 %
    [pace, 8_560, 21_400, 0.5, 'dead band'], // exactly 80 %: not below it, not yet the 90 % recovery
    [pace, 9_630, 21_400, 0.5, 'recovered'], // 90 %
    [pace, 30_000, 21_400, 0.5, 'recovered'],
    [pace, 0, 21_400, 0.1, 'skip:too_early'],
    [pace, 0, null, 0.5, 'skip:no_target'],
    [pace, 0, 0, 0.5, 'skip:no_target'],
    [pace, null, 10_000, 0.5, 'breach'], // nothing signed yet is behind
    [{ ...pace, minElapsed: 0 }, 0, 1000, 0, 'skip:too_early'],
    [{ ...pace, below: 1.2 }, 1_150, 1_000, 1, 'breach'], // recovery never under the trigger
    [{ ...pace, below: 1.2 }, 1_200, 1_000, 1, 'recovered'],
  ])('%j: %s of target %s at %s → %s', (condition, actual, target, share, expected) => {
    expect(verdict(judge(condition, obs(actual, target, share), en))).toBe(expected);
  });

  it('reports attainment against the expected figure', () => {
    const j = judge(pace, obs(3_200, 21_400, 0.5), { lang: 'en', status: 'ok', format: 'currency' });
    expect(j.value).toBeCloseTo(3_200 / 10_700, 12);
    expect(j).toMatchObject({ bound: 0.8, recoveryBound: 0.9, baseline: 10_700 });
    expect(j.reason).toBe(
      '€3,200 of €10,700 expected by now (50% of the period, objective €21,400): 30% of pace, under the 80% bound.',
    );
    const fr = judge(pace, obs(3_200, 21_400, 0.5), { lang: 'fr', status: 'ok', format: 'currency' });
    expect(plain(fr.reason)).toBe(
      '3 200 € sur 10 700 € attendus à ce jour (50 % de la période, objectif 21 400 €) : 30 % du rythme, sous le seuil de 80 %.',
    );
  });
});

describe('anomaly', () => {
  const both: AlertCondition = ANOMALY_DEFAULTS;
  const history = WEEKDAY_HISTORY;
  const day = (date: string, value: number | null, h: Array<number | null> = history) => ({
    date,
    value,
    history: h,
  });
  const obs = (...days: ReturnType<typeof day>[]): Observation => ({ kind: 'anomaly', days });

  it.each<[string, AlertCondition, Observation, Verdict]>([
    ['a spike of 4×', both, obs(day('2026-11-10', 48)), 'breach'],
    ['a dip to 2', both, obs(day('2026-11-10', 2)), 'breach'],
    ['within 3 MADs', both, obs(day('2026-11-10', 14)), 'recovered'],
    ['far in MADs but under the minimum change (+42 %)', both, obs(day('2026-11-10', 17)), 'recovered'],
    ['a spike when only dips count', { ...both, direction: 'down' }, obs(day('2026-11-10', 48)), 'recovered'],
    ['a dip when only spikes count', { ...both, direction: 'up' }, obs(day('2026-11-10', 2)), 'recovered'],
    ['a dip when dips count', { ...both, direction: 'down' }, obs(day('2026-11-10', 2)), 'breach'],
    ['under the minimum volume', { ...both, minVolume: 50 }, obs(day('2026-11-10', 48)), 'recovered'],
    ['no value', both, obs(day('2026-11-10', null)), 'skip:no_history'],
    ['two weeks of history only', both, obs(day('2026-11-10', 48, [12, 12])), 'skip:no_history'],
    ['nulls in history are left out', both, obs(day('2026-11-10', 48, [12, null, 12, null, 12])), 'breach'],
    [
      'any day of the lookback',
      { ...both, lookbackDays: 3 },
      obs(day('2026-11-08', 12), day('2026-11-09', 40), day('2026-11-10', 11)),
      'breach',
    ],
  ])('%s → %s', (_title, condition, observation, expected) => {
    expect(verdict(judge(condition, observation, en))).toBe(expected);
  });

  it('floors the MAD at 5 % of the median: a flat history does not make a small move anomalous', () => {
    const flat = [100, 100, 100, 100, 100, 100, 100, 100];
    expect(verdict(judge(both, obs(day('2026-11-10', 114, flat)), en))).toBe('recovered');
    expect(verdict(judge({ ...both, minChange: 0.1 }, obs(day('2026-11-10', 116, flat)), en))).toBe('breach');
  });

  it('reports the most anomalous day of the lookback with its median and bound', () => {
    const j = judge(
      { ...both, lookbackDays: 3 },
      obs(day('2026-11-08', 40), day('2026-11-10', 48), day('2026-11-09', 12)),
      en,
    );
    expect(j).toMatchObject({ breaching: true, value: 48, baseline: 12, day: '2026-11-10', bound: 15 });
    expect(j.reason).toBe('48 on 2026-11-10, 4.0× the usual for a Tuesday (median 12, MAD 1): anomalous.');
    const fr = judge(both, obs(day('2026-11-10', 48)), { lang: 'fr', status: 'ok', format: 'number' });
    expect(plain(fr.reason)).toBe(
      "48 le 2026-11-10, 4,0× la normale d'un mardi (médiane 12, écart 1) : anomalie.",
    );
  });

  it('a kind mismatch is skipped, not thrown', () => {
    const j = judge(both, { kind: 'threshold', value: 1, current: range }, en);
    expect(j.skipped).toBe('mismatch');
  });
});

describe('reasons of a firing alert', () => {
  const below: AlertCondition = { kind: 'threshold', op: 'below', value: 20, recovery: 25, windowDays: 7 };
  const obs = (value: number): Observation => ({
    kind: 'threshold',
    value,
    current: { start: '2026-11-02T00:00:00Z', end: '2026-11-09T00:00:00Z', label: 'last 7 days' },
  });
  const firing = (lang: 'en' | 'fr') => ({ lang, status: 'firing', format: 'number' }) as const;

  it.each<[number, 'en' | 'fr', string]>([
    [10, 'en', 'Still: 10 over the last 7 days, below the 20 threshold.'],
    [30, 'en', 'Recovered: 30 over the last 7 days, on the right side of the 20 threshold.'],
    [22, 'en', '22 over the last 7 days: back past the 20 threshold but not yet the 25 recovery bound.'],
    [10, 'fr', 'Toujours : 10 sur les 7 derniers jours, sous le seuil de 20.'],
    [30, 'fr', 'Rétabli : 30 sur les 7 derniers jours, du bon côté du seuil de 20.'],
  ])('%s (%s) → %s', (value, lang, reason) => {
    expect(plain(judge(below, obs(value), firing(lang)).reason)).toBe(reason);
  });

  it('the same observation while ok has no prefix', () => {
    expect(judge(below, obs(10), en).reason).toBe('10 over the last 7 days, below the 20 threshold.');
  });
});
