import type { AlertView } from '../../../src/core/alerts/types.ts';

/**
 * A firing change alert as evaluation builds it: meeting → proposal conversion of team Lyon fell 58 % vs the
 * previous 14 days (25 % vs 60 %), explained mostly by Julien Moreau, with the breakdown question behind it.
 */
export function makeAlertView(over: Partial<AlertView> = {}): AlertView {
  return {
    alertId: '1a2b3c4d',
    stateId: '1a2b3c4d-0000-4000-8000-000000000001',
    ruleId: 'rule-1',
    ruleName: 'Meeting → proposal drop',
    lang: 'en',
    status: 'firing',
    acked: null,
    snoozedUntil: null,
    metric: {
      name: 'conversion_meeting_proposal',
      label: 'Meeting → proposal',
      format: 'percent',
      direction: 'up_is_good',
    },
    scopeLabel: 'Team Lyon',
    headline: 'Meeting → proposal fell 58% vs the previous 14 days (25% vs 60%)',
    judgement: {
      breaching: true,
      recovered: false,
      skipped: null,
      value: -0.5833,
      bound: -0.2,
      recoveryBound: -0.1,
      baseline: 0.6,
      day: null,
      reason: 'Changed −58.3% vs the previous 14 days (25% vs 60%), beyond the −20% trigger.',
    },
    current: {
      start: '2026-11-04T00:00:00.000+01:00',
      end: '2026-11-18T00:00:00.000+01:00',
      label: 'last 14 days',
    },
    compared: {
      start: '2026-10-21T00:00:00.000+02:00',
      end: '2026-11-04T00:00:00.000+01:00',
      label: 'previous 14 days',
    },
    contributors: [
      { key: 'rep:julien', label: 'Julien Moreau', value: 0.1, baseline: 0.65, share: 0.71 },
      { key: 'rep:lea', label: 'Léa Bernard', value: 0.3, baseline: 0.55, share: 0.2 },
      { key: 'rep:zoe', label: 'Zoé Roux', value: 0.5, baseline: 0.6, share: 0.09 },
    ],
    firingSince: '2026-11-18T07:00:00.000Z',
    resolvedAt: null,
    lasted: null,
    breakdownQuery: 'conversion meeting→proposal by rep team Lyon last 14 days',
    kind: 'change',
    tz: 'Europe/Paris',
    ...over,
  };
}

/** The same alert, resolved 3 h 20 min later, back at 58 %. */
export function resolvedAlertView(over: Partial<AlertView> = {}): AlertView {
  const firing = makeAlertView();
  return makeAlertView({
    status: 'resolved',
    resolvedAt: '2026-11-18T10:20:00.000Z',
    lasted: '3\u00a0h 20\u00a0min',
    headline: 'Meeting → proposal is back: −3% vs the previous 14 days (58% vs 60%)',
    judgement: {
      ...firing.judgement,
      breaching: false,
      recovered: true,
      value: -0.0333,
      reason: 'Changed −3.3% vs the previous 14 days (58% vs 60%), within the −10% recovery bound.',
    },
    ...over,
  });
}
