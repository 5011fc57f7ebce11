import { UnrecoverableError } from 'bullmq';
import type { AppContext } from '../src/app/context.ts';
import { runSync, SyncFailedError } from '../src/app/run-sync.ts';
import { ConnectorConfigError, createConnector, UnknownSourceError } from '../src/connectors/registry.ts';
import { syncPayload } from './queues.ts';

export interface SyncProcessorDeps {
  ctx: AppContext;
  /** The environment the connectors read their <SOURCE>_… variables from. */
  env: Readonly<Record<string, string | undefined>>;
  /** Next in the chain: recompute the tenant's rollups (then alerts). */
  enqueueRollup(tenantId: string, reason: string): Promise<void>;
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
      if (error instanceof SyncFailedError && error.permanent) throw new UnrecoverableError(error.message);
      throw error;
    }
  };
}
