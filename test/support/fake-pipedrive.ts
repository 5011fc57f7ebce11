import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenOnLoopback } from './loopback-server.ts';

/**
 * Pipedrive on 127.0.0.1 for connector tests, answering with the documented shapes: v1 lists
 * (`additional_data.pagination` start/limit/more_items_in_collection, `data: null` when empty), v2 lists
 * (`additional_data.next_cursor`), archived deals and leads on their own endpoints (since July 2025),
 * `status=deleted`, deal flow `dealChange` items with "YYYY-MM-DD HH:MM:SS" log times. Auth by `x-api-token`
 * header or `api_token` query (401 otherwise); scripted 429s with Retry-After.
 */

export interface FakePdUser {
  id: number;
  name: string;
  email: string;
  active_flag: boolean;
  is_admin: number;
}

export interface FakePdStage {
  id: number;
  name: string;
  pipeline_id: number;
  order_nr: number;
}

export interface FakePdLead {
  id: string;
  title: string;
  owner_id: number;
  person_id: number | null;
  source_name: string | null;
  is_archived: boolean;
  add_time: string;
  update_time: string;
}

export interface FakePdFlowChange {
  old_value: string | null;
  new_value: string;
  log_time: string;
}

export interface FakePdDeal {
  id: number;
  title: string;
  owner_id: number;
  person_id: number | null;
  pipeline_id: number;
  stage_id: number;
  value: number;
  currency: string;
  add_time: string;
  update_time: string;
  stage_change_time: string | null;
  status: 'open' | 'won' | 'lost';
  is_deleted: boolean;
  is_archived: boolean;
  won_time: string | null;
  lost_time: string | null;
  close_time: string | null;
  source_lead_id: string | null;
  /** Stage changes for GET /v1/deals/{id}/flow. */
  stageChanges?: FakePdFlowChange[];
}

export interface FakePdActivity {
  id: number;
  subject: string;
  type: string;
  owner_id: number;
  is_deleted: boolean;
  done: boolean;
  deal_id: number | null;
  lead_id: string | null;
  due_date: string;
  due_time: string;
  add_time: string;
  update_time: string;
}

export interface FakePipedriveState {
  users: FakePdUser[];
  stages: FakePdStage[];
  leads: FakePdLead[];
  deals: FakePdDeal[];
  activities: FakePdActivity[];
}

export interface FakePipedriveRequest {
  path: string;
  query: URLSearchParams;
  tokenIn: 'header' | 'query' | null;
}

export interface FakePipedrive {
  readonly url: string;
  readonly token: string;
  readonly state: FakePipedriveState;
  readonly requests: FakePipedriveRequest[];
  rateLimitNext(count: number, retryAfterSeconds: number): void;
  forbidNext(count: number): void;
  close(): Promise<void>;
}

export function emptyPipedriveState(): FakePipedriveState {
  return { users: [], stages: [], leads: [], deals: [], activities: [] };
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': 'application/json',
    'x-ratelimit-limit': '80',
    'x-ratelimit-remaining': '79',
    'x-ratelimit-reset': '2',
    ...headers,
  });
  res.end(JSON.stringify(body));
}

const atOrAfter = (time: string, since: string | null) => !since || Date.parse(time) >= Date.parse(since);

function sortBy<T>(items: T[], key: keyof T & string, descending: boolean): T[] {
  return [...items].sort((a, b) => {
    const d = String(a[key]).localeCompare(String(b[key]));
    return descending ? -d : d;
  });
}

function v1List(res: ServerResponse, items: unknown[], query: URLSearchParams): void {
  const start = Number(query.get('start') ?? 0);
  const limit = Number(query.get('limit') ?? 100);
  const slice = items.slice(start, start + limit);
  const more = start + limit < items.length;
  send(res, 200, {
    success: true,
    data: slice.length > 0 ? slice : null,
    additional_data: {
      pagination: {
        start,
        limit,
        more_items_in_collection: more,
        ...(more ? { next_start: start + limit } : {}),
      },
    },
  });
}

function v2List(res: ServerResponse, items: unknown[], query: URLSearchParams): void {
  const cursor = query.get('cursor');
  const start = cursor ? Number(Buffer.from(cursor, 'base64url').toString('utf8')) : 0;
  const limit = Number(query.get('limit') ?? 100);
  const slice = items.slice(start, start + limit);
  const next = start + limit < items.length ? Buffer.from(String(start + limit)).toString('base64url') : null;
  send(res, 200, { success: true, data: slice, additional_data: { next_cursor: next } });
}

