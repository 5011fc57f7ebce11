import type { Config } from '../config.ts';
import type { Catalog } from '../core/metrics/index.ts';
import type { Logger } from '../runtime/logger.ts';
import type { Database } from '../store/database.ts';
import type { TenantDefaults } from '../store/tenants.ts';

/** What use cases need from the outside world, wired once by a composition root (server, worker, CLI). */
export interface AppContext {
  readonly config: Config;
  readonly db: Database;
  readonly log: Logger;
  readonly tenantDefaults: TenantDefaults;
  /** Built-in metrics, plus the KPIBOT_METRICS file's. */
  readonly catalog: Catalog;
}

export function tenantDefaultsFrom(config: Config): TenantDefaults {
  return {
    tz: config.tz,
    lang: config.lang,
    weekStart: config.weekStart,
    fiscalYearStart: config.fiscalYearStart,
  };
}
