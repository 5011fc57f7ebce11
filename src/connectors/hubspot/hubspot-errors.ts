import { ConnectorAuthError, RateLimitedError } from '../types.ts';

/** HubSpot's burst window is ten seconds; it does not always send Retry-After on 429s. */
const DEFAULT_RETRY_AFTER_MS = 10_000;

interface HttpFailure {
  code: number;
  headers: Record<string, string>;
  body: unknown;
}

/** The SDK's ApiException (one class per generated module, hence duck typing). */
function asHttpFailure(error: unknown): HttpFailure | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, headers, body } = error as { code?: unknown; headers?: unknown; body?: unknown };
  if (typeof code !== 'number' || code < 100) return null;
  return {
    code,
    headers: typeof headers === 'object' && headers !== null ? (headers as Record<string, string>) : {},
    body,
  };
}

function header(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

export function retryAfterMs(value: string | undefined, fallbackMs: number): number {
  if (!value) return fallbackMs;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? fallbackMs : Math.max(0, at - Date.now());
}

function vendorMessage(body: unknown): string {
  if (typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string') {
    return body.message;
  }
  return typeof body === 'string' ? body.slice(0, 200) : '';
}

/**
 * One place that turns a failed HubSpot call into what the sync engine acts on: bad token or missing scope →
 * ConnectorAuthError (no retry, admins told), 429 → RateLimitedError, anything else → a plain Error (retried).
 */
export function translateHubspotError(error: unknown, what: string, scopes: readonly string[]): Error {
  const failure = asHttpFailure(error);
  if (!failure) return error instanceof Error ? error : new Error(`HubSpot ${what}: ${String(error)}`);
  const detail = vendorMessage(failure.body);
  if (failure.code === 401) {
    return new ConnectorAuthError(
      `HubSpot rejected HUBSPOT_ACCESS_TOKEN while reading ${what} (401${detail ? `: ${detail}` : ''}): ` +
        'copy the current token of the private app into HUBSPOT_ACCESS_TOKEN',
    );
  }
  if (failure.code === 403) {
    return new ConnectorAuthError(
      `HubSpot refused ${what} (403${detail ? `: ${detail}` : ''}): give the private app behind HUBSPOT_ACCESS_TOKEN ` +
        `the scope ${scopes.join(' or ')}`,
    );
  }
  if (failure.code === 429) {
    return new RateLimitedError(
      `HubSpot rate limit while reading ${what}${detail ? `: ${detail}` : ''}`,
      retryAfterMs(header(failure.headers, 'retry-after'), DEFAULT_RETRY_AFTER_MS),
    );
  }
  return new Error(`HubSpot ${what} failed with HTTP ${failure.code}${detail ? `: ${detail}` : ''}`);
}

/** Runs one SDK call, translating its failure. */
export async function callHubspot<T>(
  what: string,
  scopes: readonly string[],
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw translateHubspotError(error, what, scopes);
  }
}

export const SCOPES = {
  owners: ['crm.objects.owners.read'],
  contacts: ['crm.objects.contacts.read'],
  deals: ['crm.objects.deals.read'],
  meetings: ['crm.objects.contacts.read'],
  emails: ['content', 'marketing-email'],
} as const;
