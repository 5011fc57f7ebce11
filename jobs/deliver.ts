import { DelayedError, type Job, Queue, UnrecoverableError } from 'bullmq';
import type { AppContext } from '../src/app/context.ts';
import {
  type DeliverOptions,
  type DeliveryDispatch,
  type DeliverySenders,
  deliverOne,
  expireDeliveries,
  staleDeliveryIds,
} from '../src/app/delivery/index.ts';
import { notifyAdminsOfAllSyncNotices } from '../src/app/sync/notify-admins.ts';
import { type DeliverJobData, deliverPayload, QUEUE_PREFIX, QUEUES } from './queues.ts';

/** The sweeper's job name on the deliver queue (its payload is empty). */
export const SWEEP_JOB = 'sweep';

export interface DeliverProcessorDeps {
  ctx: AppContext;
  senders: DeliverySenders;
  options?: DeliverOptions;
  /** Runs the sweep (a 'sweep' job from the scheduler). */
  sweep(): Promise<unknown>;
}

/**
 * deliver queue: validate → deliverOne. Waiting with a known end (a 429's Retry-After, a parent not posted yet,
 * another sender's lease) moves the job to delayed for exactly that long without spending an attempt
 * (DelayedError); a transient failure throws, so the job's attempts back off exponentially; a permanent one is
 * recorded on the row and the job completes (there is nothing left to do).
 */
export function deliverProcessor(deps: DeliverProcessorDeps) {
  return async (job: Job, token?: string) => {
    if (job.name === SWEEP_JOB) return deps.sweep();
    const parsed = deliverPayload.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`invalid deliver payload: ${parsed.error.message}`);
    const outcome = await deliverOne(deps.ctx, parsed.data.deliveryId, deps.senders, deps.options);
    if (outcome.status !== 'retry') return outcome;
    if (outcome.delayMs !== null) {
      await job.moveToDelayed(Date.now() + outcome.delayMs, token);
      throw new DelayedError(outcome.reason);
    }
    throw new Error(outcome.reason);
  };
}

/** Adds one deliver job per id; the job id is the delivery id, so an id already queued (or done) is not re-added. */
export function deliveryDispatch(queue: Queue<DeliverJobData>): DeliveryDispatch {
  return async (ids) => {
    if (ids.length === 0) return;
    await queue.addBulk(
      [...new Set(ids)].map((deliveryId) => ({
        name: 'deliver',
        data: { deliveryId },
        opts: { jobId: deliveryId },
      })),
    );
  };
}

/**
 * A dispatch for a process that produces deliveries without running the deliver worker (the web process: a button
 * click's in-place update should not wait for the sweeper). Close it on shutdown.
 */
export function openDeliveryDispatch(opts: { redisUrl: string; prefix?: string }): {
  dispatch: DeliveryDispatch;
  close(): Promise<void>;
} {
  const queue = new Queue<DeliverJobData>(QUEUES.deliver, {
    connection: { url: opts.redisUrl, maxRetriesPerRequest: null },
    prefix: opts.prefix ?? QUEUE_PREFIX,
  });
  // Redis down must not take the web process with it (an 'error' event without a listener throws): a failed add
  // leaves the row pending, and the worker's sweeper sends it.
  queue.on('error', () => {});
  return { dispatch: deliveryDispatch(queue), close: () => queue.close() };
}

export interface SweepOptions {
  /** A row pending this long without a live job is dispatched again (default 60 s). */
  staleAfterMs?: number;
  /** A row not sent after this long fails as expired (default 24 h). */
  maxAgeMs?: number;
}

/**
 * Re-dispatches outbox rows that have no live job (Redis lost its jobs, retries ran out, a producer committed
 * without dispatching), expires the hopeless, and pushes sync notices waiting for admins. A finished job still
 * kept under the row's id (its retries ran out while the platform was down) is removed first, or the add would
 * be a no-op.
 */
export async function sweepDeliveries(
  ctx: AppContext,
  queue: Queue<DeliverJobData>,
  opts: SweepOptions = {},
): Promise<{ redispatched: number; expired: number; notices: number }> {
  const prisma = ctx.db.prisma;
  const expired = await expireDeliveries(prisma, opts.maxAgeMs ?? 24 * 3600_000);
  if (expired > 0) ctx.log.error({ expired }, 'deliveries expired unsent: see Delivery.lastError');
  const dispatch = deliveryDispatch(queue);
  const orphans: string[] = [];
  for (const id of await staleDeliveryIds(prisma, opts.staleAfterMs ?? 60_000)) {
    const job = await queue.getJob(id);
    if (job) {
      const state = await job.getState();
      if (state !== 'completed' && state !== 'failed' && state !== 'unknown') continue;
      await job.remove().catch(() => undefined);
    }
    orphans.push(id);
  }
  await dispatch(orphans);
  if (orphans.length > 0)
    ctx.log.warn({ count: orphans.length }, 'deliveries without a job dispatched again');
  const notices = await notifyAdminsOfAllSyncNotices(ctx, { dispatch });
  return { redispatched: orphans.length, expired, notices };
}
