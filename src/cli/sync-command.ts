import { Queue } from 'bullmq';
import { type AlertsPayload, QUEUE_PREFIX, QUEUES } from '../../jobs/queues.ts';
import type { AppContext } from '../app/context.ts';
import { recomputeTenantRollups } from '../app/recompute-rollups.ts';
import { runSync, SyncFailedError, type SyncOutcome, type SyncProgress } from '../app/run-sync.ts';
import { parseConfig } from '../config.ts';
import {
  ConnectorConfigError,
  configuredSources,
  connectorDefinition,
  createConnector,
  knownSources,
} from '../connectors/registry.ts';
import { createLogger } from '../runtime/logger.ts';
import { pingRedis } from '../runtime/redis.ts';
import { openContext } from './boot.ts';
import { type CliIo, say } from './io.ts';
import { runSyncStatus } from './sync-status-command.ts';
import { parseCommandArgs, UsageError } from './usage.ts';

export const SYNC_HELP = `Usage: kpibot sync [source] [--tenant T] [--full]
       kpibot sync --status [--tenant T] [--json]

Runs a sync now (every configured source, or the one named), with progress on stderr, then recomputes the KPI
rollups of the days it touched. Sources: ${knownSources().join(', ')} (configured by their environment variables,
see "Keeping data fresh" in the README). The worker also syncs each configured source every KPIBOT_SYNC_EVERY
minutes (default 15).

Options:
  --tenant T   the tenant to sync into (default KPIBOT_SYNC_TENANT, else "default")
  --full       read everything again from the start instead of what changed since the last run
  --status     list the sources: last success, last error, next scheduled run, admin notices, failed jobs
  --json       with --status: print it as JSON`;

export interface SyncCommandDeps {
  /** BullMQ key prefix (tests); default the service's. */
  queuePrefix?: string;
}

/** kpibot sync …: returns the exit code (0 ok, 1 a source failed, 2 bad usage). */
export async function runSyncCommand(argv: string[], io: CliIo, deps: SyncCommandDeps = {}): Promise<number> {
  const { values, positionals } = parseSyncArgs(argv);
  if (values.help) {
    say(io.stdout, SYNC_HELP);
    return 0;
  }
  const config = parseConfig(io.env);
  const tenantId = values.tenant ?? config.sync.tenant;
  if (values.status) {
    if (positionals.length > 0 || values.full)
      throw new UsageError('--status takes only --tenant and --json.');
    return runSyncStatus({ config, env: io.env, io, tenantId, json: values.json ?? false, ...deps });
  }
  if (positionals.length > 1) throw new UsageError(`Sync one source or all: unexpected "${positionals[1]}".`);
  const sources = positionals[0] ? [positionals[0]] : configuredSources(io.env);
  for (const source of sources) {
    if (!connectorDefinition(source)) {
      throw new UsageError(`Unknown source "${source}": use one of ${knownSources().join(', ')}.`);
    }
  }
  if (sources.length === 0) {
    throw new UsageError(
      'No source is configured: set KPIBOT_CSV_DIR or a connector\'s variables (README, "Keeping data fresh"), ' +
        `or name one: kpibot sync <${knownSources().join('|')}>.`,
    );
  }
  const ctx = await openContext(config, createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel));
  try {
    return await syncSources(
      ctx,
      io,
      tenantId,
      sources,
      values.full ?? false,
      deps.queuePrefix ?? QUEUE_PREFIX,
    );
  } finally {
    await ctx.db.close();
  }
}

