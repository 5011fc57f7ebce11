import { recomputeTenantRollups } from '../app/recompute-rollups.ts';
import { parseConfig } from '../config.ts';
import { createLogger } from '../runtime/logger.ts';
import type { Database } from '../store/database.ts';
import { openContext } from './boot.ts';
import { parseImportArgs, runImportCommand } from './import-command.ts';
import type { CliIo } from './io.ts';
import { say } from './io.ts';

/** kpibot import …: the import itself, then the rollups of the days it touched, so answers see it at once. */
export async function runImportCli(argv: string[], io: CliIo): Promise<number> {
  const config = parseConfig(io.env);
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  let ctx: Awaited<ReturnType<typeof openContext>> | null = null;
  // The import command validates the arguments itself; here they only tell which tenant's rollups to refresh.
  let tenantId = 'default';
  try {
    tenantId = parseImportArgs(argv).options.tenantId;
  } catch {
    // runImportCommand reports the usage error with exit code 2.
  }
  try {
    const code = await runImportCommand(argv, {
      db: async (): Promise<Database> => {
        ctx = await openContext(config, log);
        // The command closes what it is given; keep the database open for the rollups that follow.
        return { ...ctx.db, close: async () => {} };
      },
      tenantDefaults: {
        tz: config.tz,
        lang: config.lang,
        weekStart: config.weekStart,
        fiscalYearStart: config.fiscalYearStart,
      },
      stdout: io.stdout,
      stderr: io.stderr,
    });
    if (ctx && code === 0) {
      const r = await recomputeTenantRollups(ctx, tenantId);
      if (r.days > 0) say(io.stderr, `KPI rollups updated for ${r.days} day(s) in ${r.ms} ms.`);
    }
    return code;
  } finally {
    if (ctx) await (ctx as { db: Database }).db.close();
  }
}
