import type { Tx } from './bulk-sql.ts';
import type { KnownRep } from './rep-directory.ts';
import type { ParsedRow } from './row-parser.ts';
import type { WriterContext } from './writer.ts';

/**
 * The rep each row names in `field` (owner, rep…): undefined when the file does not have the field, null when the
 * cell is empty. Unknown people are created as reps, so no row is lost for a new owner, and listed in the report.
 */
export async function resolvePeople(
  tx: Tx,
  ctx: WriterContext,
  rows: readonly ParsedRow[],
  field: string,
): Promise<(KnownRep | null | undefined)[]> {
  if (!ctx.present.has(field)) return rows.map(() => undefined);
  const result: (KnownRep | null)[] = [];
  for (const row of rows) {
    const who = row.values[field];
    result.push(
      typeof who === 'string' ? await ctx.reps.findOrCreate(tx, who, { role: 'rep', teamId: null }) : null,
    );
  }
  return result;
}
