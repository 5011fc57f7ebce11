import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { QUEUE_PREFIX, QUEUES, type RollupPayload } from '../jobs/queues.ts';
import { rollupProcessor } from '../jobs/rollup.ts';
import type { AppContext } from './app/context.ts';

export interface RunningWorker {
  queues: { rollup: Queue<RollupPayload> };
  close(): Promise<void>;
}

export interface WorkerOptions {
  redisUrl: string;
  /** Key prefix of every queue (tests use their own); hash-tagged for Redis Cluster. */
  prefix?: string;
}

/** Job options shared by kpibot's queues: retries with exponential backoff; failed jobs are kept for a week. */
export const defaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

/** Worker composition root: one BullMQ worker per queue on one Redis connection. */
export async function startWorker(ctx: AppContext, opts: WorkerOptions): Promise<RunningWorker> {
  const connection = new Redis(opts.redisUrl, { maxRetriesPerRequest: null });
  connection.on('error', (err) => ctx.log.warn({ err: err.message }, 'redis connection error'));
  const queueOpts = { connection, prefix: opts.prefix ?? QUEUE_PREFIX };
  const rollup = new Queue<RollupPayload>(QUEUES.rollup, { ...queueOpts, defaultJobOptions });
  const workers = [new Worker(QUEUES.rollup, rollupProcessor(ctx), { ...queueOpts, concurrency: 1 })];
  for (const w of workers) {
    w.on('failed', (job, err) =>
      ctx.log.error(
        { queue: w.name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message },
        'job failed',
      ),
    );
    w.on('error', (err) => ctx.log.error({ queue: w.name, err: err.message }, 'worker error'));
  }
  await enqueuePendingRollups(ctx, rollup);
  return {
    queues: { rollup },
    close: async () => {
      await Promise.all(workers.map((w) => w.close()));
      await rollup.close();
      connection.disconnect();
    },
  };
}

/**
 * Days marked dirty but never rolled up (a process stopped between an import and its rollup) are picked up when
 * a worker starts. The job id makes concurrent starts enqueue one job per tenant.
 */
export async function enqueuePendingRollups(ctx: AppContext, queue: Queue<RollupPayload>): Promise<number> {
  const tenants = await ctx.db.prisma.rollupDirtyDay.findMany({
    distinct: ['tenantId'],
    select: { tenantId: true },
  });
  for (const { tenantId } of tenants) {
    await queue.add(
      'rollup',
      { tenantId, full: false, reason: 'pending at start' },
      { deduplication: { id: `rollup:${tenantId}` } },
    );
  }
  return tenants.length;
}
