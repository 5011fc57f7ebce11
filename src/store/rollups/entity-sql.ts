import type { Dimension, MeasureEntity, MeasureName } from '../../core/metrics/measures.ts';

/**
 * How each entity of the measure contract is read from the raw tables: the rows it scans (soft-deleted rows
 * excluded), the date columns its measures are counted on, and its rollup dimensions ('' when unknown).
 */
export interface EntitySql {
  /** The entity's table, aliased. */
  readonly table: string;
  /** LEFT JOINs the dimensions (or `alive`) read from, each under its alias; one is only written when used. */
  readonly joins: readonly EntityJoin[];
  readonly tenantColumn: string;
  /** Rows that count at all. */
  readonly alive: string;
  /** 'instant': timestamptz columns, counted on their tenant-local day; 'day': already a local calendar day. */
  readonly grain: 'instant' | 'day';
  /** The columns the measures are dated by: a row is read when one of them falls in the window. */
  readonly dates: readonly string[];
  readonly dims: Readonly<Record<Dimension, string>>;
}

export interface EntityJoin {
  readonly alias: string;
  readonly sql: string;
}

const repJoin = (alias: string, column: string): EntityJoin => ({
  alias: 'r',
  sql: `LEFT JOIN "Rep" r ON r.id = ${alias}."${column}" AND r."tenantId" = ${alias}."tenantId"`,
});

export const ENTITY_SQL: Readonly<Record<MeasureEntity, EntitySql>> = {
  lead: {
    table: '"Lead" l',
    joins: [repJoin('l', 'ownerRepId')],
    tenantColumn: 'l."tenantId"',
    alive: 'l."deletedAt" IS NULL',
    grain: 'instant',
    dates: ['l."createdAt"', 'l."qualifiedAt"', 'l."convertedAt"', 'l."lostAt"'],
    dims: {
      repId: `COALESCE(l."ownerRepId", '')`,
      teamId: `COALESCE(r."teamId", '')`,
      channel: `COALESCE(l.channel, '')`,
      campaignId: `COALESCE(l."campaignId", '')`,
      stage: `''`,
    },
  },
  deal: {
    table: '"Deal" d',
    joins: [
      repJoin('d', 'ownerRepId'),
      { alias: 'dl', sql: 'LEFT JOIN "Lead" dl ON dl.id = d."leadId" AND dl."tenantId" = d."tenantId"' },
    ],
    tenantColumn: 'd."tenantId"',
    alive: 'd."deletedAt" IS NULL',
    grain: 'instant',
    dates: ['d."createdAt"', 'd."proposalSentAt"', 'd."closedAt"'],
    dims: {
      repId: `COALESCE(d."ownerRepId", '')`,
      teamId: `COALESCE(d."teamId", r."teamId", '')`,
      channel: `COALESCE(d.channel, dl.channel, '')`,
      campaignId: `COALESCE(d."campaignId", dl."campaignId", '')`,
      stage: `''`,
    },
  },
  stage_change: {
    // A stage change whose deal is unknown still counts (with no rep/team); one whose deal is deleted does not.
    table: '"DealStageChange" s',
    joins: [
      { alias: 'd', sql: 'LEFT JOIN "Deal" d ON d.id = s."dealId" AND d."tenantId" = s."tenantId"' },
      repJoin('d', 'ownerRepId'),
    ],
    tenantColumn: 's."tenantId"',
    alive: 'd."deletedAt" IS NULL',
    grain: 'instant',
    dates: ['s.at'],
    dims: {
      repId: `COALESCE(d."ownerRepId", '')`,
      teamId: `COALESCE(d."teamId", r."teamId", '')`,
      channel: `''`,
      campaignId: `''`,
      stage: 's."toStage"',
    },
  },
  activity: {
    table: '"Activity" a',
    joins: [
      repJoin('a', 'repId'),
      { alias: 'al', sql: 'LEFT JOIN "Lead" al ON al.id = a."leadId" AND al."tenantId" = a."tenantId"' },
    ],
    tenantColumn: 'a."tenantId"',
    alive: 'a."deletedAt" IS NULL',
    grain: 'instant',
    dates: ['a."occurredAt"'],
    dims: {
      repId: `COALESCE(a."repId", '')`,
      teamId: `COALESCE(r."teamId", '')`,
      channel: `COALESCE(al.channel, '')`,
      campaignId: `COALESCE(al."campaignId", '')`,
      stage: `''`,
    },
  },
  account: {
    table: '"Account" ac',
    joins: [repJoin('ac', 'ownerRepId')],
    tenantColumn: 'ac."tenantId"',
    alive: 'TRUE',
    grain: 'instant',
    dates: ['ac."firstWonAt"', 'ac."churnedAt"'],
    dims: {
      repId: `COALESCE(ac."ownerRepId", '')`,
      teamId: `COALESCE(r."teamId", '')`,
      channel: `''`,
      campaignId: `''`,
      stage: `''`,
    },
  },
  survey: {
    table: '"Survey" sv',
    joins: [repJoin('sv', 'repId')],
    tenantColumn: 'sv."tenantId"',
    alive: 'TRUE',
    grain: 'instant',
    dates: ['sv.at'],
    dims: {
      repId: `COALESCE(sv."repId", '')`,
      teamId: `COALESCE(r."teamId", '')`,
      channel: `''`,
      campaignId: `''`,
      stage: `''`,
    },
  },
  campaign_daily: {
    table: '"CampaignDaily" cd',
    joins: [
      {
        alias: 'c',
        sql: 'LEFT JOIN "Campaign" c ON c.id = cd."campaignId" AND c."tenantId" = cd."tenantId"',
      },
    ],
    tenantColumn: 'cd."tenantId"',
    alive: 'TRUE',
    grain: 'day',
    dates: ['cd.day'],
    dims: {
      repId: `''`,
      teamId: `''`,
      channel: `COALESCE(c.channel, '')`,
      campaignId: 'cd."campaignId"',
      stage: `''`,
    },
  },
  web_daily: {
    table: '"WebTrafficDaily" w',
    joins: [],
    tenantColumn: 'w."tenantId"',
    alive: 'TRUE',
    grain: 'day',
    dates: ['w.day'],
    dims: { repId: `''`, teamId: `''`, channel: 'w.source', campaignId: `''`, stage: `''` },
  },
};

