import { Client } from '@hubspot/api-client';
import type { HubspotConfig } from './config.ts';

/**
 * The official SDK with our base URL (tests point it at a fake server) and without its own retries or limiter:
 * a 429 must reach the sync engine as a RateLimitedError carrying Retry-After, and the SDK's retry decorator would
 * sleep on its own schedule and hide it.
 */
export function createHubspotClient(config: HubspotConfig): Client {
  return new Client({ accessToken: config.accessToken, basePath: config.baseUrl, numberOfApiCallRetries: 0 });
}
