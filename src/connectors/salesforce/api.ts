import { Connection, OAuth2 } from 'jsforce';
import { z } from 'zod';
import type { SalesforceConfig } from './config.ts';
import { isSessionError, translateSalesforceError } from './translate-error.ts';

/** One row of a SOQL answer: fields by API name, relationships as nested objects, plus `attributes`. */
export type SalesforceRow = Record<string, unknown>;

const queryResultSchema = z.object({
  totalSize: z.number(),
  done: z.boolean(),
  nextRecordsUrl: z.string().optional(),
  records: z.array(z.record(z.string(), z.unknown())),
});
export type QueryResult = z.infer<typeof queryResultSchema>;

/** The part of the REST API the connector uses: SOQL query / queryAll and the nextRecordsUrl that pages them. */
export interface SalesforceApi {
  /** First batch of a SOQL query; `includeDeleted` runs it through queryAll (recycle-bin rows, IsDeleted = true). */
  query(soql: string, options: { includeDeleted: boolean; what: string }): Promise<QueryResult>;
  /** The batch a previous answer's `nextRecordsUrl` points at. */
  queryMore(nextRecordsUrl: string, what: string): Promise<QueryResult>;
}

/**
 * A jsforce Connection behind SalesforceApi. With a client-credentials app the token is fetched on first use and
 * fetched again once when Salesforce says the session expired; a ready-made access token is used as is (jsforce's own
 * refresh hook is not wired: it expects a refresh token, which neither mode has).
 */
export interface HttpRetryOptions {
  /** How many times jsforce retries a GET after a 5xx, a 429 or a network error (its default: 5). */
  maxRetries: number;
  /** First wait, doubled at each retry (its default: 500 ms). */
  minTimeout: number;
}

export function createSalesforceApi(config: SalesforceConfig, httpRetry?: HttpRetryOptions): SalesforceApi {
  const { auth, apiVersion } = config;
  let connection: Promise<Connection> | undefined;

  const connect = async (): Promise<Connection> => {
    if (auth.kind === 'access-token') {
      return new Connection({
        instanceUrl: auth.instanceUrl,
        accessToken: auth.accessToken,
        version: apiVersion,
      });
    }
    const oauth2 = new OAuth2({
      loginUrl: auth.loginUrl,
      clientId: auth.clientId,
      clientSecret: auth.clientSecret,
    });
    try {
      const token = await oauth2.requestToken({ grant_type: 'client_credentials' });
      return new Connection({
        instanceUrl: token.instance_url,
        accessToken: token.access_token,
        version: apiVersion,
      });
    } catch (error) {
      throw translateSalesforceError(error, auth, 'an access token');
    }
  };

  const send = async (path: string, what: string): Promise<QueryResult> => {
    for (let attempt = 1; ; attempt++) {
      connection ??= connect();
      const conn = await connection.catch((error: unknown) => {
        connection = undefined;
        throw error;
      });
      try {
        return queryResultSchema.parse(await conn.request(path, httpRetry ? { retry: httpRetry } : {}));
      } catch (error) {
        if (auth.kind === 'client-credentials' && attempt === 1 && isSessionError(error)) {
          connection = undefined;
          continue;
        }
        if (error instanceof z.ZodError) {
          throw new Error(`Salesforce answered an unexpected query result for ${what}: ${error.message}`);
        }
        throw translateSalesforceError(error, auth, what);
      }
    }
  };

  return {
    query: (soql, { includeDeleted, what }) =>
      send(
        `/services/data/v${apiVersion}/${includeDeleted ? 'queryAll' : 'query'}?q=${encodeURIComponent(soql)}`,
        what,
      ),
    queryMore: (nextRecordsUrl, what) => send(nextRecordsUrl, what),
  };
}

/** Every batch of a query, following nextRecordsUrl. */
export async function* queryBatches(
  api: SalesforceApi,
  soql: string,
  options: { includeDeleted: boolean; what: string },
  signal: AbortSignal,
): AsyncGenerator<QueryResult> {
  signal.throwIfAborted();
  let batch = await api.query(soql, options);
  yield batch;
  while (batch.nextRecordsUrl !== undefined && !batch.done) {
    signal.throwIfAborted();
    batch = await api.queryMore(batch.nextRecordsUrl, options.what);
    yield batch;
  }
}

/** All rows of a (small, lookup) query. */
export async function queryAllRows(
  api: SalesforceApi,
  soql: string,
  what: string,
  signal: AbortSignal,
): Promise<SalesforceRow[]> {
  const rows: SalesforceRow[] = [];
  for await (const batch of queryBatches(api, soql, { includeDeleted: false, what }, signal))
    rows.push(...batch.records);
  return rows;
}
