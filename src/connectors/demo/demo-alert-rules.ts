import type { AlertRoute, AlertRuleSpecInput } from '../../core/alerts/index.ts';
import { DEMO_STORIES } from './stories.ts';

/**
 * The alert rules `kpibot demo` installs: one per planted story (stories.ts), tuned so that each story fires on
 * any day the demo starts and the ordinary noise of the company does not.
 *
 * 1. Funnel drop: meeting → proposal conversion over the last 14 complete days against the 8 weeks before (as the
 *    story is planted), one alert per team. Lyon's rate falls by 35 to 75 %; the other teams' rarely by 30 % (a
 *    holiday fortnight can). Against only the 14 days before, Lyon's drop fell short on days when its previous
 *    fortnight was itself poor: checked on 12 demo dates from Nov 2026 to Oct 2027, Lyon fires on every one.
 * 2. Rep behind objective: revenue signed against the pace of each Paris rep's monthly objective (working days);
 *    the story rep is at about 30 % of pace, and the rule stays quiet in the first 20 % of the month. A rep's
 *    revenue comes in a few large deals, so mid-month some reps are at 0 % of pace by chance: watching the story
 *    rep's team keeps that to one or two alerts instead of half the company.
 * 3. Anomalous day: web-form leads of each of the last 14 days against the same weekday over the 8 weeks before;
 *    the bot burst (4× the median) fires, ordinary days do not.
 */
export function demoAlertRules(routing: readonly AlertRoute[]): AlertRuleSpecInput[] {
  const routes = [...routing];
  return [
    {
      name: 'Demo: meeting → proposal drop by team',
      metric: 'meeting_to_proposal_rate',
      fanOut: 'team',
      condition: {
        kind: 'change',
        direction: 'drop',
        pct: 0.3,
        versus: 'previous',
        windowDays: DEMO_STORIES.funnelDrop.windowDays,
        // Against the 8 weeks before, as the story is planted: a 14-day baseline is too noisy for a team of five.
        baselineDays: DEMO_STORIES.funnelDrop.baselineWeeks * 7,
        minVolume: 10,
      },
      routing: routes,
    },
    {
      name: 'Demo: Paris revenue behind objective by rep',
      metric: DEMO_STORIES.repBehind.metric,
      scope: { team: DEMO_STORIES.repBehind.team },
      fanOut: 'rep',
      condition: { kind: 'pace', below: 0.5, grain: 'month', minElapsed: 0.2, workingDays: true },
      routing: routes,
    },
    {
      name: 'Demo: web-form leads anomaly',
      metric: 'leads',
      scope: { channel: DEMO_STORIES.leadSpike.channel },
      condition: {
        kind: 'anomaly',
        direction: 'up',
        weeks: DEMO_STORIES.leadSpike.baselineWeeks,
        lookbackDays: 14,
      },
      routing: routes,
    },
  ];
}
