import { describe, expect, it } from 'vitest';
import { alertRuleSpecSchema, describeSpecIssues } from '../../../src/core/alerts/index.ts';
import { ANOMALY_DEFAULTS } from './fixtures.ts';

const base = { name: 'Rule', metric: 'leads' };
const problems = (input: unknown) => {
  const parsed = alertRuleSpecSchema.safeParse(input);
  return parsed.success ? [] : describeSpecIssues(parsed.error);
};

describe('alertRuleSpecSchema', () => {
  it.each([
    [
      { kind: 'threshold', op: 'above', value: 5 },
      { kind: 'threshold', op: 'above', value: 5, windowDays: 7 },
    ],
    [
      { kind: 'change', direction: 'drop', pct: 0.2 },
      { kind: 'change', direction: 'drop', pct: 0.2, versus: 'previous', windowDays: 7, minVolume: 10 },
    ],
    [
      { kind: 'pace', below: 0.8 },
      { kind: 'pace', below: 0.8, grain: 'month', minElapsed: 0.2, workingDays: true },
    ],
    [{ kind: 'anomaly' }, ANOMALY_DEFAULTS],
  ])('fills the defaults of %j', (condition, expected) => {
    expect(alertRuleSpecSchema.parse({ ...base, condition })).toEqual({
      ...base,
      scope: {},
      fanOut: null,
      condition: expected,
      lifecycle: { forEvaluations: 1, repeatEveryMinutes: 1440 },
      routing: [],
    });
  });

  it.each<[unknown, string]>([
    [
      { ...base, condition: { kind: 'change', direction: 'drop', pct: 0 } },
      'condition.pct: must be more than 0 (0.2 = 20 %)',
    ],
    [
      { ...base, condition: { kind: 'change', direction: 'drop', pct: 20 } },
      'condition.pct: must be at most 10 (1,000 %); write 0.2 for 20 %',
    ],
    [
      { ...base, condition: { kind: 'change', direction: 'drop', pct: 0.2, recoveryPct: 0.3 } },
      'condition.recoveryPct: recoveryPct must be smaller than pct (it is the change under which the alert resolves)',
    ],
    [
      { ...base, condition: { kind: 'threshold', op: 'above', value: 5, windowDays: 0 } },
      'condition.windowDays: must be at least 1 day',
    ],
    [
      { ...base, condition: { kind: 'threshold', op: 'above', value: 5, windowDays: 400 } },
      'condition.windowDays: must be at most 366 days',
    ],
    [
      { ...base, condition: { kind: 'threshold', op: 'above', value: 5, recovery: 6 } },
      'condition.recovery: recovery must be on the good side of value (≤ value for above, ≥ value for below)',
    ],
    [
      { ...base, condition: { kind: 'threshold', op: 'above', value: Number.NaN } },
      'condition.value: must be a number',
    ],
    [
      { ...base, condition: { kind: 'pace', below: 0.8, recovery: 0.5 } },
      'condition.recovery: recovery must be at least below (the attainment at which the alert resolves)',
    ],
    [
      { ...base, condition: { kind: 'pace', below: 0.8, minElapsed: 1 } },
      'condition.minElapsed: must be between 0 and 0.9',
    ],
    [
      { ...base, condition: { kind: 'anomaly', weeks: 2 } },
      'condition.weeks: must be at least 3 weeks (a median needs history)',
    ],
    [
      { ...base, condition: { kind: 'anomaly', lookbackDays: 1.5 } },
      'condition.lookbackDays: must be a whole number of days',
    ],
    [
      { ...base, condition: { kind: 'sometimes' } },
      'condition.kind: must be threshold, change, pace or anomaly',
    ],
    [
      { ...base, condition: { kind: 'anomaly' }, lifecycle: { forEvaluations: 0 } },
      'lifecycle.forEvaluations: must be at least 1 (1 = fire on the first breach)',
    ],
    [
      { ...base, condition: { kind: 'anomaly' }, lifecycle: { repeatEveryMinutes: -1 } },
      'lifecycle.repeatEveryMinutes: must be 0 (never) or more',
    ],
    [{ ...base, condition: { kind: 'anomaly' }, fanOut: 'stage' }, 'fanOut: must be rep, team or channel'],
    [
      { ...base, condition: { kind: 'anomaly' }, routing: [{ to: 'everyone' }] },
      'routing.0.to: must be channel, owner or manager',
    ],
    [
      { ...base, condition: { kind: 'anomaly' }, routing: [{ to: 'channel', id: ' ' }] },
      'routing.0.id: must name the channel',
    ],
    [{ ...base, name: ' ', condition: { kind: 'anomaly' } }, 'name: must not be empty'],
    [
      { ...base, condition: { kind: 'anomaly', colour: 1 } },
      'condition: unknown field "colour": expected kind, direction, weeks, lookbackDays, sensitivity, minChange, minVolume',
    ],
  ])('%j → %s', (input, message) => {
    expect(problems(input)).toEqual([message]);
  });

  it('a longer baseline goes with versus previous and is at least the window', () => {
    const change = { kind: 'change', direction: 'drop', pct: 0.3, windowDays: 14 };
    expect(
      alertRuleSpecSchema.parse({ ...base, condition: { ...change, baselineDays: 56 } }).condition,
    ).toMatchObject({ baselineDays: 56, versus: 'previous' });
    const short = problems({ ...base, condition: { ...change, baselineDays: 7 } });
    expect(short.join('\n')).toMatch(/condition.baselineDays: .*at least windowDays/);
    const lastYear = problems({ ...base, condition: { ...change, versus: 'last_year', baselineDays: 56 } });
    expect(lastYear.join('\n')).toMatch(/baselineDays goes with versus previous/);
  });

  it('a missing condition says what one is', () => {
    expect(problems(base)).toEqual([
      'condition: missing: a condition with a kind (threshold, change, pace or anomaly) and its fields',
    ]);
  });

  it('a Slack channel route defaults to the slack platform', () => {
    const spec = alertRuleSpecSchema.parse({
      ...base,
      condition: { kind: 'anomaly' },
      routing: [{ to: 'channel', id: 'C1' }],
    });
    expect(spec.routing).toEqual([{ to: 'channel', platform: 'slack', id: 'C1' }]);
  });
});
