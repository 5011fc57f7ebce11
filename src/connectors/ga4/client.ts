import { readFile } from 'node:fs/promises';
import { BetaAnalyticsDataClient } from '@google-analytics/data';
import { JWT, OAuth2Client } from 'google-auth-library';
import { ConnectorAuthError } from '../types.ts';
import type { Ga4Config } from './config.ts';

/**
 * The official client over its REST transport (`fallback: true`), in production as in tests: gRPC cannot be pointed
 * at a plain-HTTP local fake, REST can (protocol/apiEndpoint/port from GA4_BASE_URL), so one code path is tested.
 * A service-account key signs its own JWT (the client sets useJWTAccessWithScope), so no token endpoint is involved.
 */
const READ_ONLY_SCOPE = 'https://www.googleapis.com/auth/analytics.readonly';

export async function createGa4Client(config: Ga4Config): Promise<BetaAnalyticsDataClient> {
  const base = new URL(config.baseUrl);
  const endpoint = {
    fallback: true,
    protocol: base.protocol.replace(':', ''),
    apiEndpoint: base.hostname,
    port: base.port !== '' ? Number(base.port) : base.protocol === 'http:' ? 80 : 443,
  };
  if (config.credentials.kind === 'access-token') {
    const authClient = new OAuth2Client();
    authClient.setCredentials({ access_token: config.credentials.accessToken });
    return new BetaAnalyticsDataClient({ ...endpoint, authClient });
  }
  const key = await readServiceAccountKey(config.credentials.keyFile);
  const authClient = new JWT({ email: key.client_email, key: key.private_key, scopes: [READ_ONLY_SCOPE] });
  return new BetaAnalyticsDataClient({ ...endpoint, authClient });
}

async function readServiceAccountKey(path: string): Promise<{ client_email: string; private_key: string }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new ConnectorAuthError(
      `GA4_CREDENTIALS_JSON=${path} is not a readable JSON key file (${error instanceof Error ? error.message : error}).`,
    );
  }
  const key = parsed as { type?: unknown; client_email?: unknown; private_key?: unknown } | null;
  if (
    key?.type !== 'service_account' ||
    typeof key.client_email !== 'string' ||
    typeof key.private_key !== 'string'
  ) {
    throw new ConnectorAuthError(
      `GA4_CREDENTIALS_JSON=${path} is not a service-account key (expected "type": "service_account", client_email and private_key).`,
    );
  }
  return { client_email: key.client_email, private_key: key.private_key };
}
