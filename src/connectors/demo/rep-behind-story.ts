import type { Pipeline } from './pipeline.ts';
import { DEMO_STORIES, type DemoStoryFacts } from './stories.ts';
import type { DemoObjective } from './types.ts';

/**
 * Story 2, second half: once objectives are known, one of the story rep's stalled wins of this month is closed
 * with the amount that puts the month to date at `paceShare` of the objective's pace. Records the target and the
 * planted revenue in the facts (the target also when the stories are off, for comparison).
 */
export function plantRepBehindWin(
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
  const stalled = pipeline.deals
    .filter((d) => d.stalledWinAt !== null)
    .sort((a, b) => a.stalledWinAt! - b.stalledWinAt!)[0];
  if (!stalled) return;
  stalled.outcome = { status: 'won', at: stalled.stalledWinAt! };
  stalled.stalledWinAt = null;
  stalled.amount = amount;
  facts.repBehind.plantedRevenue = amount;
}
