import { randomBytes } from 'node:crypto';
import { QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markDirtyDays } from '../../../src/store/dirty-days.ts';
import { type RunningWorker, startWorker } from '../../../src/worker.ts';
import { testContext } from '../../support/app-context.ts';
import { createTestDatabase, type TestDatabase } from '../../support/databases.ts';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('rollup queue (real Redis, real PostgreSQL)', () => {
  let t: TestDatabase;
  let worker: RunningWorker;
  let events: QueueEvents;
  const prefix = `{kpibot-test-${randomBytes(4).toString('hex')}}`;
  const tenantId = `jobs-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    t = await createTestDatabase('postgres');
    const p = t.db.prisma;
    await p.tenant.create({ data: { id: tenantId, name: 'Jobs', tz: 'Europe/Paris' } });
    const closedAt = new Date('2026-11-10T10:00:00Z');
    await p.deal.create({
      data: {
        tenantId,
        source: 't',
        externalId: 'd1',
        status: 'won',
        amount: 1200,
        createdAt: closedAt,
        closedAt,
      },
    });
    // Written but never rolled up, as after a crash between an import and its rollup.
    await markDirtyDays(p, tenantId, 'Europe/Paris', [closedAt]);
    worker = await startWorker(testContext(t.db), { redisUrl, prefix });
    events = new QueueEvents('rollup', { connection: { url: redisUrl }, prefix });
    await events.waitUntilReady();
  });
  afterAll(async () => {
    await events?.close();
    if (worker) {
      await worker.queues.rollup.obliterate({ force: true });
      await worker.close();
    }
    await t?.dispose();
  });

  it('rolls up the days left dirty when the worker starts', async () => {
    await expect
      .poll(async () => t.db.prisma.rollupDirtyDay.count({ where: { tenantId } }), { timeout: 15_000 })
      .toBe(0);
    const revenue = await t.db.prisma.metricDaily.findFirst({
      where: {
        tenantId,
        measure: 'revenue_won',
        repId: '*',
        teamId: '*',
        channel: '*',
        campaignId: '*',
        stage: '*',
      },
    });
    expect(revenue?.value).toBe(1200);
  });

  it('processes a rollup job for new data', async () => {
    const closedAt = new Date('2026-11-12T10:00:00Z');
    await t.db.prisma.deal.create({
      data: {
        tenantId,
        source: 't',
        externalId: 'd2',
        status: 'won',
        amount: 300,
        createdAt: closedAt,
        closedAt,
      },
    });
    await markDirtyDays(t.db.prisma, tenantId, 'Europe/Paris', [closedAt]);
    const job = await worker.queues.rollup.add('rollup', { tenantId, full: false });
    const result = (await job.waitUntilFinished(events, 15_000)) as { days: number };
    expect(result.days).toBe(1);
    const rows = await t.db.prisma.metricDaily.findMany({
      where: {
        tenantId,
        measure: 'revenue_won',
        repId: '*',
        teamId: '*',
        channel: '*',
        campaignId: '*',
        stage: '*',
      },
      orderBy: { day: 'asc' },
    });
    expect(rows.map((r) => r.value)).toEqual([1200, 300]);
  });

  it('fails a malformed payload once, without retrying', async () => {
    const job = await worker.queues.rollup.add('rollup', { tenantId: '' } as never);
    await expect(job.waitUntilFinished(events, 15_000)).rejects.toThrow(/invalid rollup payload/);
    const failed = await worker.queues.rollup.getJob(job.id!);
    expect(failed?.attemptsMade).toBe(1);
  });
});
