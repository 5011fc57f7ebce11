/**
 * Additive base measures stored in the MetricDaily / MetricMonthly rollups (DESIGN §4, §5). Metrics are built
 * from these: counts and sums directly, ratios and averages from their parts at query time (never averaged).
 * The SQL that computes each measure from the raw tables lives in src/store/rollups; this list is the contract.
 *
 * Dimensions of a rollup row: repId, teamId, channel, campaignId, stage. Each measure is stored at several
 * grouping sets (see ROLLUP_GROUPINGS); a dimension that a grouping set rolls up holds ALL ('*'); a dimension that
 * is unknown on the record (a lead with no owner) holds NONE ('').
 */
export const ALL = '*';
export const NONE = '';

export type Dimension = 'repId' | 'teamId' | 'channel' | 'campaignId' | 'stage';
export const DIMENSIONS: readonly Dimension[] = ['repId', 'teamId', 'channel', 'campaignId', 'stage'];

/** The combinations of dimensions kept per day/month. A query is served by the first grouping that has all of
 * the dimensions it filters or breaks down by; anything else is computed from the raw tables. */
export const ROLLUP_GROUPINGS: readonly (readonly Dimension[])[] = [
  [],
  // Team totals on their own: a by-team answer reads a few rows a day instead of one per rep.
  ['teamId'],
  // Channel totals on their own: a by-channel read takes a few rows a day instead of one per team and channel.
  ['channel'],
  ['teamId', 'repId'],
  ['teamId', 'channel'],
  ['channel', 'campaignId'],
  ['teamId', 'stage'],
];

export type MeasureEntity =
  | 'lead'
  | 'deal'
  | 'stage_change'
  | 'activity'
  | 'account'
  | 'survey'
  | 'campaign_daily'
  | 'web_daily';

export interface MeasureInfo {
  readonly entity: MeasureEntity;
  /** The date the measure is counted on (tenant-local day). */
  readonly date: string;
  readonly description: string;
}

/**
 * Metric formulas (parse-formula.ts) name these measures, optionally filtered (`leads_created{channel=web_form}`)
 * or as running totals (`before_end(revenue_won)`); measure-dimensions.ts lists the dimensions each entity carries,
 * and must learn any new entity added here.
 */
export const MEASURES = {
  // Leads: rep = owner, team = owner's team, channel, campaign.
  leads_created: { entity: 'lead', date: 'createdAt', description: 'leads created' },
  leads_qualified: { entity: 'lead', date: 'qualifiedAt', description: 'leads qualified' },
  leads_converted: { entity: 'lead', date: 'convertedAt', description: 'leads converted to customers' },
  leads_lost: { entity: 'lead', date: 'lostAt', description: 'leads disqualified / lost' },
  leads_converted_30d: {
    entity: 'lead',
    date: 'createdAt',
    description: 'leads created that day converted within 30 days of creation (cohort)',
  },
  // Deals: rep = owner, team = deal's team, channel, campaign.
  deals_created: { entity: 'deal', date: 'createdAt', description: 'deals created' },
  deals_created_amount: { entity: 'deal', date: 'createdAt', description: 'amount of deals created' },
  proposals_sent: { entity: 'deal', date: 'proposalSentAt', description: 'proposals sent' },
  proposals_read: {
    entity: 'deal',
    date: 'proposalSentAt',
    description: 'proposals sent that day later read',
  },
  proposals_followed_up: {
    entity: 'deal',
    date: 'proposalSentAt',
    description: 'proposals sent that day later followed up',
  },
  proposal_followup_hours: {
    entity: 'deal',
    date: 'proposalSentAt',
    description: 'sum of hours from sending to first follow-up, for followed-up proposals',
  },
  deals_won: { entity: 'deal', date: 'closedAt', description: 'deals won' },
  deals_lost: { entity: 'deal', date: 'closedAt', description: 'deals lost' },
  revenue_won: { entity: 'deal', date: 'closedAt', description: 'amount of deals won' },
  amount_lost: { entity: 'deal', date: 'closedAt', description: 'amount of deals lost' },
  won_cycle_days: {
    entity: 'deal',
    date: 'closedAt',
    description: 'sum of days from creation to close, for deals won',
  },
  // Stage changes: stage = the stage entered; rep/team from the deal.
  stage_entered: { entity: 'stage_change', date: 'at', description: 'deals entering a pipeline stage' },
  // Activities: rep, team = rep's team.
  meetings: { entity: 'activity', date: 'occurredAt', description: 'meetings held' },
  first_meetings: {
    entity: 'activity',
    date: 'occurredAt',
    description: 'first meeting with a lead (one per lead, or per deal when it has no lead)',
  },
  calls: { entity: 'activity', date: 'occurredAt', description: 'calls' },
  emails: { entity: 'activity', date: 'occurredAt', description: 'sales emails' },
  // Accounts: rep = owner.
  new_customers: { entity: 'account', date: 'firstWonAt', description: 'accounts that became customers' },
  churned_customers: { entity: 'account', date: 'churnedAt', description: 'customers lost' },
  // Surveys: rep.
  nps_responses: { entity: 'survey', date: 'at', description: 'NPS answers' },
  nps_promoters: { entity: 'survey', date: 'at', description: 'NPS answers 9–10' },
  nps_detractors: { entity: 'survey', date: 'at', description: 'NPS answers 0–6' },
  csat_responses: { entity: 'survey', date: 'at', description: 'CSAT answers' },
  csat_satisfied: { entity: 'survey', date: 'at', description: 'CSAT answers 4–5 (of 5)' },
  // Campaign daily stats: campaign, channel = campaign's channel.
  email_sent: { entity: 'campaign_daily', date: 'day', description: 'emails sent' },
  email_delivered: { entity: 'campaign_daily', date: 'day', description: 'emails delivered' },
  email_opens: { entity: 'campaign_daily', date: 'day', description: 'emails opened (unique opens)' },
  email_unique_clicks: { entity: 'campaign_daily', date: 'day', description: 'unique clicks' },
  email_unsubscribes: { entity: 'campaign_daily', date: 'day', description: 'unsubscribes' },
  email_spam_reports: { entity: 'campaign_daily', date: 'day', description: 'spam reports' },
  email_bounces: { entity: 'campaign_daily', date: 'day', description: 'bounces' },
  campaign_leads: {
    entity: 'campaign_daily',
    date: 'day',
    description: 'leads attributed by the campaign tool',
  },
  marketing_cost: { entity: 'campaign_daily', date: 'day', description: 'campaign spend' },
  // Web traffic: channel = traffic source.
  web_sessions: { entity: 'web_daily', date: 'day', description: 'sessions' },
  web_users: { entity: 'web_daily', date: 'day', description: 'users (summed per day)' },
  web_pageviews: { entity: 'web_daily', date: 'day', description: 'page views' },
  web_bounces: { entity: 'web_daily', date: 'day', description: 'bounced sessions' },
  web_engaged_seconds: { entity: 'web_daily', date: 'day', description: 'engaged time in seconds' },
  web_leads: { entity: 'web_daily', date: 'day', description: 'leads (key events) from the site' },
} as const satisfies Record<string, MeasureInfo>;

export type MeasureName = keyof typeof MEASURES;
export const MEASURE_NAMES = Object.keys(MEASURES) as MeasureName[];
