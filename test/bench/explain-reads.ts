import pg from 'pg';
import type { PrismaClient } from '../../src/generated/prisma/client.ts';
import type { Database } from '../../src/store/database.ts';

export interface CapturedStatement {
  sql: string;
  values: unknown[];
}

/** Runs `work` on a copy of `db` whose raw SQL statements are recorded (with their parameters) as they run. */
export async function captureStatements(
  db: Database,
  work: (db: Database) => Promise<unknown>,
): Promise<CapturedStatement[]> {
  const captured: CapturedStatement[] = [];
  const recording = db.prisma.$extends({
    query: {
      async $allOperations({ args, query }) {
        if (Array.isArray(args) && typeof args[0] === 'string') {
          captured.push({ sql: args[0], values: args.slice(1) });
        }
        return query(args);
      },
    },
  }) as unknown as PrismaClient;
  const query = db.query;
  await work({
    ...db,
    prisma: recording,
    // The hot reads bypass Prisma on PostgreSQL (Database.query): record them there too.
    ...(query
      ? {
          query: <T>(sql: string, values: readonly unknown[]) => {
            captured.push({ sql, values: [...values] });
            return query<T>(sql, values);
          },
        }
      : {}),
  });
  return captured;
}

/** EXPLAIN (ANALYZE, BUFFERS) of each statement, on its own connection; plans as text. */
export async function explainAnalyze(
  url: string,
  statements: readonly CapturedStatement[],
): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const plans: string[] = [];
    for (const s of statements) {
      const result = await client.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`,
        s.values,
      );
      plans.push(result.rows.map((r) => r['QUERY PLAN']).join('\n'));
    }
    return plans;
  } finally {
    await client.end();
  }
}
