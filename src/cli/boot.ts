import { type AppContext, tenantDefaultsFrom } from '../app/context.ts';
import { readDigestsFile } from '../app/digest/digests-file.ts';
import type { Config } from '../config.ts';
import { builtinCatalog } from '../core/metrics/index.ts';
import type { Logger } from '../runtime/logger.ts';
import { readAlertsFile } from '../store/alerts-file.ts';
import { type Database, openDatabase } from '../store/database.ts';
import { loadMetricsFile } from '../store/metrics-file.ts';

/** Opens the configured database and applies pending migrations: every start, demo and import goes through it. */
export async function openContext(config: Config, log: Logger): Promise<AppContext> {
  // The metrics, alerts and digests files are checked before anything opens: a typo stops start-up with its line.
  const catalog = config.metricsFile ? loadMetricsFile(config.metricsFile) : builtinCatalog();
  if (config.alertsFile) readAlertsFile(config.alertsFile, catalog);
  if (config.digestsFile) readDigestsFile(config.digestsFile, catalog);
  const db: Database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    const applied = await db.migrate();
    if (applied.length > 0) log.info({ applied, database: db.location }, 'migrations applied');
  } catch (error) {
    await db.close();
    throw error;
  }
  return { config, db, log, tenantDefaults: tenantDefaultsFrom(config), catalog };
}

/** Runs cleanup once on SIGINT/SIGTERM, then exits; a second signal exits at once. */
export function onShutdown(log: Logger, cleanup: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    cleanup()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
}
