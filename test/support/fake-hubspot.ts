import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenOnLoopback } from './loopback-server.ts';

/**
 * HubSpot on 127.0.0.1 for connector tests, answering with the documented v3/v4 payload shapes: CRM properties
 * as strings, `paging.next.after`, the search endpoint's 10,000-result cap, archived listings with `archivedAt`,
 * batch reads with `propertiesWithHistory`, v4 association batches, deal pipelines and marketing emails with
 * `stats.counters`. Bearer-token auth (401 otherwise) and scripted 429s with Retry-After.
 */

export interface FakeCrmObject {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archivedAt?: string;
  /** dealstage history, newest first as HubSpot returns it. */
  stageHistory?: { value: string; timestamp: string }[];
}

export interface FakeOwner {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  userId: number;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  teams?: { id: string; name: string; primary: boolean }[];
}

export interface FakeEmail {
  id: string;
  name: string;
  publishDate?: string;
  updatedAt: string;
  createdAt: string;
  counters: Record<string, number>;
}

export interface FakePipeline {
  id: string;
  label: string;
  stages: { id: string; label: string; isClosed: boolean }[];
}

export interface FakeHubspotState {
  owners: FakeOwner[];
  objects: Record<'contacts' | 'deals' | 'meetings', FakeCrmObject[]>;
  /** `${fromType}/${toType}` → from id → associated ids. */
  associations: Record<string, Record<string, string[]>>;
  pipelines: FakePipeline[];
  emails: FakeEmail[];
}

export interface FakeHubspotRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

export interface FakeHubspot {
  readonly url: string;
  readonly token: string;
  readonly state: FakeHubspotState;
  readonly requests: FakeHubspotRequest[];
  /** The next `count` requests answer 429 with `Retry-After: retryAfterSeconds`. */
  rateLimitNext(count: number, retryAfterSeconds: number): void;
  /** The next `count` requests answer 403 (missing scope). */
  forbidNext(count: number): void;
  close(): Promise<void>;
}

const SEARCH_CAP = 10_000;

export function emptyHubspotState(): FakeHubspotState {
  return {
    owners: [],
    objects: { contacts: [], deals: [], meetings: [] },
    associations: {},
    pipelines: [],
    emails: [],
  };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': 'application/json;charset=utf-8',
    'x-hubspot-ratelimit-max': '190',
    'x-hubspot-ratelimit-remaining': '189',
    'x-hubspot-ratelimit-interval-milliseconds': '10000',
    ...headers,
  });
  res.end(JSON.stringify(body));
}

function error(res: ServerResponse, status: number, category: string, message: string, headers = {}): void {
  send(res, status, { status: 'error', message, correlationId: randomUUID(), category }, headers);
}

function page<T>(items: T[], after: string | null, limit: number) {
  const start = Number(after ?? 0);
  const slice = items.slice(start, start + limit);
  const next = start + limit < items.length ? String(start + limit) : null;
  return { slice, paging: next ? { next: { after: next, link: `?after=${next}` } } : undefined };
}

function instantValue(value: string | null | undefined): number {
  if (!value) return Number.NaN;
  return /^\d+$/.test(value) ? Number(value) : Date.parse(value);
}

interface SearchFilter {
  propertyName: string;
  operator: string;
  value?: string;
  values?: string[];
}

function matches(object: FakeCrmObject, filter: SearchFilter): boolean {
  const actual = object.properties[filter.propertyName] ?? null;
  switch (filter.operator) {
    case 'GTE':
      return instantValue(actual) >= instantValue(filter.value);
    case 'EQ':
      return actual === filter.value;
    case 'IN':
      return actual !== null && (filter.values ?? []).includes(actual);
    default:
      throw new Error(`fake HubSpot: unsupported operator ${filter.operator}`);
  }
}

function publicObject(object: FakeCrmObject, properties: string[] | null, archived = false) {
  const picked = properties
    ? Object.fromEntries(properties.map((name) => [name, object.properties[name] ?? null]))
    : object.properties;
  return {
    id: object.id,
    properties: { ...picked, hs_object_id: object.id },
    createdAt: object.createdAt,
    updatedAt: object.updatedAt,
    archived,
    ...(archived && object.archivedAt ? { archivedAt: object.archivedAt } : {}),
  };
}

