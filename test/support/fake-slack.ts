import { createHmac, randomBytes } from 'node:crypto';
import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Slack on 127.0.0.1, for e2e tests: the Web API as `SLACK_API_URL` points at it (`POST /api/<method>`,
 * form-encoded or JSON, Bearer token) answering with the documented payload shapes, and response_url endpoints
 * (`POST /response/<id>`) that capture what the app sends back to a command or a button. Also signs requests
 * exactly as Slack does (v0 HMAC of `v0:{ts}:{raw body}`).
 */

export interface FakeSlackUser {
  id: string;
  name: string;
  email: string;
  locale: string;
  tz: string;
  realName: string;
}

/** A bot token the fake knows: which workspace and bot user it belongs to (auth.test). */
export interface FakeBotToken {
  teamId: string;
  teamName: string;
  botUserId: string;
  botId: string;
  enterpriseId?: string;
}

/** An OAuth code the fake's oauth.v2.access exchanges for a bot token. */
export interface FakeOAuthGrant {
  token: string;
  installerUserId: string;
  appId?: string;
  scope?: string;
}

export interface ApiCall {
  method: string;
  params: Record<string, unknown>;
  authorization: string | undefined;
  /** When the call arrived (ms since the epoch). */
  at?: number;
  /** The HTTP status the fake answered with (200 unless a failure was planted). */
  status?: number;
  /** Slack's `error` when the fake answered `ok: false`. */
  error?: string;
}

/** A message as the fake's conversations keep it (what conversations.history / .replies return). */
export interface FakeSlackMessage {
  type: 'message';
  ts: string;
  text: string;
  user?: string;
  bot_id?: string;
  blocks?: unknown[];
  thread_ts?: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  files?: Array<{ id: string; name: string; title: string; alt_txt?: string; size: number }>;
  edited?: { ts: string };
}

/**
 * A failure planted for the next matching Web API call(s): an HTTP status (429 with Retry-After, 500…) or, with
 * status 200, `ok: false` with a Slack error code. `afterHandling`: the call takes effect first (the message is
 * stored) and only the answer fails, as when Slack posts and the response is lost.
 */
export interface PlantedFailure {
  status?: number;
  error?: string;
  headers?: Record<string, string>;
  method?: string;
  afterHandling?: boolean;
}

export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
}

export interface FakeSlack {
  /** The Web API base, for SLACK_API_URL. */
  readonly apiUrl: string;
  readonly calls: ApiCall[];
  /** Messages per conversation id (channel ids, and D… ids for DMs opened with conversations.open). */
  readonly conversations: Map<string, FakeSlackMessage[]>;
  /** Uploaded file bytes by file id (files.getUploadURLExternal → upload URL). */
  readonly uploads: Map<string, Buffer>;
  /** The next `count` calls (of `failure.method`, or any) fail as described. */
  failNext(count: number, failure: PlantedFailure): void;
  /**
   * The next call of `method` is carried out but its answer is held until `release()` (the returned promise
   * resolves once the call arrived): a client killed meanwhile never learns it succeeded.
   */
  holdNext(method: string): { arrived: Promise<ApiCall>; release(): void };
  readonly responses: ResponseUrlPost[];
  /** A fresh response_url pointing at this fake. */
  responseUrl(id?: string): string;
  /** Resolves with the first call (or response_url post) that matches, waiting for it if needed. */
  waitForCall(pred: (c: ApiCall) => boolean, timeoutMs?: number): Promise<ApiCall>;
  waitForResponse(pred: (r: ResponseUrlPost) => boolean, timeoutMs?: number): Promise<ResponseUrlPost>;
  close(): Promise<void>;
}

