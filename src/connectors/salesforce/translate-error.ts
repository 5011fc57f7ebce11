import { ConnectorAuthError, RateLimitedError } from '../types.ts';
import type { SalesforceAuth } from './config.ts';

/**
 * jsforce error → the seam's error types. jsforce keeps Salesforce's `errorCode` (as `errorCode`/`name`) but not
 * the HTTP status, so codes decide: REST answers 401 INVALID_SESSION_ID for a bad or expired token, 403
 * REQUEST_LIMIT_EXCEEDED for the API limits, 403 API_DISABLED_FOR_ORG / INSUFFICIENT_ACCESS for missing permissions,
 * and a body it cannot parse becomes ERROR_HTTP_<status>. Token-endpoint failures are named after OAuth's `error`
 * (invalid_client, invalid_grant…).
 */

/** Salesforce sends no Retry-After. The daily (rolling 24 h) quota frees slowly; the concurrency cap in seconds. */
export const DAILY_LIMIT_RETRY_MS = 15 * 60_000;
export const CONCURRENCY_LIMIT_RETRY_MS = 30_000;

const AUTH_CODES = new Set(['INVALID_SESSION_ID', 'ERROR_HTTP_401', 'INVALID_AUTH_HEADER']);
const PERMISSION_CODES = new Set([
  'ERROR_HTTP_403',
  'API_DISABLED_FOR_ORG',
  'API_CURRENTLY_DISABLED',
  'INSUFFICIENT_ACCESS',
  'INSUFFICIENT_ACCESS_OR_READONLY',
  'INVALID_TYPE',
]);

export function salesforceErrorCode(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as Error & { errorCode?: unknown }).errorCode;
  return typeof code === 'string' ? code : error.name !== 'Error' ? error.name : undefined;
}

export function isSessionError(error: unknown): boolean {
  const code = salesforceErrorCode(error);
  return code !== undefined && AUTH_CODES.has(code);
}

export function translateSalesforceError(error: unknown, auth: SalesforceAuth, what: string): Error {
  const code = salesforceErrorCode(error);
  const detail = error instanceof Error ? error.message : String(error);
  const credentials =
    auth.kind === 'access-token'
      ? 'SALESFORCE_ACCESS_TOKEN'
      : 'SALESFORCE_CLIENT_ID / SALESFORCE_CLIENT_SECRET';
  if (code === 'REQUEST_LIMIT_EXCEEDED' || code === 'ERROR_HTTP_429') {
    const daily = /TotalRequests/i.test(detail);
    return new RateLimitedError(
      `Salesforce API limit reached while reading ${what}: ${detail}`,
      daily ? DAILY_LIMIT_RETRY_MS : CONCURRENCY_LIMIT_RETRY_MS,
    );
  }
  if (code !== undefined && AUTH_CODES.has(code)) {
    return new ConnectorAuthError(
      `Salesforce rejected the credentials in ${credentials} (${code}: ${detail}). ` +
        (auth.kind === 'access-token'
          ? 'Set a fresh access token, or use a connected app (SALESFORCE_CLIENT_ID / SALESFORCE_CLIENT_SECRET).'
          : 'Check the connected app and that the client-credentials flow has a run-as user.'),
    );
  }
  if (code !== undefined && PERMISSION_CODES.has(code)) {
    return new ConnectorAuthError(
      `Salesforce refused to let the user behind ${credentials} read ${what} (${code}: ${detail}). ` +
        'That user needs the "API Enabled" permission and read access to Users, Leads, Opportunities, Events and Campaigns.',
    );
  }
  if (code !== undefined && /^(invalid_|unauthorized_client|unsupported_grant_type)/.test(code)) {
    return new ConnectorAuthError(
      `Salesforce refused the client-credentials login with ${credentials} at SALESFORCE_LOGIN_URL (${code}: ${detail}). ` +
        'Enable the client-credentials flow on the connected app, pick a run-as user, and check the key and secret.',
    );
  }
  return new Error(`Salesforce request for ${what} failed${code ? ` (${code})` : ''}: ${detail}`, {
    cause: error,
  });
}
