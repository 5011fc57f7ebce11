import { type Job, type Queue, UnrecoverableError } from 'bullmq';
import { z } from 'zod';
import type { AppContext } from '../src/app/context.ts';
import type { DeliveryDispatch } from '../src/app/delivery/index.ts';
import { runDigest } from '../src/app/digest/run-digest.ts';
import { listSubscriptions, type Subscription } from '../src/app/digest/subscriptions.ts';

/**
 * digest queue: one BullMQ job scheduler per subscription (`pattern` = its cron, `tz` = its zone: BullMQ computes
 * each next run with cron-parser in that zone, so Monday 08:30 stays 08:30 across DST changes), and a reconciler
 * that keeps the schedulers equal to the DigestSubscription rows (at worker start, every minute, and on demand
 * when a subscription changes).
 */
export const DIGEST_QUEUE = 'digest';
export const DIGEST_JOB = 'digest';
export const RECONCILE_JOB = 'reconcile';
export const DIGEST_RECONCILE_SCHEDULER = 'digest-reconcile';

export const digestPayload = z.object({
  tenantId: z.string().min(1),
  subscriptionId: z.string().min(1),
  /** A run added by hand (not by the scheduler) for a given due time, in epoch ms. */
  dueAt: z.number().int().positive().optional(),
});
export type DigestPayload = z.infer<typeof digestPayload>;
/** The queue holds digest runs and reconcile requests (empty payload). */
export type DigestJobData = DigestPayload | Record<string, never>;

/** Digest runs retry a few times (a database hiccup); their outbox keys make retries harmless. */
export const DIGEST_JOB_OPTIONS = {
  attempts: 4,
  backoff: { type: 'exponential', delay: 10_000 },
  removeOnComplete: { count: 1_000 },
  removeOnFail: { age: 14 * 24 * 3600 },
} as const;

/** One scheduler per subscription; its id says which, so stale ones are found and removed. */
export function digestSchedulerId(subscriptionId: string): string {
  return `digest:${subscriptionId}`;
}

/**
 * Makes the queue's digest schedulers equal to the subscriptions: each one upserted with its cron and zone (a
 * changed schedule is updated in place), those of removed subscriptions deleted.
 */
export async function reconcileDigestSchedulers(
  queue: Queue<DigestJobData>,
  subscriptions: readonly Subscription[],
): Promise<{ upserted: number; removed: string[] }> {
  const wanted = new Map(subscriptions.map((s) => [digestSchedulerId(s.id), s] as const));
  const current = new Map((await queue.getJobSchedulers(0, -1)).map((s) => [s.key, s] as const));
  let upserted = 0;
  for (const [id, sub] of wanted) {
    const now = current.get(id);
    if (now && now.pattern === sub.cron && now.tz === sub.tz) continue;
    await queue.upsertJobScheduler(
      id,
      { pattern: sub.cron, tz: sub.tz },
      {
        name: DIGEST_JOB,
        data: { tenantId: sub.tenantId, subscriptionId: sub.id },
        opts: DIGEST_JOB_OPTIONS,
      },
    );
    upserted += 1;
  }
  const removed: string[] = [];
  for (const id of current.keys()) {
    if (id.startsWith('digest:') && !wanted.has(id)) {
      await queue.removeJobScheduler(id);
      removed.push(id);
    }
  }
  return { upserted, removed };
}

/** Asks the worker to reconcile now (after `/kpi digest subscribe` or `unsubscribe` in another process). */
export async function requestDigestReconcile(queue: Queue<DigestJobData>): Promise<void> {
  await queue.add(RECONCILE_JOB, {}, { deduplication: { id: 'digest-reconcile' }, removeOnComplete: true });
}

/** Keeps a reconcile every `everyMs` (0 removes it). */
export async function scheduleDigestReconcile(queue: Queue<DigestJobData>, everyMs: number): Promise<void> {
  if (everyMs > 0) {
    await queue.upsertJobScheduler(
      DIGEST_RECONCILE_SCHEDULER,
      { every: everyMs },
      { name: RECONCILE_JOB, data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } },
    );
  } else {
    await queue.removeJobScheduler(DIGEST_RECONCILE_SCHEDULER);
  }
}

/**
 * When a run was due: a scheduler's job id is `repeat:<scheduler id>:<due millis>` (and its opts carry
 * prevMillis). The digest reports the week before that instant, not before whenever a busy or restarted worker
 * got to it, so a late run still reports (and is keyed by) the same week.
 */
export function dueAt(job: Pick<Job, 'id' | 'opts' | 'timestamp' | 'data'>): Date {
  const given = (job.data as { dueAt?: unknown } | null)?.dueAt;
  if (typeof given === 'number' && given > 0) return new Date(given);
  const fromId = /:(\d{10,})$/.exec(job.id ?? '');
  if (fromId) return new Date(Number(fromId[1]));
  const prev = (job.opts as { prevMillis?: unknown }).prevMillis;
  if (typeof prev === 'number' && prev > 0) return new Date(prev);
  return new Date(job.timestamp || Date.now());
}

export interface DigestProcessorDeps {
  ctx: AppContext;
  queue: Queue<DigestJobData>;
  dispatch?: DeliveryDispatch | undefined;
}

/** digest queue: a run (validate → runDigest at its due time) or a reconcile. */
export function digestProcessor(deps: DigestProcessorDeps) {
  return async (job: Job) => {
    if (job.name === RECONCILE_JOB) {
      return reconcileDigestSchedulers(deps.queue, await listSubscriptions(deps.ctx.db.prisma));
    }
    const parsed = digestPayload.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`invalid digest payload: ${parsed.error.message}`);
    const { tenantId, subscriptionId } = parsed.data;
    const summary = await runDigest(deps.ctx, tenantId, subscriptionId, {
      at: dueAt(job),
      dispatch: deps.dispatch,
    });
    if (summary.periodStart === null) {
      // Unsubscribed since the scheduler last ran: stop it rather than wait for the next reconcile.
      await deps.queue.removeJobScheduler(digestSchedulerId(subscriptionId));
    }
    deps.ctx.log.info(
      { tenantId, subscriptionId, message: summary.message, dms: summary.dms, period: summary.periodStart },
      'digest run',
    );
    return { ...summary, deliveryIds: summary.deliveryIds.length };
  };
}
