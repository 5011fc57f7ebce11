/**
 * A worker process for the crash test: `node --import tsx sync-worker-child.ts` with CHILD_* variables. It starts
 * the real worker (src/worker.ts) with a fake source registered, optionally enqueues one sync job, prints
 * "page <stream> <n>" as pages are handed out and "completed <json>" when the job completes.
 */
import { QueueEvents } from 'bullmq';
import { registerConnector } from '../../../src/connectors/registry.ts';
import { openDatabase } from '../../../src/store/database.ts';
import { startWorker } from '../../../src/worker.ts';
import type { FakeSource } from '../../integration/sync/fake-connector.ts';
import { testContext } from '../../support/app-context.ts';
import { CRASH_JOB_ID, CRASH_SOURCE, crashTestSource } from './crash-source.ts';

const env = process.env;
const redisUrl = env.CHILD_REDIS_URL!;
const prefix = env.CHILD_PREFIX!;
const tenantId = env.CHILD_TENANT!;

const source: FakeSource = crashTestSource({
  pageDelayMs: 25,
  onPage: (stream, index) => process.stdout.write(`page ${stream} ${index}\n`),
});
registerConnector({
  source: CRASH_SOURCE,
  label: 'crash test',
  enabledBy: [],
  parseConfig: () => ({}),
  create: () => source.connector(),
});

const db = await openDatabase({ url: env.CHILD_DATABASE_URL!, dataDir: '' });
const events = new QueueEvents('sync', { connection: { url: redisUrl }, prefix });
await events.waitUntilReady();
events.on('completed', ({ jobId, returnvalue }) => {
  if (jobId === CRASH_JOB_ID) process.stdout.write(`completed ${JSON.stringify(returnvalue)}\n`);
});
const worker = await startWorker(testContext(db), {
  redisUrl,
  prefix,
  env: {},
  syncTargets: [],
  syncLockDurationMs: 1_500,
});
if (env.CHILD_ENQUEUE === '1') {
  await worker.queues.sync.add('sync', { tenantId, source: CRASH_SOURCE }, { jobId: CRASH_JOB_ID });
}
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  void Promise.all([worker.close(), events.close()])
    .then(() => db.close())
    .finally(() => process.exit(0));
});
