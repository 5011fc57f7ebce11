import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { QUEUE_PREFIX, QUEUES } from '../jobs/queues.ts';
import { rollupProcessor } from '../jobs/rollup.ts';
import type { AppContext } from './app/context.ts';

export interface RunningWorker {
  queues: { rollup: Queue };
  close(): Promise<void>;
}

/** Worker composition root: one BullMQ worker per queue, sharing one Redis connection each for commands. */
export async function startWorker(ctx: AppContext, redisUrl: string): Promise<RunningWorker> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  connection.on('error', (err) => ctx.log.warn({ err: err.message }, 'redis connection error'));
  const queueOpts = { connection, prefix: QUEUE_PREFIX };
  const rollup = new Queue(QUEUES.rollup, queueOpts);
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
  return {
    queues: { rollup },
    close: async () => {
      await Promise.all(workers.map((w) => w.close()));
      await rollup.close();
      connection.disconnect();
    },
  };
}
