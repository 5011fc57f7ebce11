import { describe, expect, it } from 'vitest';
import {
  type AlertCondition,
  type AlertViewInput,
  buildAlertView,
  formatLasted,
  type Judgement,
  judge,
  type Lang,
  type Observation,
} from '../../../src/core/alerts/index.ts';
import { ANOMALY_DEFAULTS, DROP_20, plain, WEEKDAY_HISTORY } from './fixtures.ts';

const range = { start: '2026-11-02T00:00:00+01:00', end: '2026-11-16T00:00:00+01:00', label: 'last 14 days' };

const change: AlertCondition = { ...DROP_20, windowDays: 14 };
const pace: AlertCondition = { kind: 'pace', below: 0.8, grain: 'month', minElapsed: 0.2, workingDays: true };
const anomaly: AlertCondition = ANOMALY_DEFAULTS;
const threshold: AlertCondition = { kind: 'threshold', op: 'below', value: 0.2, windowDays: 30 };

const METRICS = {
  conversion: {
    en: {
      name: 'meeting_to_proposal_rate',
      label: 'Meeting → proposal',
      format: 'percent',
      direction: 'up_is_good',
    },
    fr: {
      name: 'meeting_to_proposal_rate',
      label: 'RDV → proposition',
      format: 'percent',
      direction: 'up_is_good',
    },
  },
  revenue: {
    en: {
      name: 'revenue_signed',
      label: 'Revenue signed',
      format: 'currency',
      direction: 'up_is_good',
      currency: 'EUR',
    },
    fr: {
      name: 'revenue_signed',
      label: 'CA signé',
      format: 'currency',
      direction: 'up_is_good',
      currency: 'EUR',
    },
  },
  leads: {
    en: { name: 'leads', label: 'Leads', format: 'number', direction: 'up_is_good' },
    fr: { name: 'leads', label: 'Leads', format: 'number', direction: 'up_is_good' },
  },
  winRate: {
    en: { name: 'win_rate', label: 'Win rate', format: 'percent', direction: 'up_is_good' },
    fr: { name: 'win_rate', label: 'Taux de gain', format: 'percent', direction: 'up_is_good' },
  },
} as const;

function input(
  lang: Lang,
  condition: AlertCondition,
  metric: keyof typeof METRICS,
  j: Judgement,
  extra: Partial<AlertViewInput> = {},
): AlertViewInput {
  return {
    stateId: '0f3a9c2e-1111-4222-8333-944455556666',
    ruleId: 'rule-1',
    ruleName: 'Conversion watch',
    lang,
    condition,
    metric: METRICS[metric][lang],
    scopeLabel: 'Team EMEA',
    judgement: j,
    firingSince: new Date('2026-11-16T08:00:00Z'),
    ...extra,
  };
}

const opts = (lang: Lang, format: 'percent' | 'currency' | 'number') =>
  ({ lang, status: 'ok', format }) as const;
const changeObs = {
  kind: 'change',
  value: 0.25,
  baseline: 0.61,
  baselineVolume: 40,
  current: range,
  previous: range,
} as const;
const paceObs = { kind: 'pace', actual: 3_200, target: 21_400, elapsedShare: 0.5, current: range } as const;
const anomalyObs: Observation = {
  kind: 'anomaly',
  days: [{ date: '2026-11-10', value: 48, history: WEEKDAY_HISTORY }],
};

