import { buildDemoCalendar } from './calendar.ts';
import { planCampaigns } from './campaign-plan.ts';
import { campaignStats } from './campaign-stats.ts';
import { materializeCustomers } from './customers.ts';
import { planLeadSeeds } from './lead-seeds.ts';
import { materializePipeline } from './materialize.ts';
import { type Actual, planObjectives } from './objectives.ts';
import { demoReps, demoTeams } from './people.ts';
import { type Pipeline, simulatePipeline } from './pipeline.ts';
import { plantRepBehindWin } from './rep-behind-story.ts';
import { type DemoStoryFacts, placeStories } from './stories.ts';
import type {
  DemoAccount,
  DemoActivity,
  DemoCampaign,
  DemoCampaignDay,
  DemoDeal,
  DemoLead,
  DemoObjective,
  DemoRep,
  DemoStageChange,
  DemoSurvey,
  DemoTeam,
  DemoWebTrafficDay,
} from './types.ts';
import { webTrafficDays } from './web-traffic.ts';

export const DEFAULT_DEMO_SEED = 20_261_116;
export const DEFAULT_DEMO_MONTHS = 18;

export interface DemoOptions {
  /** The demo's "now": nothing happens after it, and the stories are placed relative to it. */
  today: Date;
  /** Tenant zone: days, weekends, months and objectives are local to it. */
  tz: string;
  seed?: number;
  /** Months of history before today (default 18). */
  months?: number;
  /** Plant the stories of stories.ts (default true); false gives the same company without them. */
  stories?: boolean;
}

export interface DemoCompany {
  teams: DemoTeam[];
  reps: DemoRep[];
  leads: DemoLead[];
  deals: DemoDeal[];
  stageChanges: DemoStageChange[];
  activities: DemoActivity[];
  accounts: DemoAccount[];
  surveys: DemoSurvey[];
  campaigns: DemoCampaign[];
  campaignDaily: DemoCampaignDay[];
  webTraffic: DemoWebTrafficDay[];
  objectives: DemoObjective[];
  /** Where and how strongly the stories were planted for this `today`. */
  stories: DemoStoryFacts;
}

/** The demo company for one `today` and zone: pure, and identical for the same options. */
export function generateDemoCompany(opts: DemoOptions): DemoCompany {
  const seed = opts.seed ?? DEFAULT_DEMO_SEED;
  const calendar = buildDemoCalendar(opts.today, opts.tz, opts.months ?? DEFAULT_DEMO_MONTHS);
  const stories = placeStories(calendar, opts.stories ?? true);
  const campaignPlans = planCampaigns(seed, calendar);
  const seeds = planLeadSeeds(seed, calendar, campaignPlans, stories);
  const pipeline = simulatePipeline(seed, calendar, seeds, stories);
  const objectives = planObjectives(calendar, actualsOf(pipeline));
  plantRepBehindWin(calendar, pipeline, stories, objectives);
  const records = materializePipeline(pipeline);
  const customers = materializeCustomers(seed, calendar, pipeline);
  const marketing = campaignStats(seed, calendar, campaignPlans, seeds);
  return {
    teams: demoTeams(),
    reps: demoReps(),
    ...records,
    ...customers,
    ...marketing,
    webTraffic: webTrafficDays(seed, calendar, campaignPlans, seeds),
    objectives,
    stories,
  };
}

/** What each rep achieved, for the objective plan. */
function actualsOf(pipeline: Pipeline): Actual[] {
  const actuals: Actual[] = [];
  for (const lead of pipeline.leads) {
    if (lead.qualifiedAt !== null) {
      actuals.push({ metric: 'qualified_leads', repRef: lead.ownerRef, at: lead.qualifiedAt, value: 1 });
    }
  }
  for (const deal of pipeline.deals) {
    if (deal.outcome?.status === 'won') {
      actuals.push({
        metric: 'revenue_signed',
        repRef: deal.ownerRef,
        at: deal.outcome.at,
        value: deal.amount,
      });
      actuals.push({ metric: 'deals_won', repRef: deal.ownerRef, at: deal.outcome.at, value: 1 });
    }
    for (const a of deal.activities) {
      if (a.type === 'meeting')
        actuals.push({ metric: 'meetings', repRef: deal.ownerRef, at: a.at, value: 1 });
    }
  }
  return actuals;
}
