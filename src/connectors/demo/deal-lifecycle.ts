import type { DemoCalendar } from './calendar.ts';
import type { Random } from './random.ts';
import { DEMO_STORIES } from './stories.ts';
import type { DemoStage } from './types.ts';

/** Stage-to-stage odds of an ordinary deal (the funnel the stories bend). */
export const DEAL_ODDS = {
  meeting: 0.85,
  proposal: DEMO_STORIES.funnelDrop.baselineRate,
  proposalRead: 0.82,
  proposalFollowedUp: 0.8,
  negotiation: 0.72,
  win: 0.6,
  secondMeeting: 0.5,
};

export interface ActivityPlan {
  type: 'meeting' | 'call' | 'email' | 'proposal_followup';
  at: number;
}

export interface DealPath {
  stages: { stage: DemoStage; at: number }[];
  proposalSentAt: number | null;
  proposalReadAt: number | null;
  proposalFollowedUpAt: number | null;
  outcome: { status: 'won' | 'lost'; at: number } | null;
  /** Story 2: the win this deal would have had this month, held back (the deal stays in negotiation). */
  stalledWinAt: number | null;
  activities: ActivityPlan[];
}

export interface DealStart {
  random: Random;
  calendar: DemoCalendar;
  dayIndex: number;
  createdAt: number;
  teamRef: string;
  winFactor: number;
  /** Whether the deal gets a proposal after its meeting: the team's quota, so the rate is steady. */
  proposes: () => boolean;
  /** Story 1: may the proposal due at this instant go out? */
  proposalGate: (teamRef: string, at: number) => boolean;
  /** Story 2: is a win at this instant held back? */
  stallsWin: (at: number) => boolean;
}

/**
 * Walks one deal through qualification → meeting → proposal → negotiation → won/lost. Every step lands on a later
 * working day than the one before, so stage histories are ordered; a step due after `now` has not happened yet
 * and the deal stays open at its current stage.
 */
export function simulateDeal(start: DealStart): DealPath {
  const { random, calendar } = start;
  const path: DealPath = {
    stages: [{ stage: 'qualification', at: start.createdAt }],
    proposalSentAt: null,
    proposalReadAt: null,
    proposalFollowedUpAt: null,
    outcome: null,
    stalledWinAt: null,
    activities: [],
  };
  const step = (fromDay: number, min: number, max: number) => {
    const day = calendar.addBusinessDays(fromDay, random.int(min, max));
    return { day, at: calendar.at(day, random.between(9, 17.5)) };
  };
  const loseAfter = (fromDay: number) => {
    const lost = step(fromDay, 5, 25);
    if (lost.at !== null) path.outcome = { status: 'lost', at: lost.at };
  };
  const finish = () => {
    addSalesTouches(start, path);
    return path;
  };

  if (!random.chance(DEAL_ODDS.meeting)) {
    loseAfter(start.dayIndex);
    return finish();
  }
  const meeting = step(start.dayIndex, 2, 8);
  if (meeting.at === null) return finish();
  path.stages.push({ stage: 'meeting', at: meeting.at });
  path.activities.push({ type: 'meeting', at: meeting.at });

  const proposes = start.proposes();
  const proposal = step(meeting.day, 2, 5);
  if (!proposes) {
    loseAfter(meeting.day);
    return finish();
  }
  if (proposal.at === null) return finish();
  if (!start.proposalGate(start.teamRef, proposal.at)) {
    loseAfter(proposal.day);
    return finish();
  }
  path.stages.push({ stage: 'proposal', at: proposal.at });
  path.proposalSentAt = proposal.at;
  const readAt = proposal.at + random.between(0.5, 60) * 3_600_000;
  if (random.chance(DEAL_ODDS.proposalRead) && readAt <= calendar.now) path.proposalReadAt = readAt;
  const followsUp = random.chance(DEAL_ODDS.proposalFollowedUp);
  const followUp = step(proposal.day, 1, 4);
  if (followsUp && followUp.at !== null) {
    path.proposalFollowedUpAt = followUp.at;
    path.activities.push({ type: 'proposal_followup', at: followUp.at });
  }

  if (!random.chance(DEAL_ODDS.negotiation)) {
    loseAfter(proposal.day);
    return finish();
  }
  const negotiation = step(followsUp ? followUp.day : proposal.day, 2, 8);
  if (negotiation.at === null) return finish();
  path.stages.push({ stage: 'negotiation', at: negotiation.at });
  if (random.chance(DEAL_ODDS.secondMeeting)) path.activities.push({ type: 'meeting', at: negotiation.at });

  const wins = random.chance(Math.min(0.85, DEAL_ODDS.win * start.winFactor));
  const close = step(negotiation.day, 3, 15);
  if (close.at === null) return finish();
  if (!wins) path.outcome = { status: 'lost', at: close.at };
  else if (start.stallsWin(close.at)) path.stalledWinAt = close.at;
  else path.outcome = { status: 'won', at: close.at };
  return finish();
}

/** One to three calls or emails while the deal is open. */
function addSalesTouches(start: DealStart, path: DealPath) {
  const { random, calendar } = start;
  const end = path.outcome?.at ?? calendar.now;
  const lastDay = Math.min(calendar.todayIndex, calendar.dayIndexOf(end));
  const touches = random.int(1, 3);
  for (let k = 0; k < touches; k++) {
    const type = random.chance(0.5) ? 'call' : 'email';
    const at = calendar.at(
      random.int(start.dayIndex, Math.max(start.dayIndex, lastDay)),
      random.between(9, 18),
    );
    if (at !== null && at > start.createdAt && at < end) path.activities.push({ type, at });
  }
}

/** Terminal stage of a path, as the CRM shows it. */
export function currentStage(path: DealPath): DemoStage {
  return path.outcome?.status ?? path.stages[path.stages.length - 1]!.stage;
}