describe('buildAlertView headlines', () => {
  it.each<[Lang, AlertCondition, keyof typeof METRICS, Judgement, string]>([
    [
      'en',
      change,
      'conversion',
      judge(change, changeObs, opts('en', 'percent')),
      'Meeting → proposal fell 59% vs the previous 14 days (25% vs 61%)',
    ],
    [
      'fr',
      change,
      'conversion',
      judge(change, changeObs, opts('fr', 'percent')),
      'RDV → proposition : −59 % par rapport aux 14 jours précédents (25 % contre 61 %)',
    ],
    [
      'en',
      { ...change, direction: 'rise', versus: 'last_year', windowDays: 7 },
      'leads',
      judge(
        { ...change, direction: 'rise', versus: 'last_year', windowDays: 7 },
        { ...changeObs, value: 150, baseline: 100 },
        opts('en', 'number'),
      ),
      'Leads rose 50% vs the same 7 days last year (150 vs 100)',
    ],
    [
      'en',
      pace,
      'revenue',
      judge(pace, paceObs, opts('en', 'currency')),
      'Revenue signed is at 30% of the pace of its objective (€3,200 of €10,700 expected by now)',
    ],
    [
      'fr',
      pace,
      'revenue',
      judge(pace, paceObs, opts('fr', 'currency')),
      "CA signé : 30 % du rythme de l'objectif (3 200 € sur 10 700 € attendus à ce jour)",
    ],
    [
      'en',
      anomaly,
      'leads',
      judge(anomaly, anomalyObs, opts('en', 'number')),
      'Leads: 48 on Tue 10 Nov, 4.0× the usual for a Tuesday (median 12)',
    ],
    [
      'fr',
      anomaly,
      'leads',
      judge(anomaly, anomalyObs, opts('fr', 'number')),
      "Leads : 48 le mar. 10 nov., 4,0× la normale d'un mardi (médiane 12)",
    ],
    [
      'en',
      threshold,
      'winRate',
      judge(threshold, { kind: 'threshold', value: 0.181, current: range }, opts('en', 'percent')),
      'Win rate is 18.1% over the last 30 days, below 20%',
    ],
    [
      'fr',
      threshold,
      'winRate',
      judge(threshold, { kind: 'threshold', value: 0.181, current: range }, opts('fr', 'percent')),
      'Taux de gain : 18,1 % sur les 30 derniers jours, sous 20 %',
    ],
  ])('%s %j', (lang, condition, metric, j, expected) => {
    expect(plain(buildAlertView(input(lang, condition, metric, j)).headline)).toBe(expected);
  });

  it('a skipped judgement still reads as one sentence', () => {
    const j = judge(pace, { ...paceObs, target: null }, opts('en', 'currency'));
    expect(buildAlertView(input('en', pace, 'revenue', j)).headline).toBe(
      'Revenue signed: No objective for this period: the pace cannot be judged.',
    );
  });
});

describe('buildAlertView fields', () => {
  const j = judge(change, changeObs, opts('en', 'percent'));

  it('a firing alert: short id, no lasted, ack and snooze as ISO strings', () => {
    const view = buildAlertView(
      input('en', change, 'conversion', j, {
        lifecycle: {
          ackedAt: new Date('2026-11-16T09:00:00Z'),
          ackedBy: 'U42',
          snoozedUntil: new Date('2026-11-17T09:00:00Z'),
        },
        current: range,
        compared: range,
        contributors: [{ key: 'rep:alice', label: 'Alice', value: 0.1, baseline: 0.6, share: 0.8 }],
        breakdownQuery: 'meeting to proposal by rep last 14 days',
        tz: 'Europe/Paris',
      }),
    );
    expect(view).toMatchObject({
      alertId: '0f3a9c2e',
      status: 'firing',
      acked: { by: 'U42', at: '2026-11-16T09:00:00.000Z' },
      snoozedUntil: '2026-11-17T09:00:00.000Z',
      firingSince: '2026-11-16T08:00:00.000Z',
      resolvedAt: null,
      lasted: null,
      kind: 'change',
      tz: 'Europe/Paris',
      breakdownQuery: 'meeting to proposal by rep last 14 days',
      current: range,
      compared: range,
    });
    expect(view.contributors).toHaveLength(1);
    expect(view.judgement).toBe(j);
  });

  it('a resolved alert says how long it lasted, in its language', () => {
    const resolvedAt = new Date('2026-11-16T11:20:00Z');
    expect(buildAlertView(input('en', change, 'conversion', j, { resolvedAt }))).toMatchObject({
      status: 'resolved',
      resolvedAt: '2026-11-16T11:20:00.000Z',
      lasted: '3\u00a0h 20\u00a0min',
      acked: null,
      snoozedUntil: null,
      contributors: [],
      current: null,
      breakdownQuery: null,
    });
  });
});

describe('formatLasted', () => {
  it.each<[number, Lang, string]>([
    [0, 'en', '< 1 min'],
    [59_000, 'fr', '< 1 min'],
    [60_000, 'en', '1 min'],
    [45 * 60_000, 'fr', '45 min'],
    [3 * 3_600_000, 'en', '3 h'],
    [(3 * 60 + 20) * 60_000, 'en', '3 h 20 min'],
    [(2 * 24 + 4) * 3_600_000 + 5 * 60_000, 'en', '2 d 4 h'],
    [(2 * 24 + 4) * 3_600_000, 'fr', '2 j 4 h'],
    [7 * 24 * 3_600_000, 'fr', '7 j'],
    [-5, 'en', '< 1 min'],
  ])('%d ms (%s) → %s', (ms, lang, expected) => {
    expect(plain(formatLasted(ms, lang))).toBe(expected);
  });
});
