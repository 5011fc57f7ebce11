import type { protos } from '@google-analytics/data';
import type { CanonicalWebTrafficDay } from '../types.ts';
import { reportMetrics } from './report-request.ts';
import { isoDay } from './report-window.ts';

type RunReportResponse = protos.google.analytics.data.v1beta.IRunReportResponse;

/**
 * Report rows → one CanonicalWebTrafficDay per day × "source / medium". Columns are found by header name, not
 * position. bounceRate is a fraction of sessions, so bounces = round(bounceRate × sessions); engaged seconds are
 * userEngagementDuration (seconds in the foreground).
 */
export function mapReportRows(
  response: RunReportResponse,
  leadEvent: string | null,
): CanonicalWebTrafficDay[] {
  const dimensions = (response.dimensionHeaders ?? []).map((h) => h.name ?? '');
  const metrics = (response.metricHeaders ?? []).map((h) => h.name ?? '');
  const names = reportMetrics(leadEvent);
  const days: CanonicalWebTrafficDay[] = [];
  for (const row of response.rows ?? []) {
    const dimension = (name: string) => row.dimensionValues?.[dimensions.indexOf(name)]?.value ?? null;
    const metric = (name: string) => {
      const value = Number(row.metricValues?.[metrics.indexOf(name)]?.value);
      return Number.isFinite(value) ? value : 0;
    };
    const day = isoDay(dimension('date') ?? '');
    if (day === null) continue;
    const sessions = metric(names.sessions);
    days.push({
      day,
      source: dimension('sessionSourceMedium') || '(not set)',
      sessions,
      users: metric(names.users),
      pageviews: metric(names.pageviews),
      bounces: Math.round(metric(names.bounceRate) * sessions),
      engagedSeconds: Math.round(metric(names.engagedSeconds)),
      leads: Math.round(metric(names.leads)),
    });
  }
  return days;
}
