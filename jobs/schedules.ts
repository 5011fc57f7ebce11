import type { Queue } from 'bullmq';
import type { Config } from '../src/config.ts';
import { configuredSources } from '../src/connectors/registry.ts';
import { type SyncPayload, syncSchedulerId } from './queues.ts';

export interface SyncTarget {
  tenantId: string;
  source: string;
}

/** Sync jobs: transient failures retried with exponential backoff (15 s, 30 s, 60 s); failures kept a week. */
export const SYNC_JOB_OPTIONS = {
  attempts: 4,
  backoff: { type: 'exponential', delay: 15_000 },
  removeOnComplete: { count: 500 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

/**
 * What the environment asks to keep fresh: every configured source (see src/connectors/registry.ts) for the sync
 * tenant (KPIBOT_SYNC_TENANT). Per-tenant connections stored in the database would add their targets here.
 */
export function configuredSyncTargets(
  config: Config,
  env: Readonly<Record<string, string | undefined>>,
): SyncTarget[] {
  return configuredSources(env).map((source) => ({ tenantId: config.sync.tenant, source }));
}

/**
 * One BullMQ job scheduler per (tenant, source), `every` N minutes, created or updated in place; schedulers of
 * sources no longer configured are removed. everyMs 0 removes them all (syncs then only run on demand).
 */
export async function reconcileSyncSchedulers(
  queue: Queue<SyncPayload>,
  targets: readonly SyncTarget[],
  everyMs: number,
): Promise<{ upserted: string[]; removed: string[] }> {
  const wanted = new Map(
    (everyMs > 0 ? targets : []).map((t) => [syncSchedulerId(t.tenantId, t.source), t] as const),
  );
  for (const [id, target] of wanted) {
    await queue.upsertJobScheduler(
      id,
      { every: everyMs },
      {
        name: 'sync',
        data: { tenantId: target.tenantId, source: target.source, full: false, reason: 'schedule' },
        opts: SYNC_JOB_OPTIONS,
      },
    );
  }
  const removed: string[] = [];
  for (const scheduler of await queue.getJobSchedulers(0, -1)) {
    const id = scheduler.key;
    if (id.startsWith('sync:') && !wanted.has(id)) {
      await queue.removeJobScheduler(id);
      removed.push(id);
    }
  }
  return { upserted: [...wanted.keys()], removed };
}
