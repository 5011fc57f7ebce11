import { Queue, QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SyncPayload, syncSchedulerId } from '../../../jobs/queues.ts';
import { configuredSyncTargets, reconcileSyncSchedulers } from '../../../jobs/schedules.ts';
import { pendingAdminNotices } from '../../../src/app/sync/admin-notices.ts';
import { parseConfig } from '../../../src/config.ts';
import { registerConnector, unregisterConnector } from '../../../src/connectors/registry.ts';
import { type RunningWorker, startWorker } from '../../../src/worker.ts';
import { testContext } from '../../support/app-context.ts';
import { createTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { FakeSource, seedFakeSource } from './fake-connector.ts';
import { newQueuePrefix, newTenantId, redisUrl } from './sync-test-kit.ts';

describe('sync queue and schedulers (real Redis, real PostgreSQL)', () => {
  let t: TestDatabase;
  let worker: RunningWorker;
  let events: { sync: QueueEvents; alerts: QueueEvents };
  const prefix = newQueuePrefix();
  const healthy = new FakeSource({ source: 'fake-ok', pageSize: 25 });
  const revoked = new FakeSource({ source: 'fake-revoked', badCredentials: true });
  seedFakeSource(healthy, { owners: 2, leads: 80 });
  seedFakeSource(revoked, { owners: 1, leads: 3 });

  beforeAll(async () => {
    for (const fake of [healthy, revoked]) {
      registerConnector({
        source: fake.source,
        label: fake.source,
        enabledBy: [],
        parseConfig: () => ({}),
        create: () => fake.connector(),
      });
    }
    t = await createTestDatabase('postgres');
    worker = await startWorker(testContext(t.db), {
      redisUrl,
      prefix,
      env: {},
      syncTargets: [],
      alertsEveryMs: 0,
    });
    events = {
      sync: new QueueEvents('sync', { connection: { url: redisUrl }, prefix }),
      alerts: new QueueEvents('alerts', { connection: { url: redisUrl }, prefix }),
    };
    await Promise.all([events.sync.waitUntilReady(), events.alerts.waitUntilReady()]);
  });
  afterAll(async () => {
    await events?.sync.close();
    await events?.alerts.close();
    if (worker) {
      for (const q of Object.values(worker.queues)) await q.obliterate({ force: true });
      await worker.close();
    }
    unregisterConnector(healthy.source);
    unregisterConnector(revoked.source);
    await t?.dispose();
  });

  it('runs a sync job, then the rollup of the days it touched, then the alerts evaluation', async () => {
    const tenantId = newTenantId('queue-ok');
    const alertsDone = new Promise<unknown>((resolve) => {
      events.alerts.on('completed', ({ returnvalue }) => resolve(returnvalue));
    });
    const job = await worker.queues.sync.add('sync', { tenantId, source: healthy.source });
    const outcome = (await job.waitUntilFinished(events.sync, 20_000)) as {
      status: string;
      inserted: number;
    };
    expect(outcome).toMatchObject({ status: 'succeeded', inserted: 2 + 80 + 26 });
    await expect
      .poll(() => t.db.prisma.rollupDirtyDay.count({ where: { tenantId } }), { timeout: 15_000 })
      .toBe(0);
    expect(await t.db.prisma.metricDaily.count({ where: { tenantId } })).toBeGreaterThan(0);
    expect(await alertsDone).toMatchObject({ rules: 0, fired: 0, errors: 0 });
  });

  it('bad credentials: the job fails at once (no retry), the run is failed, one notice across two jobs', async () => {
    const tenantId = newTenantId('queue-auth');
    for (let i = 0; i < 2; i++) {
      const job = await worker.queues.sync.add(
        'sync',
        { tenantId, source: revoked.source },
        { attempts: 4, backoff: { type: 'fixed', delay: 100 } },
      );
      await expect(job.waitUntilFinished(events.sync, 20_000)).rejects.toThrow(/401 Unauthorized/);
      const failed = await worker.queues.sync.getJob(job.id!);
      expect(failed?.attemptsMade).toBe(1);
      expect(await failed?.getState()).toBe('failed');
    }
    const runs = await t.db.prisma.syncRun.findMany({ where: { tenantId } });
    expect(runs.map((r) => r.status)).toEqual(['failed', 'failed']);
    expect(await pendingAdminNotices(t.db.prisma, tenantId)).toHaveLength(1);
  });

  it('fails a job for an unknown source or a malformed payload once, without retrying', async () => {
    for (const data of [
      { tenantId: 'x', source: 'no-such-source' },
      { tenantId: '', source: 'csv' },
    ]) {
      const job = await worker.queues.sync.add('sync', data as SyncPayload, { attempts: 3 });
      await expect(job.waitUntilFinished(events.sync, 20_000)).rejects.toThrow(
        /Unknown source|invalid sync payload/,
      );
      expect((await worker.queues.sync.getJob(job.id!))?.attemptsMade).toBe(1);
    }
  });
});

describe('sync job schedulers (real Redis)', () => {
  const prefix = newQueuePrefix();
  const queue = new Queue<SyncPayload>('sync', { connection: { url: redisUrl }, prefix });
  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
  });

  const ids = async () => (await queue.getJobSchedulers(0, -1)).map((s) => s.key).sort();

  it('keeps one scheduler per configured tenant and source, and removes the ones no longer configured', async () => {
    const everyMs = 15 * 60_000;
    await reconcileSyncSchedulers(
      queue,
      [
        { tenantId: 'acme', source: 'hubspot' },
        { tenantId: 'acme', source: 'csv' },
        { tenantId: 'globex', source: 'hubspot' },
      ],
      everyMs,
    );
    expect(await ids()).toEqual(['sync:acme:csv', 'sync:acme:hubspot', 'sync:globex:hubspot']);
    const scheduler = await queue.getJobScheduler(syncSchedulerId('acme', 'hubspot'));
    expect(scheduler).toMatchObject({ every: everyMs, name: 'sync' });
    expect(scheduler?.template?.data).toMatchObject({ tenantId: 'acme', source: 'hubspot' });
    expect(scheduler?.template?.opts).toMatchObject({ attempts: 4, removeOnFail: { age: 604800 } });

    // Upserting again changes nothing; the csv source is dropped from the config.
    const result = await reconcileSyncSchedulers(
      queue,
      [
        { tenantId: 'acme', source: 'hubspot' },
        { tenantId: 'globex', source: 'hubspot' },
      ],
      everyMs,
    );
    expect(result.removed).toEqual(['sync:acme:csv']);
    expect(await ids()).toEqual(['sync:acme:hubspot', 'sync:globex:hubspot']);

    // KPIBOT_SYNC_EVERY=0: syncs only on demand.
    await reconcileSyncSchedulers(queue, [{ tenantId: 'acme', source: 'hubspot' }], 0);
    expect(await ids()).toEqual([]);
  });

  it('derives the targets from the environment: every configured source for KPIBOT_SYNC_TENANT', () => {
    const env = { KPIBOT_CSV_DIR: '/srv/drop', KPIBOT_SYNC_TENANT: 'acme' };
    expect(configuredSyncTargets(parseConfig(env), env)).toEqual([{ tenantId: 'acme', source: 'csv' }]);
    expect(configuredSyncTargets(parseConfig({}), {})).toEqual([]);
  });
});