export async function startFakeSlack(opts: {
  users: FakeSlackUser[];
  tokens: Record<string, FakeBotToken>;
  grants?: Record<string, FakeOAuthGrant>;
  clientId?: string;
  clientSecret?: string;
  /** Channels the bot cannot post in (chat.postMessage answers channel_not_found). */
  goneChannels?: string[];
}): Promise<FakeSlack> {
  const calls: ApiCall[] = [];
  const responses: ResponseUrlPost[] = [];
  const conversations = new Map<string, FakeSlackMessage[]>();
  const uploads = new Map<string, Buffer>();
  const pendingUploads = new Map<string, { filename: string; length: number; alt?: string }>();
  const failures: PlantedFailure[] = [];
  let base = '';
  const holds: Array<{ method: string; arrived: (c: ApiCall) => void; released: Promise<void> }> = [];
  const waiters: (() => void)[] = [];
  const notify = () => {
    for (const w of waiters.splice(0)) w();
  };

  const server = http.createServer((req, res) => {
    void readBytes(req).then(async (rawBytes) => {
      const raw = rawBytes.toString('utf8');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const send = (status: number, body: unknown) =>
        res
          .writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
          .end(JSON.stringify(body));
      if (url.pathname.startsWith('/upload/')) {
        const fileId = url.pathname.slice('/upload/'.length);
        if (!pendingUploads.has(fileId)) {
          res.writeHead(404).end();
          return;
        }
        uploads.set(fileId, rawBytes);
        res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${rawBytes.length}`);
        return;
      }
      if (url.pathname.startsWith('/response/')) {
        responses.push({ id: url.pathname.slice('/response/'.length), body: parseJson(raw) });
        notify();
        send(200, { ok: true });
        return;
      }
      if (!url.pathname.startsWith('/api/')) {
        send(404, { ok: false, error: 'not_found' });
        return;
      }
      const method = url.pathname.slice('/api/'.length);
      const params = {
        ...Object.fromEntries(url.searchParams),
        ...parseParams(raw, req.headers['content-type']),
      };
      const authorization = req.headers.authorization;
      const call: ApiCall = { method, params, authorization, at: Date.now() };
      calls.push(call);
      const failureAt = failures.findIndex((f) => f.method === undefined || f.method === method);
      const failure = failureAt >= 0 ? failures.splice(failureAt, 1)[0] : undefined;
      const holdAt = holds.findIndex((h) => h.method === method);
      const hold = holdAt >= 0 ? holds.splice(holdAt, 1)[0] : undefined;
      let body: unknown = null;
      if (!failure || failure.afterHandling) body = answer(method, params, authorization);
      if (hold) {
        hold.arrived(call);
        await hold.released;
      }
      if (failure) {
        call.status = failure.status ?? 200;
        if (failure.error) call.error = failure.error;
        notify();
        res
          .writeHead(call.status, { 'content-type': 'application/json; charset=utf-8', ...failure.headers })
          .end(JSON.stringify(failure.error ? { ok: false, error: failure.error } : { ok: false }));
        return;
      }
      call.status = 200;
      const error =
        (body as { ok?: boolean; error?: string }).ok === false
          ? (body as { error?: string }).error
          : undefined;
      if (error) call.error = error;
      notify();
      send(200, body);
    });
  });

  const store = (channel: string, message: FakeSlackMessage) => {
    const list = conversations.get(channel) ?? [];
    list.push(message);
    conversations.set(channel, list);
  };
  const truthy = (v: unknown) => v === true || v === 'true' || v === '1' || v === 1;
  /** As Slack shows a message: metadata only when asked for with include_all_metadata. */
  const shown = (m: FakeSlackMessage, withMetadata: boolean) => {
    const { metadata, ...rest } = m;
    return withMetadata && metadata ? { ...rest, metadata } : rest;
  };
  /** Newest first for history, oldest first for replies; `limit` per page with an opaque cursor. */
  const page = (list: FakeSlackMessage[], params: Record<string, unknown>) => {
    const oldest = Number(params.oldest ?? 0);
    const inRange = list.filter(
      (m) => Number(m.ts) > oldest || (truthy(params.inclusive) && Number(m.ts) === oldest),
    );
    const start = params.cursor ? Number(Buffer.from(String(params.cursor), 'base64').toString('utf8')) : 0;
    const limit = Math.max(1, Math.min(999, Number(params.limit ?? 100)));
    const slice = inRange.slice(start, start + limit);
    const more = start + limit < inRange.length;
    const withMetadata = truthy(params.include_all_metadata);
    return {
      ok: true,
      messages: slice.map((m) => shown(m, withMetadata)),
      has_more: more,
      response_metadata: { next_cursor: more ? Buffer.from(String(start + limit)).toString('base64') : '' },
    };
  };

  function answer(
    method: string,
    params: Record<string, unknown>,
    authorization: string | undefined,
  ): unknown {
    const token = authorization?.replace(/^Bearer\s+/i, '') ?? (params.token as string | undefined);
    const bot = token ? opts.tokens[token] : undefined;
    if (method === 'oauth.v2.access') {
      // Documented shape: https://docs.slack.dev/reference/methods/oauth.v2.access
      const grant = opts.grants?.[String(params.code)];
      const clientOk =
        (opts.clientId === undefined || params.client_id === opts.clientId) &&
        (opts.clientSecret === undefined || params.client_secret === opts.clientSecret);
      const granted = grant ? opts.tokens[grant.token] : undefined;
      if (!grant || !granted || !clientOk) return { ok: false, error: 'invalid_code' };
      return {
        ok: true,
        access_token: grant.token,
        token_type: 'bot',
        scope: grant.scope ?? 'commands,app_mentions:read,chat:write,im:history,users:read,users:read.email',
        bot_user_id: granted.botUserId,
        app_id: grant.appId ?? 'A0KPIBOT',
        team: { id: granted.teamId, name: granted.teamName },
        enterprise: null,
        authed_user: { id: grant.installerUserId },
        is_enterprise_install: false,
      };
    }
    if (!bot) return { ok: false, error: 'invalid_auth' };
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: `https://${bot.teamName.toLowerCase()}.slack.com/`,
          team: bot.teamName,
          user: 'kpibot',
          team_id: bot.teamId,
          user_id: bot.botUserId,
          bot_id: bot.botId,
          is_enterprise_install: false,
        };
      case 'users.info': {
        const u = opts.users.find((x) => x.id === params.user);
        if (!u) return { ok: false, error: 'user_not_found' };
        // Documented shape: https://docs.slack.dev/reference/methods/users.info
        return {
          ok: true,
          user: {
            id: u.id,
            team_id: bot.teamId,
            name: u.name,
            real_name: u.realName,
            tz: u.tz,
            locale: params.include_locale === 'true' || params.include_locale === true ? u.locale : undefined,
            is_bot: false,
            profile: { email: u.email, real_name: u.realName, display_name: u.name },
          },
        };
      }
      case 'chat.postMessage': {
        if (opts.goneChannels?.includes(String(params.channel)))
          return { ok: false, error: 'channel_not_found' };
        // Documented shape: https://docs.slack.dev/reference/methods/chat.postMessage
        const channel = dmChannelOf(String(params.channel));
        const threadTs = params.thread_ts ? String(params.thread_ts) : undefined;
        const message: FakeSlackMessage = {
          type: 'message',
          ts: nextTs(),
          text: String(params.text ?? ''),
          user: bot.botUserId,
          bot_id: bot.botId,
          ...(params.blocks ? { blocks: params.blocks as unknown[] } : {}),
          ...(threadTs ? { thread_ts: threadTs } : {}),
          ...(params.metadata ? { metadata: params.metadata as FakeSlackMessage['metadata'] } : {}),
        } as FakeSlackMessage;
        store(channel, message);
        return { ok: true, channel, ts: message.ts, message: shown(message, false) };
      }
      case 'chat.update': {
        // Documented shape: https://docs.slack.dev/reference/methods/chat.update
        const channel = String(params.channel);
        const message = conversations.get(channel)?.find((m) => m.ts === params.ts);
        if (!message) return { ok: false, error: 'message_not_found' };
        message.text = String(params.text ?? '');
        if (params.blocks) message.blocks = params.blocks as unknown[];
        message.edited = { ts: nextTs() };
        return { ok: true, channel, ts: message.ts, text: message.text };
      }
      case 'conversations.open': {
        const users = String(params.users ?? '');
        if (!opts.users.some((u) => u.id === users)) return { ok: false, error: 'user_not_found' };
        return { ok: true, channel: { id: dmChannelOf(users) } };
      }
      case 'conversations.history': {
        // Documented shape: https://docs.slack.dev/reference/methods/conversations.history
        const list = conversations.get(String(params.channel));
        if (!list) return { ok: false, error: 'channel_not_found' };
        const roots = list.filter((m) => !m.thread_ts || m.thread_ts === m.ts).reverse();
        return page(roots, params);
      }
      case 'conversations.replies': {
        // Documented shape: https://docs.slack.dev/reference/methods/conversations.replies
        const list = conversations.get(String(params.channel));
        if (!list) return { ok: false, error: 'channel_not_found' };
        const parent = list.find((m) => m.ts === params.ts);
        if (!parent) return { ok: false, error: 'thread_not_found' };
        const thread = [parent, ...list.filter((m) => m.thread_ts === params.ts && m.ts !== params.ts)];
        return page(thread, params);
      }
      case 'files.getUploadURLExternal': {
        // Documented shape: https://docs.slack.dev/reference/methods/files.getUploadURLExternal
        const length = Number(params.length);
        if (!params.filename || !(length > 0)) return { ok: false, error: 'missing_argument' };
        const fileId = `F${randomBytes(5).toString('hex').toUpperCase()}`;
        const alt = (params.alt_txt ?? params.alt_text) as string | undefined;
        pendingUploads.set(fileId, { filename: String(params.filename), length, ...(alt ? { alt } : {}) });
        return { ok: true, upload_url: `${base}/upload/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal': {
        // Documented shape: https://docs.slack.dev/reference/methods/files.completeUploadExternal
        const files = (typeof params.files === 'string' ? JSON.parse(params.files) : params.files) as Array<{
          id: string;
          title?: string;
        }>;
        const done: NonNullable<FakeSlackMessage['files']> = [];
        for (const f of files ?? []) {
          const pending = pendingUploads.get(f.id);
          const bytes = uploads.get(f.id);
          if (!pending || !bytes || bytes.length !== pending.length)
            return { ok: false, error: 'file_not_found' };
          done.push({
            id: f.id,
            name: pending.filename,
            title: f.title ?? pending.filename,
            size: bytes.length,
            ...(pending.alt ? { alt_txt: pending.alt } : {}),
          });
        }
        if (params.channel_id) {
          const channel = String(params.channel_id);
          const threadTs = params.thread_ts ? String(params.thread_ts) : undefined;
          store(channel, {
            type: 'message',
            ts: nextTs(),
            text: '',
            user: bot.botUserId,
            files: done,
            ...(threadTs ? { thread_ts: threadTs } : {}),
          });
        }
        return { ok: true, files: done.map((f) => ({ id: f.id, title: f.title })) };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: nextTs() };
      case 'views.publish':
        return { ok: true, view: { id: 'V0HOME', type: 'home' } };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const waitFor = <T>(find: () => T | undefined, timeoutMs: number, what: string): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`fake Slack: no ${what} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const check = () => {
        const found = find();
        if (found !== undefined) {
          clearTimeout(timer);
          resolve(found);
        } else waiters.push(check);
      };
      check();
    });

  return {
    apiUrl: `${base}/api/`,
    calls,
    responses,
    conversations,
    uploads,
    failNext(count, failure) {
      for (let i = 0; i < count; i++) failures.push(failure);
    },
    holdNext(method) {
      let release = () => {};
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      let arrived: (c: ApiCall) => void = () => {};
      const arrival = new Promise<ApiCall>((resolve) => {
        arrived = resolve;
      });
      holds.push({ method, arrived, released });
      return { arrived: arrival, release };
    },
    responseUrl: (id = randomBytes(4).toString('hex')) => `${base}/response/${id}`,
    waitForCall: (pred, timeoutMs = 5000) =>
      waitFor(() => calls.find(pred), timeoutMs, 'matching Web API call'),
    waitForResponse: (pred, timeoutMs = 5000) =>
      waitFor(() => responses.find(pred), timeoutMs, 'matching response_url post'),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

let tsCounter = 0;
/** Message timestamps as Slack makes them: the epoch second, then a sequence (unique, increasing). */
function nextTs(): string {
  tsCounter += 1;
  return `${Math.floor(Date.now() / 1000)}.${String(tsCounter).padStart(6, '0')}`;
}

/** A user id posts to the app's DM with that user (D…); any other id is the conversation itself. */
function dmChannelOf(id: string): string {
  return /^[UW]/.test(id) ? `D${id.slice(1)}` : id;
}

async function readBytes(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function parseJson(raw: string): Record<string, unknown> {
  try {
    return JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return { raw };
  }
}

const JSON_FIELDS = new Set(['blocks', 'view', 'attachments', 'metadata']);

/** Web API arguments: form fields, where objects and arrays (blocks, view) travel as JSON strings. */
function parseParams(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if ((contentType ?? '').includes('application/json')) return parseJson(raw);
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = JSON_FIELDS.has(k) ? JSON.parse(v) : v;
  }
  return out;
}

/** The headers Slack sends with a request: `x-slack-signature` = v0 HMAC-SHA256 of `v0:{ts}:{body}`. */
export function slackSignature(
  signingSecret: string,
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
): { 'x-slack-request-timestamp': string; 'x-slack-signature': string } {
  const hmac = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': `v0=${hmac}` };
}
