import { pino } from 'pino';
import type { AppContext } from '../../src/app/context.ts';
import { parseConfig } from '../../src/config.ts';
import { builtinCatalog } from '../../src/core/metrics/index.ts';
import type { Database } from '../../src/store/database.ts';

/** An AppContext over a test database: built-in catalog, silent logs, Paris defaults. */
export function testContext(db: Database, env: Record<string, string> = {}): AppContext {
  const config = parseConfig({ KPIBOT_TZ: 'Europe/Paris', LOG_LEVEL: 'silent', ...env });
  return {
    config,
    db,
    log: pino({ level: 'silent' }),
    tenantDefaults: {
      tz: config.tz,
      lang: config.lang,
      weekStart: config.weekStart,
      fiscalYearStart: config.fiscalYearStart,
    },
    catalog: builtinCatalog(),
  };
}
