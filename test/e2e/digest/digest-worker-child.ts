/**
 * A worker process for the digest restart test: `node --import tsx digest-worker-child.ts` with CHILD_* variables.
 * Runs the real worker (deliver queue and senders) and a digest worker on the same Redis prefix, with short locks so
 * that a killed process's digest job is taken over within seconds; prints "ready" once both consume.
 */
import { Queue, Worker } from 'bullmq';
import { DIGEST_QUEUE, type DigestJobData, digestProcessor } from '../../../jobs/digest.ts';
import { openDatabase } from '../../../src/store/database.ts';
import { startWorker } from '../../../src/worker.ts';
import { testContext } from '../../support/app-context.ts';

const env = process.env;
const db = await openDatabase({ url: env.CHILD_DATABASE_URL!, dataDir: '' });
const ctx = testContext(db, {
  SLACK_BOT_TOKEN: env.CHILD_SLACK_TOKEN!,
  SLACK_SIGNING_SECRET: 'digest-restart-secret',
  SLACK_API_URL: env.CHILD_SLACK_API_URL!,
});
const worker = await startWorker(ctx, {
  redisUrl: env.CHILD_REDIS_URL!,
  prefix: env.CHILD_PREFIX!,
  env: {},
  syncTargets: [],
  syncEveryMs: 0,
  deliver: { leaseMs: 2_000, lockDurationMs: 1_500, sweepEveryMs: 0, staleAfterMs: 0 },
});
const connection = { url: env.CHILD_REDIS_URL! };
const queue = new Queue<DigestJobData>(DIGEST_QUEUE, { connection, prefix: env.CHILD_PREFIX! });
const digest = new Worker(DIGEST_QUEUE, digestProcessor({ ctx, queue, dispatch: worker.dispatch }), {
  connection,
  prefix: env.CHILD_PREFIX!,
  lockDuration: 1_500,
  stalledInterval: 1_500,
});
await digest.waitUntilReady();
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  void Promise.all([digest.close(), queue.close()])
    .then(() => worker.close())
    .then(() => db.close())
    .finally(() => process.exit(0));
});
