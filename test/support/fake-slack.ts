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
}

export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
}

export interface FakeSlack {
  /** The Web API base, for SLACK_API_URL. */
  readonly apiUrl: string;
  readonly calls: ApiCall[];
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
  const waiters: (() => void)[] = [];
  const notify = () => {
    for (const w of waiters.splice(0)) w();
  };

  const server = http.createServer((req, res) => {
    void readBody(req).then((raw) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const send = (status: number, body: unknown) =>
        res
          .writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
          .end(JSON.stringify(body));
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
      calls.push({ method, params, authorization });
      notify();
      send(200, answer(method, params, authorization));
    });
  });

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
      case 'chat.postMessage':
        if (opts.goneChannels?.includes(String(params.channel)))
          return { ok: false, error: 'channel_not_found' };
        return { ok: true, channel: params.channel, ts: nextTs(), message: { text: params.text } };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: nextTs() };
      case 'views.publish':
        return { ok: true, view: { id: 'V0HOME', type: 'home' } };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

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
function nextTs(): string {
  tsCounter += 1;
  return `1763456400.${String(tsCounter).padStart(6, '0')}`;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
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
