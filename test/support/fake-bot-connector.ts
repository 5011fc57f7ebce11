import { createSign, generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto';
import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A Bot Connector service on 127.0.0.1, as Teams' `serviceUrl` points at it: captures the bot's replies
 * (`POST /v3/conversations/{id}/activities[/{replyToId}]`), updates (`PUT …/activities/{id}`), answers roster
 * lookups (`GET /v3/conversations/{id}/members/{userId}`) with the documented TeamsChannelAccount shape, creates 1:1
 * conversations (`POST /v3/conversations`), and plays the Bot Framework token service: OpenID configuration, a JWKS
 * with a local RSA key (so tests sign inbound activities as the channel does) and a client-credentials token endpoint.
 */

export interface TeamsChannelAccount {
  id: string;
  name: string;
  aadObjectId: string;
  email: string;
  userPrincipalName: string;
  tenantId: string;
  givenName?: string;
  surname?: string;
}

export interface CapturedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
  /** The HTTP status the fake answered with. */
  status: number;
}

/** An activity the bot sent (posted, replied or updated). */
export interface SentActivity {
  kind: 'reply' | 'post' | 'update';
  conversationId: string;
  /** replyToId for a reply, the updated activity's id for an update. */
  activityId: string | null;
  activity: Record<string, unknown>;
  /** The id the fake gave it (a reply or post), or the updated id. */
  id: string;
  authorization: string | undefined;
}

export interface FakeBotConnector {
  /** The serviceUrl to put on activities, with a trailing slash as Teams sends it. */
  readonly serviceUrl: string;
  readonly requests: CapturedRequest[];
  readonly sent: SentActivity[];
  readonly members: Map<string, TeamsChannelAccount>;
  /** Conversations created by the bot (POST /v3/conversations): their parameters. */
  readonly created: Array<{ id: string; body: Record<string, unknown> }>;
  /** The next `count` activity sends answer `status` with these headers (e.g. 429 + Retry-After). */
  failNextSends(count: number, status: number, headers?: Record<string, string>): void;
  /** Bot Framework token service (auth on): */
  readonly openIdMetadataUrl: string;
  readonly issuer: string;
  readonly tokenEndpoint: string;
  readonly issuedAccessToken: string;
  /** A channel → bot JWT signed with the local key (or another key, to test rejection). */
  signChannelToken(claims: Record<string, unknown>, opts?: { foreignKey?: boolean; kid?: string }): string;
  /** Waits until `n` activities were sent (replies, posts, updates). */
  waitForSent(n: number, timeoutMs?: number): Promise<SentActivity[]>;
  reset(): void;
  close(): Promise<void>;
}

const KEY_ID = 'fake-bot-connector-key';

