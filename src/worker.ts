import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { alertsProcessor, scheduleAlertEvaluations } from '../jobs/alerts.ts';
import {
  deliverProcessor,
  deliveryDispatch,
  SWEEP_JOB,
  type SweepOptions,
  sweepDeliveries,
} from '../jobs/deliver.ts';
import {
  DIGEST_QUEUE,
  type DigestJobData,
  digestProcessor,
  reconcileDigestSchedulers,
  scheduleDigestReconcile,
} from '../jobs/digest.ts';
import {
  type AlertsPayload,
  DELIVER_SWEEP_SCHEDULER,
  type DeliverJobData,
  QUEUE_PREFIX,
  QUEUES,
  type RollupPayload,
  type SyncPayload,
} from '../jobs/queues.ts';
import { rollupProcessor } from '../jobs/rollup.ts';
import { configuredSyncTargets, reconcileSyncSchedulers, type SyncTarget } from '../jobs/schedules.ts';
import { syncProcessor } from '../jobs/sync.ts';
import type { AppContext } from './app/context.ts';
// Every delivery kind must render in the worker, whatever job enqueued it (alerts and notices come with the
// outbox itself; the digest's renderer lives with the digest).
import './app/digest/digest-renderer.ts';
import type { DeliverOptions, DeliveryDispatch, DeliverySenders } from './app/delivery/index.ts';
import { loadDigestsFile } from './app/digest/digests-file.ts';
import { listSubscriptions } from './app/digest/subscriptions.ts';
import { ConfigError } from './config.ts';
import { checkConnectorConfigs } from './connectors/registry.ts';
import { createSlackSender } from './slack/delivery/slack-sender.ts';
import { createWorkerTeamsSender } from './teams/teams-sender.ts';

export interface RunningWorker {
  queues: {
    sync: Queue<SyncPayload>;
    rollup: Queue<RollupPayload>;
    alerts: Queue<AlertsPayload>;
    deliver: Queue<DeliverJobData>;
    digest: Queue<DigestJobData>;
  };
  /** Adds deliver jobs for outbox rows (producers call it after committing them). */
  dispatch: DeliveryDispatch;
  close(): Promise<void>;
}

export interface WorkerOptions {
  redisUrl: string;
  /** Key prefix of every queue (tests use their own); hash-tagged for Redis Cluster. */
  prefix?: string;
  /** Where connectors read their <SOURCE>_… variables (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  /** The (tenant, source) pairs to keep fresh (default: every source the environment configures). */
  syncTargets?: readonly SyncTarget[];
  /** Between scheduled syncs (default KPIBOT_SYNC_EVERY minutes; 0 = no schedulers). */
  syncEveryMs?: number;
  /** How long a sync job's lock lives without renewal: after a crash, its job is resumed that much later. */
  syncLockDurationMs?: number;
  /** Between periodic alert evaluations of every tenant (default 15 minutes; 0 = only after rollups). */
  alertsEveryMs?: number;
  /** The outbox's senders (default: Slack when configured, Teams through stored conversation references). */
  deliverySenders?: DeliverySenders;
  deliver?: DeliverOptions &
    SweepOptions & {
      concurrency?: number;
      /** The deliver job's lock (as syncLockDurationMs). */
      lockDurationMs?: number;
      /** Between sweeps (default 60 s; 0: only the one at start). */
      sweepEveryMs?: number;
    };
}

/** Job options shared by kpibot's queues: retries with exponential backoff; failed jobs are kept for a week. */
export const defaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

/** Two syncs at a time per worker process; the (tenant, source) lock in runSync keeps each source to one. */
const SYNC_CONCURRENCY = 2;

/**
 * Deliveries retry longer than other jobs (2 s doubling over 8 attempts is about 8 minutes of a platform outage);
 * past that the sweeper dispatches them again every minute, until they expire.
 */
export const deliverJobOptions = { ...defaultJobOptions, attempts: 8 } as const;

