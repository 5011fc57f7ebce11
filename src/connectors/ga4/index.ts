import type { BetaAnalyticsDataClient } from '@google-analytics/data';
import type { Connector } from '../types.ts';
import { createGa4Client } from './client.ts';
import type { Ga4Config } from './config.ts';
import { webTrafficStream } from './web-traffic-stream.ts';

export type { Ga4Config, Ga4Credentials } from './config.ts';
export { ga4ConfigSchema, parseGa4Config } from './config.ts';

export interface Ga4ConnectorOptions {
  /** Rows per runReport call; default 10,000. */
  pageSize?: number;
  /** The clock deciding "yesterday" in the property's zone; default the system clock. */
  now?: () => Date;
}

/** Google Analytics 4 through the Data API v1beta (official client): one stream, 'web-traffic'. */
export function createGa4Connector(config: Ga4Config, options: Ga4ConnectorOptions = {}): Connector {
  let client: Promise<BetaAnalyticsDataClient> | undefined;
  const sharedClient = () => {
    client ??= createGa4Client(config).catch((error: unknown) => {
      client = undefined;
      throw error;
    });
    return client;
  };
  return {
    source: 'ga4',
    streams: [
      webTrafficStream(config, {
        pageSize: options.pageSize ?? 10_000,
        now: options.now ?? (() => new Date()),
        client: sharedClient,
      }),
    ],
  };
}
