import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type WebServer } from '../../src/server.ts';
import { testContext } from '../support/app-context.ts';
import { createTestDatabase, type TestDatabase } from '../support/databases.ts';

const REDIS_URL = 'redis://127.0.0.1:6379';
const USER = 'ops';
const PASSWORD = 'correct-horse-battery-staple';

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

describe('Bull Board at /admin/queues', () => {
  let t: TestDatabase;
  let server: WebServer;
  let off: WebServer;
  const prefix = `{board-${randomBytes(4).toString('hex')}}`;
  let connection: Redis;

  beforeAll(async () => {
    t = await createTestDatabase('pglite');
    const env = { KPIBOT_QUEUE_BOARD_USER: USER, KPIBOT_QUEUE_BOARD_PASSWORD: PASSWORD };
    server = await startServer(testContext(t.db, env), { port: 0, redisUrl: REDIS_URL, queuePrefix: prefix });
    off = await startServer(testContext(t.db), { port: 0, redisUrl: REDIS_URL, queuePrefix: prefix });
    connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const sync = new Queue('sync', { connection, prefix });
    await sync.add('sync', { tenantId: 'acme', source: 'hubspot' });
    await sync.close();
  }, 30_000);
  afterAll(async () => {
    await server?.close();
    await off?.close();
    const keys = await connection.keys(`${prefix}:*`);
    if (keys.length > 0) await connection.del(...keys);
    connection.disconnect();
    await t?.dispose();
  });

  it('is off unless its credentials are configured', async () => {
    const res = await fetch(`http://127.0.0.1:${off.port}/admin/queues`);
    expect(res.status).toBe(404);
  });

  it('asks for basic auth and refuses wrong credentials', async () => {
    const anonymous = await fetch(`http://127.0.0.1:${server.port}/admin/queues`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic realm="kpibot queues"/);
    const wrong = await fetch(`http://127.0.0.1:${server.port}/admin/queues/api/queues`, {
      headers: { authorization: basic(USER, `${PASSWORD}x`) },
    });
    expect(wrong.status).toBe(401);
    const sub = await fetch(`http://127.0.0.1:${server.port}/admin/queuesX`, {
      headers: { authorization: basic(USER, PASSWORD) },
    });
    expect(sub.status).toBe(404);
  });

  it('shows every kpibot queue and the jobs waiting in them', async () => {
    const page = await fetch(`http://127.0.0.1:${server.port}/admin/queues`, {
      headers: { authorization: basic(USER, PASSWORD) },
    });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('kpibot queues');
    const api = await fetch(
      `http://127.0.0.1:${server.port}/admin/queues/api/queues?activeQueue=sync&status=waiting`,
      {
        headers: { authorization: basic(USER, PASSWORD) },
      },
    );
    expect(api.status).toBe(200);
    const body = (await api.json()) as {
      queues: Array<{ name: string; counts: Record<string, number>; jobs: Array<{ data: unknown }> }>;
    };
    expect(body.queues.map((q) => q.name).sort()).toEqual(['alerts', 'deliver', 'digest', 'rollup', 'sync']);
    const sync = body.queues.find((q) => q.name === 'sync');
    expect(sync?.counts.waiting).toBe(1);
    expect(sync?.jobs[0]?.data).toEqual({ tenantId: 'acme', source: 'hubspot' });
  });
});
