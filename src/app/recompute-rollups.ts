import { recomputeRollups } from '../store/rollups/index.ts';
import type { AppContext } from './context.ts';

/** Recomputes a tenant's rollups: the dirty days an import or sync recorded, or everything with full. */
export async function recomputeTenantRollups(
  ctx: AppContext,
  tenantId: string,
  opts: { full?: boolean } = {},
) {
  const result = await recomputeRollups(ctx.db, tenantId, { full: opts.full ?? false });
  ctx.log.info({ tenantId, ...result, full: opts.full ?? false }, 'rollups recomputed');
  return result;
}
