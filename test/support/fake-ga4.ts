import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';

/**
 * A local Google Analytics Data API v1beta: POST /v1beta/properties/{id}:runReport with the documented request
 * (dateRanges with YYYY-MM-DD / today / yesterday / NdaysAgo, dimensions, metrics, orderBys, offset, limit) and
 * response ({dimensionHeaders, metricHeaders, rows: [{dimensionValues, metricValues}], rowCount, metadata, kind}),
 * errors as {error: {code, message, status, details}}. Bearer auth: a known access token, or a service account's
 * self-signed JWT (RS256, verified with its public key).
 */

export interface TrafficRow {
  date: string;
  sourceMedium: string;
  sessions: number;
  totalUsers: number;
  screenPageViews: number;
  bounceRate: number;
  userEngagementDuration: number;
  keyEvents: number;
  /** Per-event key-event counts, answering `keyEvents:<event>`. */
  keyEventsByName?: Record<string, number>;
}

export type Ga4Failure = 'quota' | 'quota-with-retry-info' | 'permission' | 'unavailable';

export interface FakeGa4Options {
  propertyId: string;
  /** "Today" in the property's zone (real GA4 uses its clock): 'yesterday' and 'NdaysAgo' count from it. */
  today: string;
  timeZone?: string;
  accessTokens?: string[];
  serviceAccount?: { email: string; publicKeyPem: string };
}

export interface FakeGa4 {
  url: string;
  /** The fake's "today" (YYYY-MM-DD in the property's zone); move it to simulate the next days. */
  today: string;
  rows: TrafficRow[];
  requests: { path: string; body: Record<string, unknown> }[];
  failNext(count: number, kind: Ga4Failure): void;
  close(): Promise<void>;
}

const METRIC_TYPES: Record<string, string> = {
  sessions: 'TYPE_INTEGER',
  totalUsers: 'TYPE_INTEGER',
  screenPageViews: 'TYPE_INTEGER',
  bounceRate: 'TYPE_FLOAT',
  userEngagementDuration: 'TYPE_SECONDS',
  keyEvents: 'TYPE_INTEGER',
};
const DIMENSIONS: Record<string, (row: TrafficRow) => string> = {
  date: (row) => row.date.replace(/-/g, ''),
  sessionSourceMedium: (row) => row.sourceMedium,
};

function jwtIssuer(token: string, key: KeyObject): string | null {
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) return null;
  const ok = verify(
    'RSA-SHA256',
    Buffer.from(`${header}.${payload}`),
    key,
    Buffer.from(signature, 'base64url'),
  );
  if (!ok) return null;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { iss?: string; exp?: number };
  return typeof claims.exp === 'number' && claims.exp * 1000 > Date.now() ? (claims.iss ?? null) : null;
}

