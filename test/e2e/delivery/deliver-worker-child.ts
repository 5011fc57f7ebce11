/**
 * A worker process for the delivery crash test: `node --import tsx deliver-worker-child.ts` with CHILD_*
 * variables. Starts the real worker (src/worker.ts) with short locks and leases, so that a killed worker's job and
 * claim are taken over within seconds, and prints "ready" once it consumes the deliver queue.
 */
import { openDatabase } from '../../../src/store/database.ts';
import { startWorker } from '../../../src/worker.ts';
import { testContext } from '../../support/app-context.ts';

const env = process.env;
const db = await openDatabase({ url: env.CHILD_DATABASE_URL!, dataDir: '' });
const ctx = testContext(db, {
  SLACK_BOT_TOKEN: env.CHILD_SLACK_TOKEN!,
  SLACK_SIGNING_SECRET: 'delivery-crash-secret',
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
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  void worker
    .close()
    .then(() => db.close())
    .finally(() => process.exit(0));
});
