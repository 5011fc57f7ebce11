import {
  createWriter,
  type ParsedRow,
  type RepDirectory,
  type TeamDirectory,
  type Tx,
} from '../../store/csv-import/index.ts';
import type { RecordIssue, RowGroup } from './canonical-rows.ts';

export interface WriteTarget {
  tenantId: string;
  tz: string;
  source: string;
  now: Date;
  reps: RepDirectory;
  teams: TeamDirectory;
}

export interface WriteCounts {
  inserted: number;
  updated: number;
  issues: RecordIssue[];
}

/**
 * Upserts row groups inside the caller's transaction through the CSV import's writers: the same identity
 * ((tenant, source, externalId)), owner matching, dirty days and stage-change rows as an import.
 */
export async function writeRowGroups(
  tx: Tx,
  target: WriteTarget,
  groups: readonly RowGroup[],
): Promise<WriteCounts> {
  const counts: WriteCounts = { inserted: 0, updated: 0, issues: [] };
  for (const group of groups) {
    const writer = createWriter(group.kind, { ...target, present: group.present, reviveDeleted: true });
    for (const batch of batchesWithUniqueKeys(group.rows, (row) => writer.keyOf(row.values))) {
      const outcome = await writer.writeBatch(tx, batch);
      counts.inserted += outcome.inserted;
      counts.updated += outcome.updated;
      for (const issue of outcome.rejections) {
        counts.issues.push({ kind: group.kind, record: recordOf(batch, issue.line), reason: issue.reason });
      }
    }
    if (writer.finish) await writer.finish(tx);
  }
  return counts;
}

/** The writers want each key at most once per batch: a repeated record starts a new batch (and updates). */
function batchesWithUniqueKeys(rows: readonly ParsedRow[], keyOf: (row: ParsedRow) => string): ParsedRow[][] {
  const batches: ParsedRow[][] = [];
  let batch: ParsedRow[] = [];
  let keys = new Set<string>();
  for (const row of rows) {
    const key = keyOf(row);
    if (keys.has(key)) {
      batches.push(batch);
      batch = [];
      keys = new Set();
    }
    batch.push(row);
    keys.add(key);
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

function recordOf(batch: readonly ParsedRow[], line: number): string {
  const row = batch.find((r) => r.line === line);
  return String(row?.values.externalId ?? row?.values.name ?? `#${line}`);
}
