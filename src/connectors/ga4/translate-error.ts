import { ConnectorAuthError, RateLimitedError } from '../types.ts';
import type { Ga4Config } from './config.ts';

/**
 * GoogleError (google-gax over REST) → the seam's errors. It carries the gRPC status `code` and the HTTP status;
 * a RESOURCE_EXHAUSTED answer may hold a google.rpc.RetryInfo, which gax decodes into statusDetails[].retryDelay.
 */

const UNAUTHENTICATED = 16;
const PERMISSION_DENIED = 7;
const RESOURCE_EXHAUSTED = 8;
const INVALID_ARGUMENT = 3;
const NOT_FOUND = 5;

/** GA4 sends no Retry-After: the hourly and daily token quotas free up slowly, the concurrency quota in seconds. */
export function defaultRetryMs(message: string): number {
  if (/per day/i.test(message)) return 60 * 60_000;
  if (/per hour/i.test(message)) return 10 * 60_000;
  return 60_000;
}

interface GaxErrorShape {
  code?: unknown;
  httpStatusCode?: unknown;
  statusDetails?: unknown;
}

function retryDelayMs(details: unknown): number | null {
  if (!Array.isArray(details)) return null;
  for (const detail of details) {
    const delay = (detail as { retryDelay?: { seconds?: unknown; nanos?: unknown } } | null)?.retryDelay;
    if (delay === undefined || delay === null) continue;
    const seconds = Number(delay.seconds ?? 0);
    const nanos = Number(delay.nanos ?? 0);
    if (Number.isFinite(seconds) && Number.isFinite(nanos))
      return Math.max(1000, seconds * 1000 + nanos / 1e6);
  }
  return null;
}

export function translateGa4Error(error: unknown, config: Ga4Config): Error {
  if (error instanceof ConnectorAuthError || error instanceof RateLimitedError) return error;
  const { code, httpStatusCode, statusDetails } = (error ?? {}) as GaxErrorShape;
  const message = error instanceof Error ? error.message : String(error);
  const credentials =
    config.credentials.kind === 'service-account' ? 'GA4_CREDENTIALS_JSON' : 'GA4_ACCESS_TOKEN';
  if (code === RESOURCE_EXHAUSTED || httpStatusCode === 429) {
    return new RateLimitedError(
      `GA4 quota exhausted for property ${config.propertyId}: ${message}`,
      retryDelayMs(statusDetails) ?? defaultRetryMs(message),
    );
  }
  if (code === UNAUTHENTICATED || httpStatusCode === 401) {
    return new ConnectorAuthError(
      `GA4 rejected the credentials in ${credentials} (${message}). ` +
        (config.credentials.kind === 'service-account'
          ? 'Use a valid service-account key file.'
          : 'Access tokens expire after an hour: prefer a service-account key in GA4_CREDENTIALS_JSON.'),
    );
  }
  if (code === PERMISSION_DENIED || httpStatusCode === 403) {
    return new ConnectorAuthError(
      `GA4 denied access to property ${config.propertyId} (GA4_PROPERTY_ID) with the credentials in ${credentials} ` +
        `(${message}). Add the service account as a Viewer of the property (GA4 Admin → Property access management) ` +
        'and enable the Google Analytics Data API in its Cloud project.',
    );
  }
  if (code === NOT_FOUND || httpStatusCode === 404) {
    return new ConnectorAuthError(
      `GA4 property ${config.propertyId} not found: check GA4_PROPERTY_ID (${message}).`,
    );
  }
  if (code === INVALID_ARGUMENT || httpStatusCode === 400) {
    return new ConnectorAuthError(
      `GA4 refused the report request (${message})` +
        (config.leadEvent !== null
          ? `: is GA4_LEAD_EVENT=${config.leadEvent} a key event of the property?`
          : '.'),
    );
  }
  return new Error(`GA4 report request failed: ${message}`, { cause: error });
}