export async function startFakeBotConnector(): Promise<FakeBotConnector> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const foreign = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const requests: CapturedRequest[] = [];
  const sent: SentActivity[] = [];
  const members = new Map<string, TeamsChannelAccount>();
  const created: Array<{ id: string; body: Record<string, unknown> }> = [];
  const failures: Array<{ status: number; headers: Record<string, string> }> = [];
  const waiters: Array<() => void> = [];
  let base = '';
  const issuedAccessToken = `fake-access-${randomUUID()}`;

  const server = http.createServer((req, res) => {
    void readBody(req).then((raw) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let body: unknown = raw;
      if ((req.headers['content-type'] ?? '').includes('json') && raw) body = JSON.parse(raw);
      const reply = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
        requests.push({ method: req.method ?? '', path: url.pathname, headers: req.headers, body, status });
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(payload === undefined ? '' : JSON.stringify(payload));
      };
      route(req, url, body, reply);
    });
  });

  function route(
    req: IncomingMessage,
    url: URL,
    body: unknown,
    reply: (status: number, payload?: unknown, headers?: Record<string, string>) => void,
  ) {
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const method = req.method ?? 'GET';
    if (method === 'GET' && url.pathname === '/v1/.well-known/openidconfiguration') {
      return reply(200, {
        issuer: `${base}`,
        jwks_uri: `${base}/v1/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
      });
    }
    if (method === 'GET' && url.pathname === '/v1/keys') {
      const jwk = publicKey.export({ format: 'jwk' });
      return reply(200, { keys: [{ ...jwk, kid: KEY_ID, use: 'sig', endorsements: ['msteams'] }] });
    }
    if (method === 'POST' && url.pathname.endsWith('/oauth2/v2.0/token')) {
      const form = new URLSearchParams(typeof body === 'string' ? body : '');
      if (form.get('grant_type') !== 'client_credentials')
        return reply(400, { error: 'unsupported_grant_type' });
      return reply(200, {
        token_type: 'Bearer',
        expires_in: 3600,
        ext_expires_in: 3600,
        access_token: issuedAccessToken,
      });
    }
    if (parts[0] !== 'v3' || parts[1] !== 'conversations') return reply(404, { error: { code: 'NotFound' } });
    const conversationId = parts[2];
    if (method === 'POST' && parts.length === 2) {
      const id = `a:${randomUUID()}`;
      created.push({ id, body: body as Record<string, unknown> });
      return reply(201, { id, activityId: null, serviceUrl: `${base}/` });
    }
    if (!conversationId) return reply(404, { error: { code: 'NotFound' } });
    if (method === 'GET' && parts[3] === 'members' && parts[4]) {
      const member = members.get(parts[4]);
      return member
        ? reply(200, member)
        : reply(404, {
            error: { code: 'MemberNotFoundInConversation', message: 'The member is not in the conversation' },
          });
    }
    if (parts[3] === 'activities' && (method === 'POST' || method === 'PUT')) {
      const failure = failures.shift();
      if (failure)
        return reply(
          failure.status,
          { error: { code: 'Throttled', message: 'Too many requests' } },
          failure.headers,
        );
      const activity = body as Record<string, unknown>;
      const kind = method === 'PUT' ? 'update' : parts[4] ? 'reply' : 'post';
      const id = kind === 'update' ? (parts[4] ?? '') : `${Date.now()}${sent.length}`;
      sent.push({
        kind,
        conversationId,
        activityId: parts[4] ?? null,
        activity,
        id,
        authorization: req.headers.authorization,
      });
      reply(kind === 'update' ? 200 : 201, { id });
      for (const wake of waiters.splice(0)) wake();
      return;
    }
    return reply(404, { error: { code: 'NotFound' } });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    serviceUrl: `${base}/`,
    requests,
    sent,
    members,
    created,
    failNextSends(count, status, headers = {}) {
      for (let i = 0; i < count; i++) failures.push({ status, headers });
    },
    openIdMetadataUrl: `${base}/v1/.well-known/openidconfiguration`,
    issuer: base,
    tokenEndpoint: `${base}/botframework.com/oauth2/v2.0/token`,
    issuedAccessToken,
    signChannelToken(claims, opts = {}) {
      const now = Math.floor(Date.now() / 1000);
      const payload = { iss: base, nbf: now - 10, exp: now + 600, ...claims };
      return signJwt(payload, opts.foreignKey ? foreign.privateKey : privateKey, opts.kid ?? KEY_ID);
    },
    async waitForSent(n, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (sent.length < n) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`expected ${n} activities at the fake connector, got ${sent.length}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return sent.slice(0, n);
    },
    reset() {
      requests.length = 0;
      sent.length = 0;
      created.length = 0;
      failures.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function signJwt(payload: Record<string, unknown>, key: KeyObject, kid: string): string {
  const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const head = `${enc({ alg: 'RS256', typ: 'JWT', kid, x5t: kid })}.${enc(payload)}`;
  const signature = createSign('RSA-SHA256').update(head).sign(key).toString('base64url');
  return `${head}.${signature}`;
}
