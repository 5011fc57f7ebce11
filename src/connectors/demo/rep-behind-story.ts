import type { DemoCalendar } from './calendar.ts';
import type { DealPlan, Pipeline } from './pipeline.ts';
import { DEMO_STORIES, type DemoStoryFacts } from './stories.ts';
import type { DemoObjective } from './types.ts';

/**
 * Story 2, second half: once objectives are known, one of the story rep's deals in negotiation is won this month
 * with the amount that puts the month to date at `paceShare` of the objective's pace. A win the story held back
 * comes first; otherwise the longest-negotiated deal closes a few working days after its negotiation started (or
 * on the first of the month), never after now. Records the target and the planted revenue in the facts (the
 * target also when the stories are off, for comparison).
 */
export function plantRepBehindWin(
  calendar: DemoCalendar,
  pipeline: Pipeline,
  facts: DemoStoryFacts,
  objectives: readonly DemoObjective[],
) {
  const story = DEMO_STORIES.repBehind;
  const objective = objectives.find(
    (o) =>
      o.metric === story.metric &&
      o.scopeType === 'rep' &&
      o.scopeRef === facts.repBehind.repRef &&
      o.periodStart === `${facts.repBehind.month}-01`,
  );
  facts.repBehind.target = objective?.target ?? 0;
  if (!facts.enabled) return;
  const amount =
    Math.round((story.paceShare * facts.repBehind.target * facts.repBehind.elapsedShare) / 100) * 100;
  if (amount < story.minimumPlantedRevenue) return;
  const inNegotiation = pipeline.deals
    .filter(
      (d) =>
        d.ownerRef === facts.repBehind.repRef && d.outcome === null && lastStage(d).stage === 'negotiation',
    )
    .sort(
      (a, b) =>
        (a.stalledWinAt ?? Infinity) - (b.stalledWinAt ?? Infinity) || lastStage(a).at - lastStage(b).at,
    );
  for (const deal of inNegotiation) {
    const closeAt = deal.stalledWinAt ?? closingThisMonth(calendar, deal);
    if (closeAt === null) continue;
    deal.outcome = { status: 'won', at: closeAt };
    deal.stalledWinAt = null;
    deal.amount = amount;
    facts.repBehind.plantedRevenue = amount;
    return;
  }
}

function lastStage(deal: DealPlan) {
  return deal.stages[deal.stages.length - 1]!;
}

function closingThisMonth(calendar: DemoCalendar, deal: DealPlan): number | null {
  const negotiationDay = calendar.dayIndexOf(lastStage(deal).at);
  const first = calendar.month.firstIndex;
  const firstWorkingDay = calendar.isWeekend(first) ? calendar.addBusinessDays(first, 1) : first;
  const day = Math.max(calendar.addBusinessDays(negotiationDay, 3), firstWorkingDay);
  const at = calendar.at(day, 11);
  return at !== null && at >= calendar.month.start && at > lastStage(deal).at ? at : null;
}
