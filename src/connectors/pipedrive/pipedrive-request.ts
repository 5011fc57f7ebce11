import { v1, v2 } from 'pipedrive';
import type { z } from 'zod';
import { ConnectorAuthError, RateLimitedError } from '../types.ts';
import type { PipedriveConfig } from './config.ts';

/** Pipedrive's burst window is two seconds. */
const DEFAULT_RETRY_AFTER_MS = 2_000;

/** What the SDK's param creators return: a path with its query string, and method + auth headers. */
export interface RequestArgs {
  url: string;
  options: { method?: string; headers?: unknown };
}

function plainHeaders(headers: unknown): Record<string, string> {
  if (typeof headers !== 'object' || headers === null) return {};
  return Object.fromEntries(
    Object.entries(headers).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

export interface PipedriveApi {
  v1: v1.Configuration;
  v2: v2.Configuration;
  /**
   * Sends a request the official SDK built. The SDK's own axios transport cannot be used: its error interceptor
   * replaces a failed response with its body, dropping the HTTP status and the Retry-After header we must pass on.
   */
  send<S extends z.ZodType>(
    what: string,
    args: RequestArgs,
    version: 'v1' | 'v2',
    schema: S,
    signal: AbortSignal,
  ): Promise<z.infer<S>>;
}

function secondsToMs(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.round(seconds * 1000) : null;
}

/** Retry-After (seconds or an HTTP date), else x-ratelimit-reset (seconds until the window resets). */
function retryAfterMs(headers: Headers): number {
  const retryAfter = headers.get('retry-after');
  const fromSeconds = secondsToMs(retryAfter);
  if (fromSeconds !== null) return fromSeconds;
  const at = retryAfter ? Date.parse(retryAfter) : Number.NaN;
  if (!Number.isNaN(at)) return Math.max(0, at - Date.now());
  return secondsToMs(headers.get('x-ratelimit-reset')) ?? DEFAULT_RETRY_AFTER_MS;
}

async function vendorMessage(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { error?: unknown; error_info?: unknown };
    return [body.error, body.error_info].filter((part) => typeof part === 'string').join(' — ');
  } catch {
    return text.slice(0, 200);
  }
}

export function createPipedriveApi(config: PipedriveConfig): PipedriveApi {
  const basePaths = { v1: `${config.baseUrl}/v1`, v2: `${config.baseUrl}/api/v2` };
  return {
    v1: new v1.Configuration({ apiKey: config.apiToken, basePath: basePaths.v1 }),
    v2: new v2.Configuration({ apiKey: config.apiToken, basePath: basePaths.v2 }),
    async send(what, args, version, schema, signal) {
      const response = await fetch(basePaths[version] + args.url, {
        method: args.options.method ?? 'GET',
        headers: { accept: 'application/json', ...plainHeaders(args.options.headers) },
        signal,
      });
      if (response.status === 401) {
        throw new ConnectorAuthError(
          `Pipedrive rejected PIPEDRIVE_API_TOKEN while reading ${what} (401 ${await vendorMessage(response)}): ` +
            'copy the current token from Personal preferences → API into PIPEDRIVE_API_TOKEN',
        );
      }
      if (response.status === 403) {
        throw new ConnectorAuthError(
          `Pipedrive refused ${what} (403 ${await vendorMessage(response)}): the user owning PIPEDRIVE_API_TOKEN ` +
            'needs permission to see all deals, leads and activities (a global admin, or visibility over every user)',
        );
      }
      if (response.status === 429) {
        throw new RateLimitedError(
          `Pipedrive rate limit while reading ${what}`,
          retryAfterMs(response.headers),
        );
      }
      if (!response.ok) {
        throw new Error(
          `Pipedrive ${what} failed with HTTP ${response.status}: ${await vendorMessage(response)}`,
        );
      }
      const parsed = schema.safeParse(await response.json());
      if (!parsed.success) {
        throw new Error(
          `Pipedrive ${what}: unexpected response shape (${parsed.error.issues[0]?.message ?? '?'})`,
        );
      }
      return parsed.data;
    },
  };
}
