import { Queue } from 'bullmq';
import { DateTime } from 'luxon';
import { QUEUE_PREFIX, QUEUES, type SyncPayload } from '../../jobs/queues.ts';
import { type FailedSyncJob, failedSyncJobs, nextSyncRuns } from '../../jobs/sync-queue-status.ts';
import { type SourceStatus, sourceStatuses } from '../app/sync/sync-status.ts';
import type { Config } from '../config.ts';
import { configuredSources } from '../connectors/registry.ts';
import { createLogger } from '../runtime/logger.ts';
import { pingRedis } from '../runtime/redis.ts';
import { ensureTenant } from '../store/tenants.ts';
import { openContext } from './boot.ts';
import { type CliIo, say } from './io.ts';

interface StatusInput {
  config: Config;
  env: Readonly<Record<string, string | undefined>>;
  io: CliIo;
  tenantId: string;
  json: boolean;
  queuePrefix?: string;
}

/** kpibot sync --status: what the database says about each source, and what Redis says about its schedule. */
export async function runSyncStatus(input: StatusInput): Promise<number> {
  const { config, io, tenantId } = input;
  const configured = configuredSources(input.env);
  const ctx = await openContext(config, createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel));
  let statuses: SourceStatus[];
  let tz: string;
  try {
    tz = (await ensureTenant(ctx.db.prisma, tenantId, ctx.tenantDefaults)).tz;
    statuses = await sourceStatuses(ctx.db.prisma, tenantId, configured);
  } finally {
    await ctx.db.close();
  }
  const queue = await readQueue(config.redisUrl, input.queuePrefix ?? QUEUE_PREFIX, tenantId, statuses);
  if (input.json) {
    say(
      io.stdout,
      JSON.stringify(
        { tenantId, everyMinutes: config.sync.everyMinutes, sources: statuses, ...queue },
        null,
        2,
      ),
    );
    return 0;
  }
  say(io.stdout, formatStatus({ tenantId, tz, everyMinutes: config.sync.everyMinutes, statuses, ...queue }));
  return 0;
}

interface QueueView {
  redis: 'ok' | 'unreachable';
  nextRuns: Record<string, string>;
  failedJobs: FailedSyncJob[];
}

async function readQueue(
  redisUrl: string,
  prefix: string,
  tenantId: string,
  statuses: readonly SourceStatus[],
): Promise<QueueView> {
  if (!(await pingRedis(redisUrl, 800))) return { redis: 'unreachable', nextRuns: {}, failedJobs: [] };
  const queue = new Queue<SyncPayload>(QUEUES.sync, { connection: { url: redisUrl }, prefix });
  try {
    const next = await nextSyncRuns(
      queue,
      tenantId,
      statuses.map((s) => s.source),
    );
    return {
      redis: 'ok',
      nextRuns: Object.fromEntries([...next].map(([s, d]) => [s, d.toISOString()])),
      failedJobs: await failedSyncJobs(queue, tenantId),
    };
  } finally {
    await queue.close();
  }
}

export function formatStatus(
  view: {
    tenantId: string;
    tz: string;
    everyMinutes: number;
    statuses: readonly SourceStatus[];
  } & QueueView,
): string {
  const at = (d: Date | string | null | undefined) =>
    d ? DateTime.fromJSDate(new Date(d)).setZone(view.tz).toFormat('yyyy-MM-dd HH:mm') : '—';
  const lines = [
    `Sync status of tenant ${view.tenantId} (times in ${view.tz}; ` +
      (view.everyMinutes > 0
        ? `scheduled every ${view.everyMinutes} min`
        : 'no schedule: KPIBOT_SYNC_EVERY=0') +
      ')',
  ];
  if (view.statuses.length === 0) {
    lines.push(
      'No source configured or synced yet: set KPIBOT_CSV_DIR or a connector (README, "Keeping data fresh").',
    );
  } else {
    const rows = view.statuses.map((s) => [
      s.configured ? s.source : `${s.source} (not configured)`,
      at(s.lastSuccessAt),
      s.lastRun ? `${s.lastRun.status} ${at(s.lastRun.startedAt)}` : 'never ran',
      view.redis === 'unreachable' ? 'unknown (Redis unreachable)' : at(view.nextRuns[s.source]),
      s.lastError ? `${at(s.lastError.at)} ${truncate(s.lastError.message, 70)}` : '—',
    ]);
    lines.push(table(['source', 'last success', 'last run', 'next run', 'last error'], rows));
  }
  const notices = view.statuses.flatMap((s) => (s.notice ? [s.notice] : []));
  if (notices.length > 0) {
    lines.push('', "Notices for the tenant's admins:");
    for (const n of notices) {
      lines.push(
        `  ${n.source} since ${at(n.at)}: ${n.error}${n.deliveredAt ? ` (told ${at(n.deliveredAt)})` : ' (not told yet)'}`,
      );
    }
  }
  if (view.failedJobs.length > 0) {
    lines.push('', 'Failed sync jobs (kept 7 days):');
    for (const job of view.failedJobs) {
      lines.push(
        `  ${job.source} ${at(job.failedAt)} after ${job.attempts} attempt${job.attempts === 1 ? '' : 's'}: ${truncate(job.reason, 100)}`,
      );
    }
  }
  return lines.join('\n');
}

function truncate(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].map((l) => `  ${l}`).join('\n');
}
