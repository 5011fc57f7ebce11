import type { Queue } from 'bullmq';
import { type SyncPayload, syncSchedulerId } from './queues.ts';

export interface FailedSyncJob {
  source: string;
  failedAt: Date | null;
  attempts: number;
  reason: string;
}

/** When each source's scheduler runs next for the tenant (absent: no scheduler). */
export async function nextSyncRuns(
  queue: Queue<SyncPayload>,
  tenantId: string,
  sources: readonly string[],
): Promise<Map<string, Date>> {
  const next = new Map<string, Date>();
  for (const source of sources) {
    const scheduler = await queue.getJobScheduler(syncSchedulerId(tenantId, source));
    if (scheduler?.next) next.set(source, new Date(scheduler.next));
  }
  return next;
}

/** The tenant's failed sync jobs still kept (removeOnFail by age), newest first. */
export async function failedSyncJobs(
  queue: Queue<SyncPayload>,
  tenantId: string,
  limit = 10,
): Promise<FailedSyncJob[]> {
  const jobs = await queue.getFailed(0, 200);
  return jobs
    .filter((job) => job?.data?.tenantId === tenantId)
    .sort((a, b) => (b.finishedOn ?? 0) - (a.finishedOn ?? 0))
    .slice(0, limit)
    .map((job) => ({
      source: String(job.data.source),
      failedAt: job.finishedOn ? new Date(job.finishedOn) : null,
      attempts: job.attemptsMade,
      reason: job.failedReason ?? 'failed',
    }));
}
