import type { Prisma } from '../../store/database.ts';

/** Errors kept in SyncRun.errors; the counts stay exact beyond it. */
export const MAX_STORED_ERRORS = 100;

export interface SyncTotals {
  pages: number;
  inserted: number;
  updated: number;
  deleted: number;
  rejected: number;
}

export type SyncRunError = { stream?: string; record?: string; reason: string } | { error: string };

/**
 * Opens the run's row. Called under the (tenant, source) lock, so a row of the same source still marked running
 * belongs to a process that died mid-run: it is closed as failed first.
 */
export async function startSyncRunRow(
  prisma: Prisma,
  scope: { tenantId: string; source: string },
  detail: { full: boolean },
): Promise<string> {
  await prisma.syncRun.updateMany({
    where: { tenantId: scope.tenantId, source: scope.source, status: 'running' },
    data: {
      status: 'failed',
      finishedAt: new Date(),
      errors: [
        { error: 'interrupted: the process stopped during the run; the next run resumed from its cursors' },
      ],
    },
  });
  const run = await prisma.syncRun.create({
    data: { tenantId: scope.tenantId, source: scope.source, detail },
  });
  return run.id;
}

export async function finishSyncRunRow(
  prisma: Prisma,
  id: string,
  outcome: {
    status: 'succeeded' | 'partial' | 'failed';
    totals: SyncTotals;
    errors: readonly SyncRunError[];
    durationMs: number;
    detail: Record<string, unknown>;
  },
): Promise<void> {
  await prisma.syncRun.update({
    where: { id },
    data: {
      status: outcome.status,
      finishedAt: new Date(),
      inserted: outcome.totals.inserted,
      updated: outcome.totals.updated,
      deleted: outcome.totals.deleted,
      rejected: outcome.totals.rejected,
      errors: outcome.errors.slice(0, MAX_STORED_ERRORS) as object[],
      detail: { ...outcome.detail, pages: outcome.totals.pages, durationMs: outcome.durationMs },
    },
  });
}
