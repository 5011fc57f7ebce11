import type { protos } from '@google-analytics/data';

type RunReportRequest = protos.google.analytics.data.v1beta.IRunReportRequest;

export const DIMENSIONS = ['date', 'sessionSourceMedium'] as const;

/** Metric API names in request order; `leads` is all key events, or one event's key-event count. */
export function reportMetrics(leadEvent: string | null) {
  return {
    sessions: 'sessions',
    users: 'totalUsers',
    pageviews: 'screenPageViews',
    bounceRate: 'bounceRate',
    engagedSeconds: 'userEngagementDuration',
    leads: leadEvent === null ? 'keyEvents' : `keyEvents:${leadEvent}`,
  } as const;
}

/** One page of the daily traffic report, ordered by date then source so offsets page through a stable order. */
export function buildReportRequest(input: {
  propertyId: string;
  startDate: string;
  leadEvent: string | null;
  offset: number;
  limit: number;
}): RunReportRequest {
  return {
    property: `properties/${input.propertyId}`,
    dateRanges: [{ startDate: input.startDate, endDate: 'yesterday' }],
    dimensions: DIMENSIONS.map((name) => ({ name })),
    metrics: Object.values(reportMetrics(input.leadEvent)).map((name) => ({ name })),
    orderBys: [
      { dimension: { dimensionName: 'date' } },
      { dimension: { dimensionName: 'sessionSourceMedium' } },
    ],
    offset: input.offset,
    limit: input.limit,
    keepEmptyRows: false,
  };
}
