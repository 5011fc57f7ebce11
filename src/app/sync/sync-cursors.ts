import type { Tx } from '../../store/csv-import/index.ts';
import type { Prisma } from '../../store/database.ts';

export async function readCursor(
  prisma: Prisma,
  tenantId: string,
  source: string,
  stream: string,
): Promise<string | null> {
  const row = await prisma.syncCursor.findUnique({
    where: { tenantId_source_entity: { tenantId, source, entity: stream } },
  });
  return row?.cursor ?? null;
}

/**
 * Inside the page's transaction: the cursor moves only with the rows it covers. Raw SQL: it runs once a page, and
 * the model API costs this hot path several times the client CPU of one statement.
 */
export async function saveCursor(tx: Tx, tenantId: string, source: string, stream: string, cursor: string) {
  await tx.$executeRawUnsafe(
    `INSERT INTO "SyncCursor" ("tenantId", source, entity, cursor, "updatedAt") VALUES ($1, $2, $3, $4, now())
     ON CONFLICT ("tenantId", source, entity) DO UPDATE SET cursor = EXCLUDED.cursor, "updatedAt" = now()`,
    tenantId,
    source,
    stream,
    cursor,
  );
}
