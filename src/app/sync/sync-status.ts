import type { Prisma } from '../../store/database.ts';
import { adminNotices, type SyncNotice } from './admin-notices.ts';

export interface SourceStatus {
  source: string;
  configured: boolean;
  lastRun: {
    status: string;
    startedAt: Date;
    finishedAt: Date | null;
    inserted: number;
    updated: number;
    deleted: number;
    rejected: number;
  } | null;
  lastSuccessAt: Date | null;
  lastError: { at: Date; message: string } | null;
  notice: SyncNotice | null;
}

/**
 * The tenant's sources as `kpibot sync --status` shows them: every configured source, plus any other source that
 * has run for the tenant (a source removed from the config still shows its history). Per-file import runs
 * ("csv:deals") are the CSV import's own and are left out.
 */
export async function sourceStatuses(
  prisma: Prisma,
  tenantId: string,
  configured: readonly string[],
): Promise<SourceStatus[]> {
  const seen = await prisma.syncRun.findMany({
    where: { tenantId, NOT: { source: { contains: ':' } } },
    distinct: ['source'],
    select: { source: true },
  });
  const sources = [...new Set([...configured, ...seen.map((s) => s.source)])].sort();
  const notices = new Map((await adminNotices(prisma, tenantId)).map((n) => [n.source, n]));
  const statuses: SourceStatus[] = [];
  for (const source of sources) {
    const [last, success, failure] = await Promise.all([
      prisma.syncRun.findFirst({ where: { tenantId, source }, orderBy: { startedAt: 'desc' } }),
      prisma.syncRun.findFirst({
        where: { tenantId, source, status: { in: ['succeeded', 'partial'] } },
        orderBy: { startedAt: 'desc' },
      }),
      prisma.syncRun.findFirst({
        where: { tenantId, source, status: 'failed' },
        orderBy: { startedAt: 'desc' },
      }),
    ]);
    statuses.push({
      source,
      configured: configured.includes(source),
      lastRun: last,
      lastSuccessAt: success ? (success.finishedAt ?? success.startedAt) : null,
      lastError: failure
        ? { at: failure.finishedAt ?? failure.startedAt, message: failureMessage(failure.errors) }
        : null,
      notice: notices.get(source) ?? null,
    });
  }
  return statuses;
}

function failureMessage(errors: unknown): string {
  if (!Array.isArray(errors)) return 'failed';
  const fatal = errors.find(
    (e): e is { error: string } => typeof (e as { error?: unknown })?.error === 'string',
  );
  return fatal?.error ?? 'failed';
}
