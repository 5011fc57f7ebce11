import { UnrecoverableError } from 'bullmq';
import type { AppContext } from '../src/app/context.ts';
import { recomputeTenantRollups } from '../src/app/recompute-rollups.ts';
import { rollupPayload } from './queues.ts';

/** rollup queue: recompute the days an import or sync touched (or everything with full: true), then alerts. */
export function rollupProcessor(
  ctx: AppContext,
  afterRollup?: (tenantId: string, reason: string) => Promise<void>,
) {
  return async (job: { data: unknown; id?: string | undefined }) => {
    const parsed = rollupPayload.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`invalid rollup payload: ${parsed.error.message}`);
    const result = await recomputeTenantRollups(ctx, parsed.data.tenantId, { full: parsed.data.full });
    await afterRollup?.(parsed.data.tenantId, parsed.data.reason ?? 'rollup');
    return result;
  };
}