export async function startFakeGa4(options: FakeGa4Options): Promise<FakeGa4> {
  const zone = options.timeZone ?? 'Europe/Paris';
  const rows: TrafficRow[] = [];
  const state = { today: options.today };
  const requests: FakeGa4['requests'] = [];
  const failures: Ga4Failure[] = [];
  const publicKey = options.serviceAccount ? createPublicKey(options.serviceAccount.publicKeyPem) : null;

  const error = (
    res: ServerResponse,
    code: number,
    status: string,
    message: string,
    details: unknown[] = [],
  ) => {
    res.writeHead(code, { 'content-type': 'application/json; charset=UTF-8' });
    res.end(JSON.stringify({ error: { code, message, status, details } }));
  };

  const resolveDay = (value: string): string | null => {
    const today = DateTime.fromISO(state.today, { zone: 'UTC' });
    if (value === 'today') return today.toISODate();
    if (value === 'yesterday') return today.minus({ days: 1 }).toISODate();
    const ago = /^(\d+)daysAgo$/.exec(value);
    if (ago) return today.minus({ days: Number(ago[1]) }).toISODate();
    return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
  };

  const authorized = (req: IncomingMessage): boolean => {
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (options.accessTokens?.includes(token)) return true;
    return publicKey !== null && jwtIssuer(token, publicKey) === options.serviceAccount?.email;
  };

  const runReport = (res: ServerResponse, body: Record<string, unknown>) => {
    const range = (body.dateRanges as { startDate?: string; endDate?: string }[] | undefined)?.[0];
    const start = resolveDay(range?.startDate ?? '');
    const end = resolveDay(range?.endDate ?? '');
    if (!start || !end || start > end) {
      return error(res, 400, 'INVALID_ARGUMENT', `Invalid date range ${JSON.stringify(range)}`);
    }
    const dimensions = ((body.dimensions ?? []) as { name: string }[]).map((d) => d.name);
    const metrics = ((body.metrics ?? []) as { name: string }[]).map((m) => m.name);
    const unknownDimension = dimensions.find((d) => !DIMENSIONS[d]);
    if (unknownDimension)
      return error(res, 400, 'INVALID_ARGUMENT', `Field ${unknownDimension} is not a valid dimension.`);
    const unknownMetric = metrics.find((m) => !METRIC_TYPES[m] && !/^keyEvents:\w+$/.test(m));
    if (unknownMetric)
      return error(res, 400, 'INVALID_ARGUMENT', `Field ${unknownMetric} is not a valid metric.`);
    const orderBy = ((body.orderBys ?? []) as { dimension?: { dimensionName?: string } }[])
      .map((o) => o.dimension?.dimensionName)
      .filter((name): name is string => name !== undefined && DIMENSIONS[name] !== undefined);
    const selected = rows
      .filter((row) => row.date >= start && row.date <= end)
      .sort((a, b) => {
        for (const name of orderBy) {
          const read = DIMENSIONS[name];
          const [x, y] = [read?.(a) ?? '', read?.(b) ?? ''];
          if (x !== y) return x < y ? -1 : 1;
        }
        return 0;
      });
    const offset = Number(body.offset ?? 0);
    const limit = Number(body.limit ?? 10000);
    const metricValue = (row: TrafficRow, name: string): number => {
      const event = /^keyEvents:(\w+)$/.exec(name);
      if (event) return row.keyEventsByName?.[event[1] ?? ''] ?? 0;
      return row[name as keyof typeof METRIC_TYPES & keyof TrafficRow] as number;
    };
    const page = selected.slice(offset, offset + limit);
    res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
    res.end(
      JSON.stringify({
        dimensionHeaders: dimensions.map((name) => ({ name })),
        metricHeaders: metrics.map((name) => ({ name, type: METRIC_TYPES[name] ?? 'TYPE_INTEGER' })),
        ...(page.length > 0
          ? {
              rows: page.map((row) => ({
                dimensionValues: dimensions.map((name) => ({ value: DIMENSIONS[name]?.(row) ?? '' })),
                metricValues: metrics.map((name) => ({ value: String(metricValue(row, name)) })),
              })),
            }
          : {}),
        rowCount: selected.length,
        metadata: { currencyCode: 'EUR', timeZone: zone },
        kind: 'analyticsData#runReport',
      }),
    );
  };

  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => {
      text += c.toString();
    });
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://fake').pathname;
      const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      requests.push({ path, body });
      if (!authorized(req)) {
        return error(res, 401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.');
      }
      const failure = failures.shift();
      if (failure === 'quota') {
        return error(res, 429, 'RESOURCE_EXHAUSTED', 'Exhausted property tokens per hour for this property.');
      }
      if (failure === 'quota-with-retry-info') {
        return error(res, 429, 'RESOURCE_EXHAUSTED', 'Exhausted concurrent requests quota.', [
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '7s' },
        ]);
      }
      if (failure === 'permission') {
        return error(
          res,
          403,
          'PERMISSION_DENIED',
          'User does not have sufficient permissions for this property.',
        );
      }
      if (failure === 'unavailable')
        return error(res, 503, 'UNAVAILABLE', 'The service is currently unavailable.');
      const match = /^\/v1beta\/properties\/(\d+):runReport$/.exec(path);
      if (req.method !== 'POST' || !match) return error(res, 404, 'NOT_FOUND', `No route for ${path}`);
      if (match[1] !== options.propertyId) {
        return error(
          res,
          403,
          'PERMISSION_DENIED',
          'User does not have sufficient permissions for this property.',
        );
      }
      runReport(res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    get today() {
      return state.today;
    },
    set today(day: string) {
      state.today = day;
    },
    rows,
    requests,
    failNext(count, kind) {
      for (let i = 0; i < count; i++) failures.push(kind);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