function publicDeal(deal: FakePdDeal, query: URLSearchParams) {
  const { stageChanges: _, source_lead_id, ...rest } = deal;
  const withLead = (query.get('include_fields') ?? '').split(',').includes('source_lead_id');
  return {
    ...rest,
    org_id: null,
    probability: null,
    lost_reason: null,
    visible_to: 3,
    label_ids: [],
    ...(withLead ? { source_lead_id } : {}),
  };
}

export async function startFakePipedrive(
  state: FakePipedriveState = emptyPipedriveState(),
): Promise<FakePipedrive> {
  const token = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
  const requests: FakePipedriveRequest[] = [];
  let rateLimited = { count: 0, retryAfter: 0 };
  let forbidden = 0;

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const q = url.searchParams;
    const tokenIn = req.headers['x-api-token'] ? 'header' : q.get('api_token') ? 'query' : null;
    requests.push({ path: url.pathname, query: q, tokenIn });
    if ((req.headers['x-api-token'] ?? q.get('api_token')) !== token) {
      return send(res, 401, {
        success: false,
        error: 'unauthorized access',
        errorCode: 401,
        error_info: 'Please check developers.pipedrive.com for more information about Pipedrive API.',
      });
    }
    if (rateLimited.count > 0) {
      rateLimited.count -= 1;
      return send(
        res,
        429,
        { success: false, error: 'Request over limit', errorCode: 429 },
        { 'retry-after': String(rateLimited.retryAfter), 'x-ratelimit-remaining': '0' },
      );
    }
    if (forbidden > 0) {
      forbidden -= 1;
      return send(res, 403, {
        success: false,
        error: 'You do not have permission to access this resource',
        errorCode: 403,
      });
    }
    const since = q.get('updated_since');
    const descending = /desc/i.test(q.get('sort') ?? q.get('sort_direction') ?? '');
    const path = url.pathname;
    const flow = path.match(/^\/v1\/deals\/(\d+)\/flow$/);

    if (path === '/v1/users') {
      return send(res, 200, {
        success: true,
        data: state.users.map((u) => ({ ...u, role_id: 1, timezone_name: 'Europe/Paris' })),
      });
    }
    if (path === '/api/v2/stages') {
      return v2List(res, sortBy(state.stages, 'id', false), q);
    }
    if (path === '/v1/leads' || path === '/v1/leads/archived') {
      const archived = path.endsWith('/archived');
      const leads = state.leads.filter(
        (l) => l.is_archived === archived && atOrAfter(l.update_time, archived ? null : since),
      );
      return v1List(
        res,
        sortBy(leads, 'update_time', descending).map((l) => ({
          ...l,
          organization_id: null,
          label_ids: [],
          was_seen: true,
          value: null,
        })),
        q,
      );
    }
    if (path === '/api/v2/deals' || path === '/api/v2/deals/archived') {
      const archived = path.endsWith('/archived');
      const deleted = q.get('status') === 'deleted';
      const deals = state.deals.filter(
        (d) =>
          d.is_deleted === deleted &&
          (deleted || d.is_archived === archived) &&
          atOrAfter(d.update_time, since),
      );
      return v2List(
        res,
        sortBy(deals, 'update_time', descending).map((d) => publicDeal(d, q)),
        q,
      );
    }
    if (flow) {
      const deal = state.deals.find((d) => d.id === Number(flow[1]));
      if (!deal) return send(res, 404, { success: false, error: 'Deal not found', errorCode: 404 });
      const items = [...(deal.stageChanges ?? [])].reverse().map((change, i) => ({
        object: 'dealChange',
        timestamp: change.log_time,
        data: {
          id: 1000 + i,
          item_id: deal.id,
          user_id: deal.owner_id,
          field_key: 'stage_id',
          old_value: change.old_value,
          new_value: change.new_value,
          is_bulk_update_flag: null,
          log_time: change.log_time,
          change_source: 'app',
          change_source_user_agent: null,
          additional_data: [],
        },
      }));
      return v1List(res, items, q);
    }
    if (path === '/api/v2/activities') {
      const activities = state.activities.filter((a) => atOrAfter(a.update_time, since));
      return v2List(res, sortBy(activities, 'update_time', descending), q);
    }
    return send(res, 404, { success: false, error: `fake Pipedrive: no route for ${path}`, errorCode: 404 });
  };

  const server = await listenOnLoopback(handle);
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
