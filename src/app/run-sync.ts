import { type Connector, ConnectorAuthError } from '../connectors/types.ts';
import { RepDirectory, TeamDirectory } from '../store/csv-import/index.ts';
import { ensureTenant } from '../store/tenants.ts';
import type { AppContext } from './context.ts';
import { clearAdminNotice, recordAdminNotice } from './sync/admin-notices.ts';
import { applyPage } from './sync/apply-page.ts';
import {
  DEFAULT_RATE_LIMIT_POLICY,
  type RateLimitPolicy,
  rateLimitedPages,
} from './sync/rate-limited-pages.ts';
import { withSourceLock } from './sync/source-lock.ts';
import { readCursor } from './sync/sync-cursors.ts';
import {
  finishSyncRunRow,
  MAX_STORED_ERRORS,
  type SyncRunError,
  type SyncTotals,
  startSyncRunRow,
} from './sync/sync-run-log.ts';

export interface SyncProgress extends SyncTotals {
  stream: string;
  /** Set while the engine waits out a vendor's rate limit. */
  waitingMs?: number;
}

export interface RunSyncOptions {
  tenantId: string;
  connector: Connector;
  /** Defaults to connector.source. */
  source?: string;
  /** Read every stream from the beginning (cursors ignored, then replaced). */
  full?: boolean;
  onProgress?: (progress: SyncProgress) => void;
  signal?: AbortSignal;
  rateLimit?: Partial<RateLimitPolicy>;
  /** The clock (tests); stamps deletions and inferred stage moves. */
  now?: () => Date;
}

export type SyncOutcome =
  | { status: 'skipped'; reason: 'already_running'; tenantId: string; source: string }
  | ({
      status: 'succeeded' | 'partial';
      runId: string;
      tenantId: string;
      source: string;
      durationMs: number;
    } & SyncTotals);

/** Thrown after the failed run was recorded; `cause` is the connector's or the database's error. */
export class SyncFailedError extends Error {
  readonly code = 'sync_failed';
  constructor(
    message: string,
    readonly runId: string,
    /** A retry cannot fix it (bad credentials or configuration): the admins were told. */
    readonly permanent: boolean,
    options: { cause: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Brings a tenant's copy of one source up to date: each stream in order from its stored cursor (or from the
 * start with full), each page committed with its cursor in one transaction (src/app/sync/apply-page.ts), so a
 * stop at any point resumes where it was with nothing lost and nothing doubled. One run per (tenant, source) at
 * a time: a second one returns { status: 'skipped' }. Every run leaves a SyncRun row; a failure a retry cannot
 * fix records one notice for the tenant's admins (not again while the error stays the same; cleared on success).
 */
export async function runSync(ctx: AppContext, opts: RunSyncOptions): Promise<SyncOutcome> {
  const source = opts.source ?? opts.connector.source;
  const tenantId = opts.tenantId;
  const locked = await withSourceLock(ctx.db, tenantId, source, () => runLocked(ctx, opts, source));
  if (!locked.acquired) {
    ctx.log.info({ tenantId, source }, 'sync already running: skipped');
    return { status: 'skipped', reason: 'already_running', tenantId, source };
  }
  return locked.value;
}

async function runLocked(ctx: AppContext, opts: RunSyncOptions, source: string): Promise<SyncOutcome> {
  const started = performance.now();
  const now = opts.now ?? (() => new Date());
  const signal = opts.signal ?? new AbortController().signal;
  const policy = { ...DEFAULT_RATE_LIMIT_POLICY, ...opts.rateLimit };
  const tenant = await ensureTenant(ctx.db.prisma, opts.tenantId, ctx.tenantDefaults);
  const prisma = ctx.db.prisma;
  const full = opts.full ?? false;
  const runId = await startSyncRunRow(prisma, { tenantId: tenant.id, source }, { full });
  const totals: SyncTotals = { pages: 0, inserted: 0, updated: 0, deleted: 0, rejected: 0 };
  const errors: SyncRunError[] = [];
  const streams: Record<string, SyncTotals> = {};
  const reps = new RepDirectory(tenant.id, source);
  const teams = new TeamDirectory(tenant.id);
  const finish = (status: 'succeeded' | 'partial' | 'failed', failure?: SyncRunError) =>
    finishSyncRunRow(prisma, runId, {
      status,
      totals,
      errors: failure ? [failure, ...errors] : errors,
      durationMs: Math.round(performance.now() - started),
      detail: { full, streams, createdReps: reps.takeCreated().slice(0, MAX_STORED_ERRORS) },
    });
  let currentStream = '';
  try {
    for (const stream of opts.connector.streams) {
      currentStream = stream.name;
      const own: SyncTotals = { pages: 0, inserted: 0, updated: 0, deleted: 0, rejected: 0 };
      streams[stream.name] = own;
      const cursor = full ? null : await readCursor(prisma, tenant.id, source, stream.name);
      const onWait = (ms: number) => opts.onProgress?.({ stream: stream.name, ...totals, waitingMs: ms });
      for await (const page of rateLimitedPages(stream, cursor, signal, policy, onWait)) {
        const result = await applyPage(
          {
            db: ctx.db,
            tenantId: tenant.id,
            source,
            stream: stream.name,
            tz: tenant.tz,
            now: now(),
            reps,
            teams,
          },
          page,
        );
        const applied = page.applied ?? { inserted: 0, updated: 0, rejected: 0 };
        const add = (t: SyncTotals) => {
          t.pages += 1;
          t.inserted += result.inserted + applied.inserted;
          t.updated += result.updated + applied.updated;
          t.deleted += result.deleted;
          t.rejected += result.issues.length + applied.rejected;
        };
        add(totals);
        add(own);
        for (const issue of result.issues) {
          if (errors.length < MAX_STORED_ERRORS) errors.push({ stream: stream.name, ...issue });
        }
        for (const reason of applied.errors ?? []) {
          if (errors.length < MAX_STORED_ERRORS) errors.push({ stream: stream.name, reason });
        }
        opts.onProgress?.({ stream: stream.name, ...totals });
      }
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const permanent = error instanceof ConnectorAuthError;
    await finish('failed', {
      error: `${currentStream ? `${currentStream}: ` : ''}${message}`.slice(0, 1000),
    });
    if (permanent) {
      const told = await recordAdminNotice(prisma, tenant.id, source, message, now());
      ctx.log.warn(
        { tenantId: tenant.id, source, notice: told ? 'recorded' : 'already on record' },
        'sync refused',
      );
    }
    ctx.log.error({ tenantId: tenant.id, source, runId, err: message }, 'sync failed');
    throw new SyncFailedError(`${source} sync failed: ${message}`, runId, permanent, { cause: error });
  }
  const status = totals.rejected > 0 ? 'partial' : 'succeeded';
  await finish(status);
  await clearAdminNotice(prisma, tenant.id, source);
  const durationMs = Math.round(performance.now() - started);
  ctx.log.info({ tenantId: tenant.id, source, runId, status, ...totals, durationMs }, 'sync finished');
  return { status, runId, tenantId: tenant.id, source, durationMs, ...totals };
}
