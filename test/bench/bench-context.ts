import { type AppContext, tenantDefaultsFrom } from '../../src/app/context.ts';
import { parseConfig } from '../../src/config.ts';
import { builtinCatalog } from '../../src/core/metrics/index.ts';
import { createLogger } from '../../src/runtime/logger.ts';
import type { Database } from '../../src/store/database.ts';
import { BENCH_TZ } from './company-sql.ts';

/** The context `kpibot` builds at start (see src/cli/boot.ts), on the benchmark's own database, logging nothing. */
export function benchContext(db: Database, url: string): AppContext {
  const config = parseConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', KPIBOT_TZ: BENCH_TZ });
  return {
    config,
    db,
    log: createLogger('silent'),
    tenantDefaults: tenantDefaultsFrom(config),
    catalog: builtinCatalog(),
  };
}