/** Worker composition root: one BullMQ worker per queue on one Redis connection. */
export async function startWorker(ctx: AppContext, opts: WorkerOptions): Promise<RunningWorker> {
  const env = opts.env ?? process.env;
  const problems = checkConnectorConfigs(env, ctx.config);
  if (problems.length > 0) throw new ConfigError(problems);
  const connection = new Redis(opts.redisUrl, { maxRetriesPerRequest: null });
  connection.on('error', (err) => ctx.log.warn({ err: err.message }, 'redis connection error'));
  const queueOpts = { connection, prefix: opts.prefix ?? QUEUE_PREFIX };
  const sync = new Queue<SyncPayload>(QUEUES.sync, { ...queueOpts, defaultJobOptions });
  const rollup = new Queue<RollupPayload>(QUEUES.rollup, { ...queueOpts, defaultJobOptions });
  const alerts = new Queue<AlertsPayload>(QUEUES.alerts, { ...queueOpts, defaultJobOptions });
  const deliver = new Queue<DeliverJobData>(QUEUES.deliver, {
    ...queueOpts,
    defaultJobOptions: deliverJobOptions,
  });
  const digest = new Queue<DigestJobData>(DIGEST_QUEUE, { ...queueOpts });
  const dispatch = deliveryDispatch(deliver);
  const deliverOpts = opts.deliver ?? {};
  const senders = opts.deliverySenders ?? createDeliverySenders(ctx);
  const sweep = () => sweepDeliveries(ctx, deliver, deliverOpts);
  const enqueueRollup = async (tenantId: string, reason: string) => {
    await rollup.add('rollup', { tenantId, full: false, reason });
  };
  const enqueueAlerts = async (tenantId: string, reason: string) => {
    await alerts.add('alerts', { tenantId, reason });
  };
  const lockDuration = opts.syncLockDurationMs ?? 30_000;
  const workers = [
    new Worker(QUEUES.sync, syncProcessor({ ctx, env, enqueueRollup, dispatch }), {
      ...queueOpts,
      concurrency: SYNC_CONCURRENCY,
      lockDuration,
      stalledInterval: Math.min(30_000, lockDuration),
    }),
    new Worker(QUEUES.rollup, rollupProcessor(ctx, enqueueAlerts), { ...queueOpts, concurrency: 1 }),
    new Worker(QUEUES.alerts, alertsProcessor(ctx, { dispatch, queue: alerts }), {
      ...queueOpts,
      concurrency: 1,
    }),
    new Worker(DIGEST_QUEUE, digestProcessor({ ctx, queue: digest, dispatch }), {
      ...queueOpts,
      concurrency: 2,
    }),
    new Worker(QUEUES.deliver, deliverProcessor({ ctx, senders, options: deliverOpts, sweep }), {
      ...queueOpts,
      concurrency: deliverOpts.concurrency ?? 4,
      lockDuration: deliverOpts.lockDurationMs ?? 30_000,
      stalledInterval: Math.min(30_000, deliverOpts.lockDurationMs ?? 30_000),
    }),
  ];
  for (const w of workers) {
    w.on('failed', (job, err) =>
      ctx.log.error(
        { queue: w.name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message },
        'job failed',
      ),
    );
    w.on('stalled', (jobId) => ctx.log.warn({ queue: w.name, jobId }, 'job stalled: resumed by a worker'));
    w.on('error', (err) => ctx.log.error({ queue: w.name, err: err.message }, 'worker error'));
  }
  const targets = opts.syncTargets ?? configuredSyncTargets(ctx.config, env);
  const schedules = await reconcileSyncSchedulers(
    sync,
    targets,
    opts.syncEveryMs ?? ctx.config.sync.everyMinutes * 60_000,
  );
  ctx.log.info(schedules, 'sync schedules');
  await enqueuePendingRollups(ctx, rollup);
  ctx.log.info(await sweep(), 'delivery outbox swept at start');
  await scheduleAlertEvaluations(alerts, opts.alertsEveryMs);
  ctx.log.info(await loadDigestsFile(ctx, ctx.config.digestsFile, ctx.config.sync.tenant), 'digests file');
  ctx.log.info(
    await reconcileDigestSchedulers(digest, await listSubscriptions(ctx.db.prisma)),
    'digest schedules',
  );
  await scheduleDigestReconcile(digest, 60_000);
  const sweepEveryMs = deliverOpts.sweepEveryMs ?? 60_000;
  if (sweepEveryMs > 0) {
    await deliver.upsertJobScheduler(
      DELIVER_SWEEP_SCHEDULER,
      { every: sweepEveryMs },
      { name: SWEEP_JOB, data: {} },
    );
  } else {
    await deliver.removeJobScheduler(DELIVER_SWEEP_SCHEDULER);
  }
  return {
    queues: { sync, rollup, alerts, deliver, digest },
    dispatch,
    close: async () => {
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all([sync.close(), rollup.close(), alerts.close(), deliver.close(), digest.close()]);
      connection.disconnect();
    },
  };
}

/**
 * The outbox's senders for this process's configuration: Slack when SLACK_BOT_TOKEN or the OAuth variables are
 * set, Teams always (proactive cards go only to conversations whose references were stored). The worker uses them,
 * and so does deliverPending where there is no queue (the CLI, the demo).
 */
export function createDeliverySenders(ctx: AppContext): DeliverySenders {
  return { slack: createSlackSender(ctx) ?? undefined, teams: createWorkerTeamsSender(ctx) };
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
