import { parseArgs } from 'node:util';
import { recomputeTenantRollups } from '../app/recompute-rollups.ts';
import { parseConfig } from '../config.ts';
import { createLogger } from '../runtime/logger.ts';
import { DEFAULT_TENANT, ensureTenant } from '../store/tenants.ts';
import { openContext } from './boot.ts';
import { type CliIo, say } from './io.ts';

/** kpibot rollup [--full] [--tenant T]: recompute the KPI rollups now (dirty days, or everything). */
export async function runRollupCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { full: { type: 'boolean' }, tenant: { type: 'string' } },
  });
  const config = parseConfig(io.env);
  const ctx = await openContext(config, createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel));
  try {
    const tenantId = values.tenant ?? DEFAULT_TENANT;
    await ensureTenant(ctx.db.prisma, tenantId, ctx.tenantDefaults);
    const r = await recomputeTenantRollups(ctx, tenantId, { full: values.full ?? false });
    say(io.stdout, `Rollups of ${tenantId}: ${r.days} day(s) recomputed, ${r.rows} rows, in ${r.ms} ms.`);
    return 0;
  } finally {
    await ctx.db.close();
  }
}
