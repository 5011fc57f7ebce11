import { afterAll, beforeAll, expect, it } from 'vitest';
import type { HttpServer } from '../../../src/runtime/http-server.ts';
import { startServer } from '../../../src/server.ts';
import { testContext } from '../../support/app-context.ts';
import { createTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { type FakeBotConnector, startFakeBotConnector } from '../../support/fake-bot-connector.ts';
import { teamsMessage } from './activities.ts';

let db: TestDatabase;
let server: HttpServer;
let connector: FakeBotConnector;

beforeAll(async () => {
  db = await createTestDatabase('pglite');
  connector = await startFakeBotConnector();
  server = await startServer(testContext(db.db), { port: 0, redisUrl: 'redis://127.0.0.1:6379' });
}, 30_000);
afterAll(async () => {
  await server?.close();
  await connector?.close();
  await db?.dispose();
});

it('the web composition root serves Teams at POST /api/messages without credentials', async () => {
  const activity = teamsMessage('help', {
    serviceUrl: connector.serviceUrl,
    tenantId: 'default',
    from: { id: '29:1x', name: 'X', aadObjectId: 'x' },
  });
  const res = await fetch(`http://127.0.0.1:${server.port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  expect(res.status).toBe(200);
  const [reply] = await connector.waitForSent(1);
  expect(reply?.kind).toBe('reply');
  expect(reply?.activity.attachments).toHaveLength(1);
  const get = await fetch(`http://127.0.0.1:${server.port}/api/messages`);
  expect(get.status).toBe(405);
});
