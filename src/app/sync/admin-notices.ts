import type { Prisma } from '../../store/database.ts';

/** A sync failure the tenant's admins must hear about (bad credentials, a source misconfigured). */
export interface SyncNotice {
  source: string;
  error: string;
  /** When the failure was first seen (ISO instant). */
  at: string;
  /** Set once the admins' messages are in the delivery outbox (src/app/sync/notify-admins.ts); never sent twice. */
  deliveredAt: string | null;
}

/**
 * Records the notice in Tenant.settings.syncNotices[source] unless the same error is already on record, so a
 * source failing the same way on every run tells the admins once. Returns true when a new notice was recorded.
 */
export async function recordAdminNotice(
  prisma: Prisma,
  tenantId: string,
  source: string,
  error: string,
  at: Date,
): Promise<boolean> {
  const notice: Omit<SyncNotice, 'source'> = { error, at: at.toISOString(), deliveredAt: null };
  const changed = await prisma.$executeRawUnsafe(
    `UPDATE "Tenant" SET "updatedAt" = now(), settings = jsonb_set(
       CASE WHEN jsonb_typeof(settings->'syncNotices') = 'object' THEN settings
            ELSE settings || '{"syncNotices": {}}'::jsonb END,
       ARRAY['syncNotices', $2::text], $3::jsonb)
     WHERE id = $1 AND (settings->'syncNotices'->$2::text->>'error') IS DISTINCT FROM $4::text`,
    tenantId,
    source,
    JSON.stringify(notice),
    error,
  );
  return changed > 0;
}

/** A successful run: the source works again, and a later failure is news again. */
export async function clearAdminNotice(prisma: Prisma, tenantId: string, source: string): Promise<void> {
  await prisma.$executeRawUnsafe(
    `UPDATE "Tenant" SET settings = settings #- ARRAY['syncNotices', $2::text], "updatedAt" = now()
     WHERE id = $1 AND settings->'syncNotices'->$2::text IS NOT NULL`,
    tenantId,
    source,
  );
}

/** Every notice on record for the tenant (delivered or not), by source. */
export async function adminNotices(prisma: Prisma, tenantId: string): Promise<SyncNotice[]> {
  const tenant = await prisma.tenant.findUnique({ where: { id: tenantId }, select: { settings: true } });
  const notices = (tenant?.settings as { syncNotices?: unknown } | null)?.syncNotices;
  if (!notices || typeof notices !== 'object') return [];
  return Object.entries(notices as Record<string, Partial<SyncNotice>>)
    .filter(([, n]) => typeof n?.error === 'string')
    .map(([source, n]) => ({
      source,
      error: String(n.error),
      at: String(n.at ?? ''),
      deliveredAt: typeof n.deliveredAt === 'string' ? n.deliveredAt : null,
    }))
    .sort((a, b) => a.source.localeCompare(b.source));
}

/** The notices the tenant's admins have not been told yet (notify-admins.ts sends them, then marks them). */
export async function pendingAdminNotices(prisma: Prisma, tenantId: string): Promise<SyncNotice[]> {
  return (await adminNotices(prisma, tenantId)).filter((n) => n.deliveredAt === null);
}

/** `noticeAt`: only if the notice on record is still the one first seen then (not a newer failure since read). */
export async function markAdminNoticeDelivered(
  prisma: Prisma,
  tenantId: string,
  source: string,
  at: Date,
  noticeAt?: string,
): Promise<void> {
  await prisma.$executeRawUnsafe(
    `UPDATE "Tenant" SET settings = jsonb_set(settings, ARRAY['syncNotices', $2::text, 'deliveredAt'], to_jsonb($3::text))
     WHERE id = $1 AND settings->'syncNotices'->$2::text IS NOT NULL
       AND ($4::text IS NULL OR settings->'syncNotices'->$2::text->>'at' = $4::text)`,
    tenantId,
    source,
    at.toISOString(),
    noticeAt ?? null,
  );
}
