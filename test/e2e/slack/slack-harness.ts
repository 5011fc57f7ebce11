import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { AppContext } from '../../../src/app/context.ts';
import { type HttpServer, startHttpServer } from '../../../src/runtime/http-server.ts';
import { createSlack, type SlackOptions, type SlackService } from '../../../src/slack/index.ts';
import { NOW, seedSalesTeam } from '../../integration/answers/sales-fixture.ts';
import { testContext } from '../../support/app-context.ts';
import { createTestDatabase, type TestDatabase } from '../../support/databases.ts';
import {
  type FakeBotToken,
  type FakeOAuthGrant,
  type FakeSlack,
  type FakeSlackUser,
  slackSignature,
  startFakeSlack,
} from '../../support/fake-slack.ts';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

/** The fixture team as Slack users (sales-fixture.ts): Alice and Bob reps in Paris, Marc their manager, Diane admin. */
export const USERS: FakeSlackUser[] = [
  {
    id: 'UALICE',
    name: 'alice',
    email: 'alice@acme.test',
    locale: 'en-US',
    tz: 'Europe/Paris',
    realName: 'Alice Martin',
  },
  {
    id: 'UBOB',
    name: 'bob',
    email: 'Bob@Acme.test',
    locale: 'fr-FR',
    tz: 'Europe/Paris',
    realName: 'Bob Durand',
  },
  {
    id: 'UMARC',
    name: 'marc',
    email: 'marc@acme.test',
    locale: 'fr-FR',
    tz: 'Europe/Paris',
    realName: 'Marc Petit',
  },
  {
    id: 'UDIANE',
    name: 'diane',
    email: 'dir@acme.test',
    locale: 'en-GB',
    tz: 'Europe/Paris',
    realName: 'Diane Admin',
  },
];

export interface SlackHarness {
  t: TestDatabase;
  ctx: AppContext;
  fake: FakeSlack;
  slack: SlackService;
  server: HttpServer;
  /** Every log line written while serving, parsed. */
  logs: Record<string, unknown>[];
  /** POSTs a body to /slack/events signed as Slack signs it (or with the given headers instead). */
  post(req: { body: string; contentType: string }, headers?: Record<string, string>): Promise<Response>;
  url(path: string): string;
  dispose(): Promise<void>;
}

/**
 * The real HTTP server with Slack mounted, over a PGlite database seeded with the hand-checked sales team, and
 * a fake Slack Web API. Questions are answered at the fixture's "now"; signatures use the wall clock.
 */
export async function startSlackHarness(opts: {
  env: (fake: FakeSlack) => Record<string, string>;
  tokens: Record<string, FakeBotToken>;
  seedTenants: string[];
  grants?: Record<string, FakeOAuthGrant>;
  slack?: SlackOptions;
}): Promise<SlackHarness> {
  const t = await createTestDatabase('pglite');
  for (const tenantId of opts.seedTenants) await seedSalesTeam(t.db, tenantId);
  const fake = await startFakeSlack({
    users: USERS,
    tokens: opts.tokens,
    ...(opts.grants ? { grants: opts.grants } : {}),
    goneChannels: ['C0GONE'],
  });
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  const ctx: AppContext = {
    ...testContext(t.db, {
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      ...opts.env(fake),
    }),
    log: pino({ level: 'info' }, sink),
  };
  const slack = createSlack(ctx, { now: () => NOW, ...opts.slack });
  if (!slack) throw new Error('Slack not configured by the test env');
  const server = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    routes: slack.routes,
    readiness: async () => ({}),
    log: ctx.log,
  });
  const url = (path: string) => `http://127.0.0.1:${server.port}${path}`;
  return {
    t,
    ctx,
    fake,
    slack,
    server,
    logs,
    url,
    post: (req, headers) =>
      fetch(url('/slack/events'), {
        method: 'POST',
        headers: {
          'content-type': req.contentType,
          ...(headers ?? slackSignature(SIGNING_SECRET, req.body)),
        },
        body: req.body,
      }),
    dispose: async () => {
      await server.close();
      await slack.stop();
      await fake.close();
      await t.dispose();
    },
  };
}
