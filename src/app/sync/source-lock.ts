import type { Database } from '../../store/database.ts';

export type Locked<T> = { acquired: true; value: T } | { acquired: false };

/** Held for as long as a sync may run; a process that dies releases its lock with its connection. */
const LOCK_HOLD_MS = 24 * 3600_000;
const heldInProcess = new Set<string>();

/**
 * Runs fn while holding the (tenant, source) sync lock, or returns { acquired: false } at once when another run
 * holds it. PostgreSQL: a transaction-level advisory lock on a connection of its own, so it spans all the page
 * transactions and dies with the process. The embedded database is single-process (and runs one transaction at
 * a time), so an in-process lock is the same guarantee there.
 */
export async function withSourceLock<T>(
  db: Database,
  tenantId: string,
  source: string,
  fn: () => Promise<T>,
): Promise<Locked<T>> {
  if (db.kind === 'pglite') {
    const key = `${tenantId}\u0000${source}`;
    if (heldInProcess.has(key)) return { acquired: false };
    heldInProcess.add(key);
    try {
      return { acquired: true, value: await fn() };
    } finally {
      heldInProcess.delete(key);
    }
  }
  return db.prisma.$transaction(
    async (tx) => {
      const [row] = await tx.$queryRawUnsafe<{ locked: boolean }[]>(
        `SELECT pg_try_advisory_xact_lock(hashtext('kpibot:sync'), hashtext($1 || ':' || $2)) AS locked`,
        tenantId,
        source,
      );
      if (!row?.locked) return { acquired: false } as const;
      return { acquired: true, value: await fn() } as const;
    },
    { maxWait: 10_000, timeout: LOCK_HOLD_MS },
  );
}
