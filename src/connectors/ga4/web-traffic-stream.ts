import type { BetaAnalyticsDataClient, protos } from '@google-analytics/data';
import type { SyncPage, SyncStream } from '../types.ts';
import type { Ga4Config } from './config.ts';
import { mapReportRows } from './map-rows.ts';
import { buildReportRequest } from './report-request.ts';
import { cursorWithin, lastCompleteDay, reportStartDate } from './report-window.ts';
import { translateGa4Error } from './translate-error.ts';

export interface WebTrafficStreamOptions {
  /** Rows per runReport call (the API allows up to 250,000; 10,000 keeps pages and memory small). */
  pageSize: number;
  now: () => Date;
  client: () => Promise<BetaAnalyticsDataClient>;
}

/**
 * Daily sessions, users, pageviews, bounces, engagement and leads per "source / medium": runReport pages through
 * offset/limit; the cursor is the last complete day synced (see report-window.ts for the re-read of settling days).
 */
export function webTrafficStream(config: Ga4Config, options: WebTrafficStreamOptions): SyncStream {
  return {
    name: 'web-traffic',
    async *pages(cursor: string | null, signal: AbortSignal): AsyncIterable<SyncPage> {
      const startDate = reportStartDate(cursor, config.backfillDays);
      const now = options.now();
      let client: BetaAnalyticsDataClient;
      try {
        client = await options.client();
      } catch (error) {
        throw translateGa4Error(error, config);
      }
      let offset = 0;
      for (;;) {
        signal.throwIfAborted();
        const request = buildReportRequest({
          propertyId: config.propertyId,
          startDate,
          leadEvent: config.leadEvent,
          offset,
          limit: options.pageSize,
        });
        let response: protos.google.analytics.data.v1beta.IRunReportResponse;
        try {
          [response] = await client.runReport(request);
        } catch (error) {
          throw translateGa4Error(error, config);
        }
        const webTraffic = mapReportRows(response, config.leadEvent);
        const received = response.rows?.length ?? 0;
        offset += received;
        const more = received > 0 && offset < Number(response.rowCount ?? 0);
        if (!more) {
          yield {
            records: { webTraffic },
            cursor: lastCompleteDay(now, response.metadata?.timeZone || 'UTC'),
          };
          return;
        }
        yield { records: { webTraffic }, cursor: cursorWithin(cursor, webTraffic.at(-1)?.day ?? startDate) };
      }
    },
  };
}
