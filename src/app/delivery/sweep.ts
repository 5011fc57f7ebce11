import type { PrismaClient } from '../../generated/prisma/client.ts';

/**
 * What the sweeper needs from the outbox. A delivery is only ever lost from the queue, never from the database:
 * rows still pending or sending after a while without a live job (Redis restarted and lost its jobs, a job's
 * retries ran out while the platform was down, a producer committed without dispatching) are found here and
 * dispatched again. Rows nobody managed to send for `maxAgeMs` fail with their last error: a day-old alert is
 * news no more, and a row that can never succeed must not be retried forever.
 */

/** Pending or sending rows older than `olderThanMs`, not held by a sender, oldest first. */
export async function staleDeliveryIds(
  prisma: PrismaClient,
  olderThanMs: number,
  limit = 1000,
): Promise<string[]> {
  const rows = await prisma.$queryRawUnsafe<Array<{ id: string }>>(
    `SELECT id FROM "Delivery"
     WHERE status IN ('pending', 'sending')
       AND "createdAt" < now() - $1::int * interval '1 millisecond'
       AND ("leaseUntil" IS NULL OR "leaseUntil" < now())
     ORDER BY "createdAt" LIMIT $2::int`,
    Math.round(olderThanMs),
    limit,
  );
  return rows.map((r) => r.id);
}

/** Fails the rows older than `maxAgeMs` that are still not sent; returns how many. */
export async function expireDeliveries(prisma: PrismaClient, maxAgeMs: number): Promise<number> {
  return prisma.$executeRawUnsafe(
    `UPDATE "Delivery"
     SET status = 'failed', "leaseUntil" = NULL,
         "lastError" = 'expired: not delivered within ' || ($1::int / 60000) || ' min; last error: ' ||
                       COALESCE("lastError", 'none')
     WHERE status IN ('pending', 'sending')
       AND "createdAt" < now() - $1::int * interval '1 millisecond'
       AND ("leaseUntil" IS NULL OR "leaseUntil" < now())`,
    Math.round(maxAgeMs),
  );
}
