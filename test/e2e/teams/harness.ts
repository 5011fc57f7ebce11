import { pino } from 'pino';
import type { AppContext } from '../../../src/app/context.ts';
import { type HttpServer, startHttpServer } from '../../../src/runtime/http-server.ts';
import { createTeams, type Teams, type TeamsOptions } from '../../../src/teams/index.ts';
import { NOW, seedSalesTeam } from '../../integration/answers/sales-fixture.ts';
import { testContext } from '../../support/app-context.ts';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from '../../support/databases.ts';
import { type FakeBotConnector, startFakeBotConnector } from '../../support/fake-bot-connector.ts';

/** A Teams tenant id, as Teams sends it on every activity: the fixture's tenant. */
export const TENANT = '5a2c0e4b-7d1f-4c3a-9b8e-0f6d2a1c3e5b';

export const USERS = {
  alice: { id: '29:1alice', name: 'Alice Martin', aadObjectId: 'aad-alice' },
  bob: { id: '29:1bob', name: 'Bob Durand', aadObjectId: 'aad-bob' },
  diane: { id: '29:1diane', name: 'Diane Admin', aadObjectId: 'aad-diane' },
  marc: { id: '29:1marc', name: 'Marc Petit', aadObjectId: 'aad-marc' },
  zoe: { id: '29:1zoe', name: 'Zoé Roux', aadObjectId: 'aad-zoe' },
};

const EMAILS: Record<keyof typeof USERS, string> = {
  alice: 'alice@acme.test',
  bob: 'bob@acme.test',
  diane: 'dir@acme.test',
  marc: 'Marc@Acme.test',
  zoe: 'zoe@acme.test',
};

export interface TeamsHarness {
  db: TestDatabase;
  ctx: AppContext;
  connector: FakeBotConnector;
  teams: Teams;
  server: HttpServer;
  url: string;
  post(activity: unknown, headers?: Record<string, string>): Promise<Response>;
  logs: string[];
  close(): Promise<void>;
}

/** The real HTTP server with the Teams route, a seeded test database and a fake Bot Connector. */
export async function startTeamsHarness(
  opts: {
    kind?: DatabaseKind;
    env?: Record<string, string>;
    teams?: (c: FakeBotConnector) => TeamsOptions;
  } = {},
): Promise<TeamsHarness> {
  const db = await createTestDatabase(opts.kind ?? 'pglite');
  await seedSalesTeam(db.db, TENANT);
  const logs: string[] = [];
  const base = testContext(db.db, opts.env ?? {});
  const log = pino({ level: 'debug' }, { write: (line: string) => void logs.push(line) });
  const ctx: AppContext = { ...base, log };
  const connector = await startFakeBotConnector();
  for (const [key, user] of Object.entries(USERS)) {
    connector.members.set(user.id, {
      ...user,
      email: EMAILS[key as keyof typeof USERS],
      userPrincipalName: EMAILS[key as keyof typeof USERS].toLowerCase(),
      tenantId: TENANT,
    });
  }
  const teams = createTeams(ctx, {
    now: () => NOW,
    retry: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 200 },
    ...(opts.teams?.(connector) ?? {}),
  });
  const server = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    routes: teams.routes,
    log,
    readiness: async () => ({}),
  });
  const url = `http://127.0.0.1:${server.port}/api/messages`;
  return {
    db,
    ctx,
    connector,
    teams,
    server,
    url,
    logs,
    post: (activity, headers = {}) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(activity),
      }),
    async close() {
      await server.close();
      await connector.close();
      await db.dispose();
    },
  };
}

/** Every TextBlock / FactSet text of a card, joined: what a reader sees. */
export function cardText(activity: Record<string, unknown>): string {
  const attachments = (activity.attachments ?? []) as Array<{ contentType: string; content: unknown }>;
  const texts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.text === 'string') texts.push(o.text);
      if (typeof o.title === 'string' && typeof o.value === 'string') texts.push(`${o.title} ${o.value}`);
      for (const v of Object.values(o)) if (typeof v === 'object') walk(v);
    }
  };
  walk(attachments.map((a) => a.content));
  return texts.join('\n');
}

export function adaptiveCardOf(activity: Record<string, unknown>) {
  const [attachment] = (activity.attachments ?? []) as Array<{
    contentType: string;
    content: Record<string, unknown>;
  }>;
  return attachment;
}
