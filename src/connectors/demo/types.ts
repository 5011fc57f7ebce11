/**
 * The demo company as plain canonical records (DESIGN §4). Records are keyed by their external id and refer to
 * each other by external id (`…Ref`); the loader turns those into database ids.
 */
export type DemoRole = 'admin' | 'manager' | 'rep';
export type DemoChannel = 'web_form' | 'emailing' | 'phone' | 'referral' | 'events';
export type DemoStage = 'qualification' | 'meeting' | 'proposal' | 'negotiation' | 'won' | 'lost';
export type DemoObjectiveMetric = 'revenue_signed' | 'deals_won' | 'meetings' | 'qualified_leads';

export interface DemoTeam {
  externalId: string;
  name: string;
  managerRepRef: string;
}

export interface DemoRep {
  /** Key of the rep inside the demo (reps have no external id column; crmOwnerIds carries 'demo:<n>'). */
  externalId: string;
  name: string;
  email: string;
  teamRef: string | null;
  role: DemoRole;
  crmOwnerIds: string[];
}

export interface DemoLead {
  externalId: string;
  name: string;
  email: string;
  company: string;
  createdAt: Date;
  channel: DemoChannel;
  campaignRef: string | null;
  ownerRepRef: string;
  qualifiedAt: Date | null;
  convertedAt: Date | null;
  lostAt: Date | null;
}

export interface DemoDeal {
  externalId: string;
  name: string;
  accountRef: string;
  ownerRepRef: string;
  teamRef: string;
  stage: DemoStage;
  status: 'open' | 'won' | 'lost';
  amount: number;
  currency: 'EUR';
  createdAt: Date;
  proposalSentAt: Date | null;
  proposalReadAt: Date | null;
  proposalFollowedUpAt: Date | null;
  closedAt: Date | null;
  leadRef: string;
  channel: DemoChannel;
  campaignRef: string | null;
}

export interface DemoStageChange {
  dealRef: string;
  fromStage: DemoStage | null;
  toStage: DemoStage;
  at: Date;
}

export interface DemoActivity {
  externalId: string;
  type: 'meeting' | 'call' | 'email' | 'proposal_followup';
  occurredAt: Date;
  repRef: string;
  leadRef: string | null;
  dealRef: string | null;
}

export interface DemoAccount {
  externalId: string;
  name: string;
  ownerRepRef: string;
  firstWonAt: Date | null;
  churnedAt: Date | null;
}

export interface DemoSurvey {
  externalId: string;
  kind: 'nps' | 'csat';
  /** NPS 0–10, CSAT 1–5. */
  score: number;
  at: Date;
  repRef: string;
  accountRef: string;
}

export interface DemoCampaign {
  externalId: string;
  channel: 'emailing' | 'paid_search' | 'events';
  name: string;
  cost: number;
  startedAt: Date;
}

export interface DemoCampaignDay {
  campaignRef: string;
  /** Tenant-local 'YYYY-MM-DD'. */
  day: string;
  sent: number;
  delivered: number;
  opens: number;
  uniqueClicks: number;
  unsubscribes: number;
  spamReports: number;
  bounces: number;
  leads: number;
  cost: number;
}

export interface DemoWebTrafficDay {
  day: string;
  source: string;
  sessions: number;
  users: number;
  pageviews: number;
  bounces: number;
  engagedSeconds: number;
  leads: number;
}

export interface DemoObjective {
  metric: DemoObjectiveMetric;
  scopeType: 'tenant' | 'team' | 'rep';
  /** Team or rep external id; null for the whole tenant. */
  scopeRef: string | null;
  grain: 'month';
  /** First day of the month, 'YYYY-MM-01'. */
  periodStart: string;
  target: number;
}
