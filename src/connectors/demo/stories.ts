/**
 * # The demo's planted stories
 *
 * The demo company is random but not aimless: three situations are planted relative to `today`, so alerts, the
 * digest and `/kpi` answers always have something true to find, whatever day the demo is started.
 *
 * 1. **Funnel drop (Lyon, meeting → proposal).** Normally about 62 % of the deals that reach the meeting stage
 *    get a proposal a few days later. Over the last 14 days (the 14 full days before today, and today), team
 *    Lyon sends only about 25 % as many proposals as it holds first meetings: proposals that would have gone
 *    out in that window are held back by a deterministic thinning (0.25 / 0.62 of them are kept), and the
 *    deals they belong to stay open at the meeting stage. The other teams keep their usual rate.
 *    Measure: Lyon's deals entering 'proposal' ÷ deals entering 'meeting' in the window (≈ 0.25) against the
 *    same ratio over the 8 weeks before (≈ 0.6).
 *
 * 2. **Rep behind objective (Paris, Julien Moreau, revenue).** This month, none of Julien's deals close as won
 *    on their own (they stall in negotiation); then one of his deals in negotiation is won with the amount that
 *    puts his month-to-date revenue at ~30 % of the pace of his monthly revenue_signed objective (objective ×
 *    elapsed share of the month). His earlier months are ordinary, so this month stands out. Early in a month
 *    (when 30 % of the pace is under 1,000 €, or no deal of his can close yet) his month-to-date revenue is 0:
 *    still far behind, and pace alerts are quiet that early anyway.
 *
 * 3. **Anomalous day (web-form spam burst).** On the working day closest to 10 days before today, a bot fills the
 *    web form at night: web_form leads that day reach 4× the median of the same weekday over the 8 weeks before.
 *    The spam leads are disqualified the next morning and show up in web traffic as '(direct) / (none)'
 *    sessions that bounce.
 *
 * Turning the stories off (`stories: false`) gives the same company without them; nothing else moves, because
 * every lead, deal and day draws from its own random stream.
 */
import type { DemoCalendar } from './calendar.ts';
import { repRef, teamRef } from './people.ts';
import { createQuota } from './quota.ts';

export const DEMO_STORIES = {
  funnelDrop: {
    id: 'lyon_meeting_to_proposal_drop',
    team: 'Lyon',
    teamRef: teamRef('lyon'),
    fromStage: 'meeting',
    toStage: 'proposal',
    windowDays: 14,
    baselineWeeks: 8,
    baselineRate: 0.62,
    storyRate: 0.25,
    expected: 'Lyon meeting → proposal conversion falls from ~60 % to ~25 % over the last 14 days',
  },
  repBehind: {
    id: 'paris_rep_behind_revenue_objective',
    team: 'Paris',
    repRef: repRef(3),
    repName: 'Julien Moreau',
    repEmail: 'julien.moreau@demo.kpibot.dev',
    metric: 'revenue_signed',
    paceShare: 0.3,
    minimumPlantedRevenue: 1000,
    expected: 'Julien Moreau is at ~30 % of the pace of his monthly revenue objective',
  },
  leadSpike: {
    id: 'web_form_spam_burst',
    channel: 'web_form',
    daysAgo: 10,
    factor: 4,
    baselineWeeks: 8,
    expected: 'web_form leads ~4× the usual for that weekday on one day ~10 days ago (bot burst)',
  },
} as const;

/** The stories placed on actual dates for one `today`; numbers known only after generation are filled in. */
export interface DemoStoryFacts {
  enabled: boolean;
  funnelDrop: {
    teamRef: string;
    windowStart: Date;
    windowEnd: Date;
    baselineStart: Date;
  };
  repBehind: {
    repRef: string;
    month: string;
    monthStart: Date;
    elapsedShare: number;
    target: number;
    plantedRevenue: number;
  };
  leadSpike: {
    day: string;
    dayIndex: number;
    spamLeads: number;
  };
}

export function placeStories(calendar: DemoCalendar, enabled: boolean): DemoStoryFacts {
  const windowStartIndex = Math.max(0, calendar.todayIndex - DEMO_STORIES.funnelDrop.windowDays);
  const windowStart = calendar.days[windowStartIndex]!.start;
  const baselineStartIndex = Math.max(0, windowStartIndex - DEMO_STORIES.funnelDrop.baselineWeeks * 7);
  const spikeIndex = spikeDayIndex(calendar);
  return {
    enabled,
    funnelDrop: {
      teamRef: DEMO_STORIES.funnelDrop.teamRef,
      windowStart: new Date(windowStart),
      windowEnd: new Date(calendar.now),
      baselineStart: new Date(calendar.days[baselineStartIndex]!.start),
    },
    repBehind: {
      repRef: DEMO_STORIES.repBehind.repRef,
      month: calendar.month.key,
      monthStart: new Date(calendar.month.start),
      elapsedShare: calendar.month.elapsedShare,
      target: 0,
      plantedRevenue: 0,
    },
    leadSpike: { day: calendar.days[spikeIndex]!.date, dayIndex: spikeIndex, spamLeads: 0 },
  };
}

/** The working day nearest to `daysAgo` days before today: a weekend burst against a weekend median is no story. */
function spikeDayIndex(calendar: DemoCalendar): number {
  const target = calendar.todayIndex - DEMO_STORIES.leadSpike.daysAgo;
  for (const offset of [0, 1, -1, 2, -2]) {
    const index = target + offset;
    if (index >= 0 && !calendar.isWeekend(index)) return index;
  }
  return Math.max(0, target);
}

/**
 * Story 1's gate: decides whether a Lyon proposal due inside the window goes out. Keeps every k-th proposal in
 * a fixed proportion (no random draw), so the drop does not depend on luck and costs no draw from any stream.
 */
export function createProposalGate(facts: DemoStoryFacts): (teamRef: string, proposalAt: number) => boolean {
  const keep = createQuota(DEMO_STORIES.funnelDrop.storyRate / DEMO_STORIES.funnelDrop.baselineRate);
  const windowStart = facts.funnelDrop.windowStart.getTime();
  return (team, proposalAt) =>
    !facts.enabled || team !== facts.funnelDrop.teamRef || proposalAt < windowStart || keep();
}

/** Story 2: a win of the story rep this month is held back (the deal stalls in negotiation). */
export function isStalledWin(facts: DemoStoryFacts, ownerRef: string, closeAt: number): boolean {
  return (
    facts.enabled && ownerRef === facts.repBehind.repRef && closeAt >= facts.repBehind.monthStart.getTime()
  );
}
