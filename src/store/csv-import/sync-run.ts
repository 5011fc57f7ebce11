import type { Prisma } from '../database.ts';
import type { ImportReport } from './types.ts';

/** Errors kept in SyncRun.errors; the rejected count stays exact. */
const MAX_STORED_ERRORS = 100;

export async function startSyncRun(
  prisma: Prisma,
  tenantId: string,
  source: string,
  file: string,
): Promise<string> {
  const run = await prisma.syncRun.create({ data: { tenantId, source, detail: { file } } });
  return run.id;
}

export async function finishSyncRun(prisma: Prisma, id: string, report: ImportReport, failure?: unknown) {
  const failed = failure !== undefined;
  const errors = report.rejections
    .slice(0, MAX_STORED_ERRORS)
    .map((r) => ({ line: r.line, reason: r.reason }));
  await prisma.syncRun.update({
    where: { id },
    data: {
      status: failed ? 'failed' : report.rejected > 0 ? 'partial' : 'succeeded',
      finishedAt: new Date(),
      inserted: report.imported,
      updated: report.updated,
      rejected: report.rejected,
      errors: failed
        ? [...errors, { error: failure instanceof Error ? failure.message : String(failure) }]
        : errors,
      detail: {
        file: report.file,
        rows: report.rows,
        durationMs: report.durationMs,
        createdReps: report.createdReps.slice(0, MAX_STORED_ERRORS),
        warnings: report.warnings.length,
        notes: report.notes,
      },
    },
  });
}
