import type { AlertRoute, AlertRuleSpecInput } from '../../../src/core/alerts/index.ts';

/**
 * A rule that fires on the sales fixture at its "now": team Paris won 3 deals and lost 3 over the last 7 complete
 * days, a 50 % win rate, under 60 %.
 */
export function parisWinRateRule(route: AlertRoute): AlertRuleSpecInput {
  return {
    name: 'Paris win rate under 60%',
    metric: 'win_rate',
    scope: { team: 'Paris' },
    fanOut: null,
    condition: { kind: 'threshold', op: 'below', value: 0.6 },
    lifecycle: {},
    routing: [route],
  };
}