/** A measure as one (date, value) pair per entity row; a NULL date or a 0 value adds nothing. */
export interface MeasureSql {
  readonly at: string;
  readonly value: string;
}

const won = (column: string) => `CASE WHEN d.status = 'won' THEN ${column} END`;
const lost = (column: string) => `CASE WHEN d.status = 'lost' THEN ${column} END`;
const activity = (type: string) => `CASE WHEN a.type = '${type}' THEN a."occurredAt" END`;
const survey = (kind: string) => `CASE WHEN sv.kind = '${kind}' THEN sv.at END`;
const ifThen = (condition: string) => `CASE WHEN ${condition} THEN 1 ELSE 0 END`;
const hoursBetween = (from: string, to: string) => `EXTRACT(EPOCH FROM (${to} - ${from})) / 3600`;

/** Ties on the same instant are broken by id, so exactly one meeting is the first. */
const earlierMeeting = (sameKey: string) => `EXISTS (
  SELECT 1 FROM "Activity" b
  WHERE b."tenantId" = a."tenantId" AND ${sameKey} AND b.type = 'meeting' AND b."deletedAt" IS NULL
    AND (b."occurredAt" < a."occurredAt" OR (b."occurredAt" = a."occurredAt" AND b.id < a.id)))`;
const firstMeeting = `CASE
  WHEN a.type <> 'meeting' THEN 0
  WHEN a."leadId" IS NOT NULL THEN ${ifThen(`NOT ${earlierMeeting('b."leadId" = a."leadId"')}`)}
  WHEN a."dealId" IS NOT NULL THEN ${ifThen(`NOT ${earlierMeeting('b."leadId" IS NULL AND b."dealId" = a."dealId"')}`)}
  ELSE 0 END`;

const campaign = (column: string): MeasureSql => ({ at: 'cd.day', value: `cd."${column}"` });
const web = (column: string): MeasureSql => ({ at: 'w.day', value: `w."${column}"` });

export const MEASURE_SQL: Readonly<Record<MeasureName, MeasureSql>> = {
  leads_created: { at: 'l."createdAt"', value: '1' },
  leads_qualified: { at: 'l."qualifiedAt"', value: '1' },
  leads_converted: { at: 'l."convertedAt"', value: '1' },
  leads_lost: { at: 'l."lostAt"', value: '1' },
  leads_converted_30d: {
    at: 'l."createdAt"',
    value: ifThen(`l."convertedAt" <= l."createdAt" + interval '30 days'`),
  },
  deals_created: { at: 'd."createdAt"', value: '1' },
  deals_created_amount: { at: 'd."createdAt"', value: 'COALESCE(d.amount, 0)' },
  proposals_sent: { at: 'd."proposalSentAt"', value: '1' },
  proposals_read: { at: 'd."proposalSentAt"', value: ifThen('d."proposalReadAt" IS NOT NULL') },
  proposals_followed_up: { at: 'd."proposalSentAt"', value: ifThen('d."proposalFollowedUpAt" IS NOT NULL') },
  proposal_followup_hours: {
    at: 'd."proposalSentAt"',
    value: `COALESCE(${hoursBetween('d."proposalSentAt"', 'd."proposalFollowedUpAt"')}, 0)`,
  },
  deals_won: { at: won('d."closedAt"'), value: '1' },
  deals_lost: { at: lost('d."closedAt"'), value: '1' },
  revenue_won: { at: won('d."closedAt"'), value: 'COALESCE(d.amount, 0)' },
  amount_lost: { at: lost('d."closedAt"'), value: 'COALESCE(d.amount, 0)' },
  won_cycle_days: { at: won('d."closedAt"'), value: `${hoursBetween('d."createdAt"', 'd."closedAt"')} / 24` },
  stage_entered: { at: 's.at', value: '1' },
  meetings: { at: activity('meeting'), value: '1' },
  first_meetings: { at: activity('meeting'), value: firstMeeting },
  calls: { at: activity('call'), value: '1' },
  emails: { at: activity('email'), value: '1' },
  new_customers: { at: 'ac."firstWonAt"', value: '1' },
  churned_customers: { at: 'ac."churnedAt"', value: '1' },
  nps_responses: { at: survey('nps'), value: '1' },
  nps_promoters: { at: survey('nps'), value: ifThen('sv.score >= 9') },
  nps_detractors: { at: survey('nps'), value: ifThen('sv.score <= 6') },
  csat_responses: { at: survey('csat'), value: '1' },
  csat_satisfied: { at: survey('csat'), value: ifThen('sv.score >= 4') },
  email_sent: campaign('sent'),
  email_delivered: campaign('delivered'),
  email_opens: campaign('opens'),
  email_unique_clicks: campaign('uniqueClicks'),
  email_unsubscribes: campaign('unsubscribes'),
  email_spam_reports: campaign('spamReports'),
  email_bounces: campaign('bounces'),
  campaign_leads: campaign('leads'),
  marketing_cost: campaign('cost'),
  web_sessions: web('sessions'),
  web_users: web('users'),
  web_pageviews: web('pageviews'),
  web_bounces: web('bounces'),
  web_engaged_seconds: web('engagedSeconds'),
  web_leads: web('leads'),
};
