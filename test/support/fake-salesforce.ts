import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { matches, parseSoql, type Row, type SoqlError, sortRows } from './fake-soql.ts';

/**
 * A local Salesforce REST API with the documented payloads: POST /services/oauth2/token (client credentials),
 * GET /services/data/vXX.X/query|queryAll?q=<SOQL> → {totalSize, done, nextRecordsUrl?, records: [{attributes, …}]},
 * GET nextRecordsUrl for the following batches, errors as [{message, errorCode}] (401 INVALID_SESSION_ID,
 * 403 REQUEST_LIMIT_EXCEEDED, 400 INVALID_FIELD / INVALID_TYPE). `query` hides IsDeleted rows, `queryAll` shows them.
 */

/** Fields each object answers to (a subset of the real describe); anything else is INVALID_FIELD. */
const OBJECT_FIELDS: Record<string, string[]> = {
  User: ['Id', 'Name', 'Email', 'IsActive', 'UserType', 'SystemModstamp'],
  Lead: [
    'Id',
    'Name',
    'Email',
    'Company',
    'Status',
    'IsConverted',
    'ConvertedDate',
    'ConvertedOpportunityId',
    'LeadSource',
    'OwnerId',
    'CreatedDate',
    'LastModifiedDate',
    'SystemModstamp',
    'IsDeleted',
  ],
  LeadHistory: ['Id', 'LeadId', 'Field', 'OldValue', 'NewValue', 'CreatedDate'],
  Account: ['Id', 'Name', 'SystemModstamp', 'IsDeleted'],
  Opportunity: [
    'Id',
    'Name',
    'AccountId',
    'Account.Name',
    'OwnerId',
    'StageName',
    'IsClosed',
    'IsWon',
    'Amount',
    'CreatedDate',
    'CloseDate',
    'LeadSource',
    'SystemModstamp',
    'IsDeleted',
  ],
  OpportunityHistory: ['Id', 'OpportunityId', 'StageName', 'Amount', 'CloseDate', 'CreatedDate', 'IsDeleted'],
  Event: [
    'Id',
    'Subject',
    'Type',
    'StartDateTime',
    'ActivityDateTime',
    'OwnerId',
    'WhoId',
    'WhatId',
    'SystemModstamp',
    'IsDeleted',
  ],
  Campaign: [
    'Id',
    'Name',
    'Type',
    'StartDate',
    'CreatedDate',
    'ActualCost',
    'NumberSent',
    'NumberOfLeads',
    'SystemModstamp',
    'IsDeleted',
  ],
};

export type FailureKind = 'request-limit' | 'concurrent-limit' | 'server-error' | 'insufficient-access';

export interface FakeSalesforceOptions {
  accessToken?: string;
  clientId?: string;
  clientSecret?: string;
  /** Rows per batch (the real default is 2,000). */
  batchSize?: number;
  /** Multi-currency orgs have Opportunity.CurrencyIsoCode. */
  multiCurrency?: boolean;
}

export interface FakeSalesforce {
  url: string;
  apiVersion: string;
  /** Every request: method, path and, for queries, the SOQL. */
  requests: { method: string; path: string; soql?: string }[];
  /** Adds or replaces a row (SystemModstamp and IsDeleted are defaulted). */
  put(object: string, row: Row): void;
  /** Moves a row to the recycle bin at `at` (a Salesforce dateTime). */
  remove(object: string, id: string, at: string): void;
  failNext(count: number, kind: FailureKind): void;
  /** Forgets every issued token, as an expired session. */
  expireSessions(): void;
  close(): Promise<void>;
}

