/**
 * The headline KPIs of a digest when its subscription names none: the sales funnel from marketing's leads to
 * signed revenue, first the figure the week is judged by (charted, and ranked for movers and the leaderboard).
 */
export const DEFAULT_DIGEST_METRICS: readonly string[] = [
  'revenue_signed',
  'deals_won',
  'win_rate',
  'proposals_sent',
  'meetings',
  'qualified_leads',
  'leads',
  'conversion_rate',
];

/** Beyond this a digest stops being a glance; subscribe refuses more. */
export const MAX_DIGEST_METRICS = 10;

/** Weeks on the chart. */
export const CHART_WEEKS = 12;
