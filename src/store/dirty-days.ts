import { arrayLiteral } from './array-literal.ts';
import type { Prisma } from './database.ts';

type Executor = Pick<Prisma, '$executeRawUnsafe'>;

/**
 * Records tenant-local days whose rollups must be recomputed. Call it inside the same transaction as the data
 * change (with the transaction client), passing every date the change touched, old and new values alike, so a
 * crash between the write and the rollup loses nothing.
 */
export async function markDirtyDays(
  db: Executor,
  tenantId: string,
  tz: string,
  instants: Iterable<Date | null | undefined>,
) {
  const unique = new Set<number>();
  for (const d of instants) if (d instanceof Date && !Number.isNaN(d.getTime())) unique.add(d.getTime());
  if (unique.size === 0) return;
  const list = arrayLiteral([...unique].map((ms) => new Date(ms).toISOString()));
  await db.$executeRawUnsafe(
    `INSERT INTO "RollupDirtyDay" ("tenantId", day)
     SELECT $1, DISTINCT_DAYS.day FROM (
       SELECT DISTINCT (t AT TIME ZONE $2)::date AS day FROM unnest($3::timestamptz[]) AS t
     ) AS DISTINCT_DAYS
     ON CONFLICT ("tenantId", day) DO UPDATE SET at = now()`,
    tenantId,
    tz,
    list,
  );
}

/** Same, for values that already are tenant-local calendar days ('YYYY-MM-DD'), e.g. campaign daily stats. */
export async function markDirtyLocalDays(db: Executor, tenantId: string, days: Iterable<string>) {
  const list = [...new Set(days)];
  if (list.length === 0) return;
  await db.$executeRawUnsafe(
    `INSERT INTO "RollupDirtyDay" ("tenantId", day) SELECT $1, d FROM unnest($2::date[]) AS d
     ON CONFLICT ("tenantId", day) DO UPDATE SET at = now()`,
    tenantId,
    list,
  );
}
