import type { DemoCalendar } from './calendar.ts';
import type { Pipeline } from './pipeline.ts';
import { randomFor } from './random.ts';
import type { DemoAccount, DemoSurvey } from './types.ts';

const CHURN_ODDS = 0.1;
const NPS_RESPONSE_ODDS = 0.45;
const NPS_EVERY_DAYS = 180;
const CSAT_RESPONSE_ODDS = 0.55;
/** NPS ≈ +20: 45 % promoters, 25 % detractors. */
const NPS_SCORES: readonly (readonly [number, number])[] = [
  [10, 0.22],
  [9, 0.23],
  [8, 0.17],
  [7, 0.13],
  [6, 0.08],
  [5, 0.06],
  [4, 0.04],
  [3, 0.03],
  [2, 0.02],
  [1, 0.01],
  [0, 0.01],
];
/** CSAT ≈ 80 % satisfied (4–5 of 5). */
const CSAT_SCORES: readonly (readonly [number, number])[] = [
  [5, 0.45],
  [4, 0.35],
  [3, 0.12],
  [2, 0.05],
  [1, 0.03],
];

/**
 * Accounts become customers with their first won deal; a few churn months later, never before their last deal.
 * Customers answer an NPS survey two months after signing and twice a year after, and a CSAT after each won deal.
 */
export function materializeCustomers(
  seed: number,
  calendar: DemoCalendar,
  pipeline: Pipeline,
): { accounts: DemoAccount[]; surveys: DemoSurvey[] } {
  const accounts: DemoAccount[] = [];
  const surveys: Omit<DemoSurvey, 'externalId'>[] = [];
  for (const account of pipeline.accounts) {
    const random = randomFor(seed, 'account', account.externalId);
    const wins = account.deals.flatMap((d) => (d.outcome?.status === 'won' ? [d.outcome.at] : []));
    const firstWonAt = wins.length > 0 ? Math.min(...wins) : null;
    let churnDay: number | null = null;
    let churnedAt: number | null = null;
    if (firstWonAt !== null && random.chance(CHURN_ODDS)) {
      const lastDealDay = Math.max(
        ...account.deals.map((d) => calendar.dayIndexOf(d.outcome?.at ?? calendar.now)),
      );
      churnDay = Math.max(calendar.dayIndexOf(firstWonAt) + random.int(120, 400), lastDealDay + 30);
      churnedAt = calendar.at(churnDay, random.between(9, 18));
    }
    accounts.push({
      externalId: account.externalId,
      name: account.name,
      ownerRepRef: account.ownerRef,
      firstWonAt: firstWonAt === null ? null : new Date(firstWonAt),
      churnedAt: churnedAt === null ? null : new Date(churnedAt),
    });
    if (firstWonAt === null) continue;
    const survey = (kind: 'nps' | 'csat', day: number, scores: typeof NPS_SCORES) => {
      const at = calendar.at(day, random.between(9, 19));
      if (at === null || (churnedAt !== null && at >= churnedAt)) return;
      surveys.push({
        kind,
        score: random.weighted(scores),
        at: new Date(at),
        repRef: account.ownerRef,
        accountRef: account.externalId,
      });
    };
    const stopDay = Math.min(calendar.todayIndex, churnDay ?? Number.POSITIVE_INFINITY);
    for (let day = calendar.dayIndexOf(firstWonAt) + 60; day <= stopDay; day += NPS_EVERY_DAYS) {
      if (random.chance(NPS_RESPONSE_ODDS)) survey('nps', day, NPS_SCORES);
    }
    for (const won of wins) {
      if (random.chance(CSAT_RESPONSE_ODDS))
        survey('csat', calendar.dayIndexOf(won) + random.int(10, 20), CSAT_SCORES);
    }
  }
  surveys.sort((a, b) => a.at.getTime() - b.at.getTime());
  return {
    accounts,
    surveys: surveys.map((s, i) => ({ externalId: `demo-survey-${String(i + 1).padStart(5, '0')}`, ...s })),
  };
}