export async function startFakeHubspot(state: FakeHubspotState = emptyHubspotState()): Promise<FakeHubspot> {
  const token = `pat-eu1-${randomUUID()}`;
  const requests: FakeHubspotRequest[] = [];
  let rateLimited = { count: 0, retryAfter: 0 };
  let forbidden = 0;

  const objectsOf = (type: string): FakeCrmObject[] => {
    const list = state.objects[type as keyof FakeHubspotState['objects']];
    if (!list) throw new Error(`fake HubSpot: unknown object type ${type}`);
    return list;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // HubSpot serves paths with or without a trailing slash (the SDK adds one to some list endpoints).
    url.pathname = url.pathname.replace(/(.)\/+$/, '$1');
    const body = req.method === 'POST' ? await readJson(req) : undefined;
    requests.push({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, body });
    if (req.headers.authorization !== `Bearer ${token}`) {
      return error(res, 401, 'INVALID_AUTHENTICATION', 'Authentication credentials not found.');
    }
    if (rateLimited.count > 0) {
      rateLimited.count -= 1;
      return send(
        res,
        429,
        {
          status: 'error',
          message: 'You have reached your ten_secondly_rolling limit.',
          errorType: 'RATE_LIMIT',
          correlationId: randomUUID(),
          policyName: 'TEN_SECONDLY_ROLLING',
        },
        { 'retry-after': String(rateLimited.retryAfter), 'x-hubspot-ratelimit-remaining': '0' },
      );
    }
    if (forbidden > 0) {
      forbidden -= 1;
      return error(
        res,
        403,
        'MISSING_SCOPES',
        "This app hasn't been granted all required scopes to make this call.",
      );
    }
    const limit = Number(url.searchParams.get('limit') ?? 10);
    const after = url.searchParams.get('after');
    const match = (method: string, pattern: RegExp) =>
      req.method === method ? url.pathname.match(pattern) : null;
    const searchType = match('POST', /^\/crm\/v3\/objects\/(\w+)\/search$/)?.[1];
    const listType = match('GET', /^\/crm\/v3\/objects\/(\w+)$/)?.[1];
    const batchType = match('POST', /^\/crm\/v3\/objects\/(\w+)\/batch\/read$/)?.[1];
    const association = match('POST', /^\/crm\/v4\/associations\/(\w+)\/(\w+)\/batch\/read$/);

    if (req.method === 'GET' && url.pathname === '/crm/v3/owners') {
      const archived = url.searchParams.get('archived') === 'true';
      const { slice, paging } = page(
        state.owners.filter((o) => o.archived === archived),
        after,
        limit,
      );
      return send(res, 200, { results: slice.map((o) => ({ ...o, type: 'PERSON' })), paging });
    }
    if (req.method === 'GET' && url.pathname === '/crm/v3/pipelines/deals') {
      const at = '2024-01-01T00:00:00.000Z';
      return send(res, 200, {
        results: state.pipelines.map((p, i) => ({
          id: p.id,
          label: p.label,
          displayOrder: i,
          createdAt: at,
          updatedAt: at,
          archived: false,
          stages: p.stages.map((s, j) => ({
            id: s.id,
            label: s.label,
            displayOrder: j,
            metadata: { isClosed: String(s.isClosed), probability: s.isClosed ? '1.0' : '0.5' },
            createdAt: at,
            updatedAt: at,
            archived: false,
            writePermissions: 'CRM_PERMISSIONS_ENFORCEMENT',
          })),
        })),
      });
    }
    if (searchType) {
      const search = body as {
        filterGroups?: { filters: SearchFilter[] }[];
        sorts?: (string | { propertyName: string; direction?: string })[];
        properties?: string[];
        limit?: number;
        after?: string;
      };
      const pageSize = Math.min(search.limit ?? 10, 200);
      const offset = Number(search.after ?? 0);
      if (offset + pageSize > SEARCH_CAP) {
        return error(res, 400, 'VALIDATION_ERROR', `Cannot page beyond ${SEARCH_CAP} results.`);
      }
      const groups = search.filterGroups ?? [];
      let found = objectsOf(searchType).filter(
        (o) =>
          !o.archivedAt && (groups.length === 0 || groups.some((g) => g.filters.every((f) => matches(o, f)))),
      );
      const sort = search.sorts?.[0];
      if (sort) {
        const name = typeof sort === 'string' ? sort.replace(/^-/, '') : sort.propertyName;
        const descending = typeof sort === 'string' ? sort.startsWith('-') : sort.direction === 'DESCENDING';
        found = [...found].sort((a, b) => {
          const d =
            instantValue(a.properties[name]) - instantValue(b.properties[name]) ||
            Number(a.id) - Number(b.id);
          return descending ? -d : d;
        });
      }
      const { slice, paging } = page(found, String(offset), pageSize);
      return send(res, 200, {
        total: found.length,
        results: slice.map((o) => publicObject(o, search.properties ?? null)),
        ...(paging ? { paging } : {}),
      });
    }
    if (listType) {
      const archived = url.searchParams.get('archived') === 'true';
      const list = objectsOf(listType).filter((o) => Boolean(o.archivedAt) === archived);
      const { slice, paging } = page(list, after, limit);
      return send(res, 200, { results: slice.map((o) => publicObject(o, [], archived)), paging });
    }
    if (batchType) {
      const read = body as {
        inputs: { id: string }[];
        properties?: string[];
        propertiesWithHistory?: string[];
      };
      if (read.propertiesWithHistory?.length && read.inputs.length > 50) {
        return error(
          res,
          400,
          'VALIDATION_ERROR',
          'Batch reads with property history are limited to 50 inputs.',
        );
      }
      const list = objectsOf(batchType);
      const results = read.inputs.flatMap(({ id }) => {
        const object = list.find((o) => o.id === id);
        if (!object) return [];
        const history = read.propertiesWithHistory?.includes('dealstage')
          ? {
              propertiesWithHistory: {
                dealstage: (object.stageHistory ?? []).map((h) => ({
                  value: h.value,
                  timestamp: h.timestamp,
                  sourceType: 'CRM_UI',
                  sourceId: 'userId:1',
                  updatedByUserId: 1,
                })),
              },
            }
          : {};
        return [{ ...publicObject(object, read.properties ?? []), ...history }];
      });
      const now = new Date().toISOString();
      return send(res, 200, { status: 'COMPLETE', results, startedAt: now, completedAt: now });
    }
    if (association) {
      const links = state.associations[`${association[1]}/${association[2]}`] ?? {};
      const inputs = (body as { inputs: { id: string }[] }).inputs;
      const results = inputs
        .filter(({ id }) => (links[id] ?? []).length > 0)
        .map(({ id }) => ({
          from: { id },
          to: (links[id] ?? []).map((to) => ({
            toObjectId: Number(to),
            associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 3, label: null }],
          })),
        }));
      const now = new Date().toISOString();
      const errors = inputs
        .filter(({ id }) => (links[id] ?? []).length === 0)
        .map(({ id }) => ({
          status: 'error',
          category: 'OBJECT_NOT_FOUND',
          subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND',
          message: `No ${association[2]} is associated with ${association[1]} ${id}.`,
          context: { fromObjectId: [id] },
        }));
      return send(res, errors.length > 0 ? 207 : 200, {
        status: 'COMPLETE',
        results,
        ...(errors.length > 0 ? { numErrors: errors.length, errors } : {}),
        startedAt: now,
        completedAt: now,
      });
    }
    if (req.method === 'GET' && url.pathname === '/marketing/v3/emails') {
      const withStats = url.searchParams.get('includeStats') === 'true';
      const { slice, paging } = page(state.emails, after, limit);
      return send(res, 200, {
        total: state.emails.length,
        results: slice.map((e) => ({
          id: e.id,
          name: e.name,
          subject: e.name,
          state: e.publishDate ? 'PUBLISHED' : 'DRAFT',
          type: 'BATCH_EMAIL',
          isPublished: Boolean(e.publishDate),
          ...(e.publishDate ? { publishDate: e.publishDate } : {}),
          createdAt: e.createdAt,
          updatedAt: e.updatedAt,
          archived: false,
          ...(withStats
            ? { stats: { counters: e.counters, deviceBreakdown: {}, qualifierStats: {}, ratios: {} } }
            : {}),
        })),
        paging,
      });
    }
    return error(res, 404, 'OBJECT_NOT_FOUND', `fake HubSpot: no route for ${req.method} ${url.pathname}`);
  };

  const server = await listenOnLoopback((req, res) => {
    handle(req, res).catch((e: unknown) => error(res, 500, 'INTERNAL', String(e)));
  });
  return {
    url: server.url,
    token,
    state,
    requests,
    rateLimitNext(count, retryAfterSeconds) {
      rateLimited = { count, retryAfter: retryAfterSeconds };
    },
    forbidNext(count) {
      forbidden = count;
    },
    close: server.close,
  };
}