export async function startFakeSalesforce(options: FakeSalesforceOptions = {}): Promise<FakeSalesforce> {
  const apiVersion = '60.0';
  const batchSize = options.batchSize ?? 2000;
  const tokens = new Set<string>(options.accessToken ? [options.accessToken] : []);
  const tables = new Map<string, Row[]>();
  const cursors = new Map<string, Row[]>();
  const requests: FakeSalesforce['requests'] = [];
  const failures: FailureKind[] = [];
  let issued = 0;
  let url = '';

  const fieldsOf = (object: string) => {
    const base = OBJECT_FIELDS[object];
    if (!base) return undefined;
    return object === 'Opportunity' && options.multiCurrency ? [...base, 'CurrencyIsoCode'] : base;
  };

  const read = (row: Row, field: string): unknown => {
    const [relationship, name] = field.split('.');
    if (name === undefined) return row[field];
    const target = (tables.get(relationship ?? '') ?? []).find((r) => r.Id === row[`${relationship}Id`]);
    return target ? target[name] : null;
  };

  const shape = (object: string, row: Row, fields: string[]): Row => {
    const out: Row = {
      attributes: { type: object, url: `/services/data/v${apiVersion}/sobjects/${object}/${row.Id}` },
    };
    for (const field of fields) {
      const [relationship, name] = field.split('.');
      if (name === undefined) {
        out[field] = row[field] ?? null;
        continue;
      }
      const value = read(row, field);
      const key = relationship ?? '';
      const targetId = row[`${key}Id`];
      out[key] =
        targetId == null
          ? null
          : {
              ...((out[key] as Row | null | undefined) ?? {
                attributes: { type: key, url: `/services/data/v${apiVersion}/sobjects/${key}/${targetId}` },
              }),
              [name]: value ?? null,
            };
    }
    return out;
  };

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8' });
    res.end(JSON.stringify(body));
  };
  const apiError = (res: ServerResponse, status: number, errorCode: string, message: string) =>
    json(res, status, [{ message, errorCode }]);

  const answerBatch = (res: ServerResponse, rows: Row[], offset: number, locator: string) => {
    const records = rows.slice(offset, offset + batchSize);
    const done = offset + batchSize >= rows.length;
    json(res, 200, {
      totalSize: rows.length,
      done,
      ...(done
        ? {}
        : { nextRecordsUrl: `/services/data/v${apiVersion}/query/${locator}-${offset + batchSize}` }),
      records,
    });
  };

  const handleQuery = (res: ServerResponse, soql: string, includeDeleted: boolean) => {
    let query: ReturnType<typeof parseSoql>;
    try {
      query = parseSoql(soql);
    } catch (error) {
      return apiError(res, 400, 'MALFORMED_QUERY', (error as SoqlError).message);
    }
    const known = fieldsOf(query.object);
    if (!known) return apiError(res, 400, 'INVALID_TYPE', `sObject type '${query.object}' is not supported.`);
    const unknown = query.fields.find((f) => !known.includes(f));
    if (unknown) {
      return apiError(res, 400, 'INVALID_FIELD', `No such column '${unknown}' on entity '${query.object}'.`);
    }
    const rows = (tables.get(query.object) ?? [])
      .filter((row) => includeDeleted || row.IsDeleted !== true)
      .filter((row) => matches(query.where, row, read));
    const sorted = sortRows(rows, query.orderBy, read).slice(0, query.limit ?? undefined);
    const shaped = sorted.map((row) => shape(query.object, row, query.fields));
    const locator = `01gFAKE${String(cursors.size).padStart(8, '0')}`;
    cursors.set(locator, shaped);
    answerBatch(res, shaped, 0, locator);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const target = new URL(req.url ?? '/', url);
    const body = await new Promise<string>((resolve) => {
      let text = '';
      req.on('data', (c: Buffer) => {
        text += c.toString();
      });
      req.on('end', () => resolve(text));
    });
    const soql = target.searchParams.get('q') ?? undefined;
    requests.push({
      method: req.method ?? 'GET',
      path: target.pathname,
      ...(soql !== undefined ? { soql } : {}),
    });

    if (req.method === 'POST' && target.pathname === '/services/oauth2/token') {
      const form = new URLSearchParams(body);
      if (form.get('grant_type') !== 'client_credentials') {
        return json(res, 400, {
          error: 'unsupported_grant_type',
          error_description: 'grant type not supported',
        });
      }
      if (form.get('client_id') !== options.clientId || form.get('client_secret') !== options.clientSecret) {
        return json(res, 400, { error: 'invalid_client', error_description: 'invalid client credentials' });
      }
      const token = `00DFAKE!token-${++issued}`;
      tokens.add(token);
      return json(res, 200, {
        access_token: token,
        signature: 'fake-signature',
        scope: 'api',
        instance_url: url,
        id: `${url}/id/00DFAKE000000001/005FAKE000000001`,
        token_type: 'Bearer',
        issued_at: String(Date.now()),
      });
    }

    const auth = req.headers.authorization ?? '';
    if (!tokens.has(auth.replace(/^Bearer /, ''))) {
      return apiError(res, 401, 'INVALID_SESSION_ID', 'Session expired or invalid');
    }
    const failure = failures.shift();
    if (failure === 'request-limit')
      return apiError(res, 403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
    if (failure === 'concurrent-limit') {
      return apiError(res, 403, 'REQUEST_LIMIT_EXCEEDED', 'ConcurrentPerOrgLongTxn Limit exceeded.');
    }
    if (failure === 'insufficient-access') {
      return apiError(res, 403, 'API_DISABLED_FOR_ORG', 'The REST API is not enabled for this Organization.');
    }
    if (failure === 'server-error') return apiError(res, 503, 'SERVER_UNAVAILABLE', 'Server unavailable');

    const prefix = `/services/data/v${apiVersion}/`;
    const rest = target.pathname.startsWith(prefix) ? target.pathname.slice(prefix.length) : null;
    if (req.method === 'GET' && (rest === 'query' || rest === 'queryAll') && soql !== undefined) {
      return handleQuery(res, soql, rest === 'queryAll');
    }
    const more = rest?.match(/^query(?:All)?\/(01g\w+)-(\d+)$/);
    if (req.method === 'GET' && more) {
      const rows = cursors.get(more[1] ?? '');
      if (!rows) return apiError(res, 400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
      return answerBatch(res, rows, Number(more[2]), more[1] ?? '');
    }
    return apiError(res, 404, 'NOT_FOUND', 'The requested resource does not exist');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => apiError(res, 500, 'UNKNOWN_EXCEPTION', String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    get url() {
      return url;
    },
    apiVersion,
    requests,
    put(object, row) {
      const table = tables.get(object) ?? [];
      const complete: Row = { IsDeleted: false, ...row };
      const at = table.findIndex((r) => r.Id === row.Id);
      if (at >= 0) table[at] = complete;
      else table.push(complete);
      tables.set(object, table);
    },
    remove(object, id, at) {
      const row = (tables.get(object) ?? []).find((r) => r.Id === id);
      if (!row) throw new Error(`no ${object} ${id}`);
      row.IsDeleted = true;
      row.SystemModstamp = at;
    },
    failNext(count, kind) {
      for (let i = 0; i < count; i++) failures.push(kind);
    },
    expireSessions() {
      tokens.clear();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
