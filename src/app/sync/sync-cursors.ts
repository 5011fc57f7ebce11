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

/** Inside the page's transaction: the cursor moves only with the rows it covers. */
export async function saveCursor(tx: Tx, tenantId: string, source: string, stream: string, cursor: string) {
  await tx.syncCursor.upsert({
    where: { tenantId_source_entity: { tenantId, source, entity: stream } },
    create: { tenantId, source, entity: stream, cursor },
    update: { cursor },
  });
}
