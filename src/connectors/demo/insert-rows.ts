import type { Prisma as PrismaNamespace } from '../../generated/prisma/client.ts';

export type Tx = PrismaNamespace.TransactionClient;

/** Rows per statement: keeps one JSON parameter to a few megabytes. */
const BATCH_ROWS = 5_000;

/**
 * Plain INSERTs of fresh rows, a batch per statement: the rows travel as one JSON parameter and
 * json_populate_recordset types each column from the table itself (enums, arrays, dates included). Columns left
 * out of the rows get their defaults. Only for rows known to be new: there is no ON CONFLICT.
 */
export async function insertRows(
  tx: Tx,
  table: string,
  rows: readonly Record<string, unknown>[],
): Promise<number> {
  const first = rows[0];
  if (!first) return 0;
  const columns = Object.keys(first)
    .map((c) => `"${c}"`)
    .join(', ');
  let written = 0;
  for (let i = 0; i < rows.length; i += BATCH_ROWS) {
    const batch = rows.slice(i, i + BATCH_ROWS);
    written += await tx.$executeRawUnsafe(
      `INSERT INTO "${table}" (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::"${table}", $1::json)`,
      JSON.stringify(batch),
    );
  }
  return written;
}
