import { UnrecoverableError } from 'bullmq';
import type { AppContext } from '../src/app/context.ts';
import type { DeliveryDispatch } from '../src/app/delivery/index.ts';
import { runSync, SyncFailedError } from '../src/app/run-sync.ts';
import { notifyAdminsOfSyncNotices } from '../src/app/sync/notify-admins.ts';
import { ConnectorConfigError, createConnector, UnknownSourceError } from '../src/connectors/registry.ts';
import { syncPayload } from './queues.ts';

export interface SyncProcessorDeps {
  ctx: AppContext;
  /** The environment the connectors read their <SOURCE>_… variables from. */
  env: Readonly<Record<string, string | undefined>>;
  /** Next in the chain: recompute the tenant's rollups (then alerts). */
  enqueueRollup(tenantId: string, reason: string): Promise<void>;
  /** Sends outbox rows (the admins' notice of a source that cannot sync). */
  dispatch?: DeliveryDispatch;
}

/**
 * sync queue: validate → build the source's connector → runSync → enqueue the rollup. Failures a retry cannot fix
 * (bad payload, unknown or misconfigured source, bad credentials) fail at once with UnrecoverableError; anything
 * else (network, 5xx, database) is retried with backoff, and resumes from the committed cursors.
 */
export function syncProcessor(deps: SyncProcessorDeps) {
  return async (job: { data: unknown; id?: string | undefined }, _token?: string, signal?: AbortSignal) => {
    const parsed = syncPayload.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`invalid sync payload: ${parsed.error.message}`);
    const { tenantId, source, full } = parsed.data;
    const { ctx } = deps;
    let connector: ReturnType<typeof createConnector>;
    try {
      connector = createConnector(source, deps.env, {
        tenantId,
        config: ctx.config,
        db: ctx.db,
        tenantDefaults: ctx.tenantDefaults,
      });
    } catch (error) {
      if (error instanceof UnknownSourceError || error instanceof ConnectorConfigError) {
        throw new UnrecoverableError(error.message);
      }
      throw error;
    }
    try {
      const outcome = await runSync(ctx, { tenantId, connector, full, ...(signal ? { signal } : {}) });
      if (outcome.status !== 'skipped') await deps.enqueueRollup(tenantId, `sync:${source}`);
      return outcome;
    } catch (error) {
      if (error instanceof SyncFailedError && error.permanent) {
        // runSync recorded the notice; the admins hear of it now, once (a notice they were told is not re-sent).
        try {
          const told = await notifyAdminsOfSyncNotices(ctx, tenantId, { dispatch: deps.dispatch });
          if (told.waiting > 0)
            ctx.log.warn(
              { tenantId, source },
              'sync notice kept for the admins: no rep with role admin is reachable in Slack or Teams yet',
            );
        } catch (notifyError) {
          ctx.log.error(
            { tenantId, source, err: (notifyError as Error).message },
            'sync notice not sent to admins (the deliver sweeper retries)',
          );
        }
        throw new UnrecoverableError(error.message);
      }
      throw error;
    }
  };
}