async function syncSources(
  ctx: AppContext,
  io: CliIo,
  tenantId: string,
  sources: readonly string[],
  full: boolean,
  prefix: string,
): Promise<number> {
  let failed = 0;
  let wrote = false;
  for (const source of sources) {
    let connector: ReturnType<typeof createConnector>;
    try {
      connector = createConnector(source, io.env, {
        tenantId,
        config: ctx.config,
        db: ctx.db,
        tenantDefaults: ctx.tenantDefaults,
      });
    } catch (error) {
      if (error instanceof ConnectorConfigError) {
        say(io.stderr, `kpibot sync: ${source} is not configured correctly: ${error.message}`);
        return 2;
      }
      throw error;
    }
    const progress = progressLine(io.stderr, source);
    try {
      const outcome = await runSync(ctx, { tenantId, connector, full, onProgress: progress.update });
      progress.clear();
      say(io.stdout, describeOutcome(outcome));
      wrote ||= outcome.status !== 'skipped';
    } catch (error) {
      progress.clear();
      if (!(error instanceof SyncFailedError)) throw error;
      failed += 1;
      say(io.stdout, `${source}: failed — ${error.message.replace(`${source} sync failed: `, '')}`);
      say(
        io.stderr,
        error.permanent
          ? `Fix the ${source} settings or credentials, then run kpibot sync ${source} again. The tenant's admins will be told (kpibot sync --status).`
          : `A retry may get through: run kpibot sync ${source} again (what was synced so far is kept).`,
      );
    }
  }
  if (wrote) {
    const r = await recomputeTenantRollups(ctx, tenantId);
    if (r.days > 0) say(io.stderr, `KPI rollups updated for ${r.days} day(s) in ${r.ms} ms.`);
    await queueAlertsEvaluation(ctx.config.redisUrl, prefix, tenantId);
  }
  return failed > 0 ? 1 : 0;
}

/** The worker evaluates alerts after its own rollups; after the CLI's, it is asked to (when Redis answers). */
async function queueAlertsEvaluation(redisUrl: string, prefix: string, tenantId: string): Promise<void> {
  if (!(await pingRedis(redisUrl, 500))) return;
  const alerts = new Queue<AlertsPayload>(QUEUES.alerts, { connection: { url: redisUrl }, prefix });
  try {
    await alerts.add('alerts', { tenantId, reason: 'kpibot sync' });
  } finally {
    await alerts.close();
  }
}

export function describeOutcome(outcome: SyncOutcome): string {
  if (outcome.status === 'skipped') {
    return `${outcome.source}: a sync of this source is already running for ${outcome.tenantId}; skipped.`;
  }
  const n = (v: number) => v.toLocaleString('en');
  return (
    `${outcome.source}: ${n(outcome.inserted)} new, ${n(outcome.updated)} updated, ${n(outcome.deleted)} deleted, ` +
    `${n(outcome.rejected)} rejected (${n(outcome.pages)} page${outcome.pages === 1 ? '' : 's'}, ` +
    `${(outcome.durationMs / 1000).toFixed(1)} s)` +
    (outcome.status === 'partial' ? ' — see kpibot sync --status for the rejected records' : '')
  );
}

/** One rewritten line on a terminal, at most every 200 ms; nothing when stderr is a file or a pipe. */
function progressLine(stderr: NodeJS.WritableStream, source: string) {
  const isTTY = (stderr as { isTTY?: boolean }).isTTY === true;
  let last = 0;
  let printed = false;
  return {
    update: (p: SyncProgress) => {
      const now = Date.now();
      if (!isTTY || (now - last < 200 && p.waitingMs === undefined)) return;
      last = now;
      printed = true;
      const wait =
        p.waitingMs === undefined ? '' : ` · rate-limited, waiting ${Math.ceil(p.waitingMs / 1000)} s`;
      stderr.write(
        `\r\x1b[K${source} · ${p.stream}: ${p.pages} pages, ${p.inserted} new, ${p.updated} updated, ` +
          `${p.deleted} deleted, ${p.rejected} rejected${wait}`,
      );
    },
    clear: () => {
      if (printed) stderr.write('\r\x1b[K');
      printed = false;
    },
  };
}

function parseSyncArgs(argv: string[]) {
  return parseCommandArgs('sync', argv, {
    tenant: { type: 'string' },
    full: { type: 'boolean' },
    status: { type: 'boolean' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
}
