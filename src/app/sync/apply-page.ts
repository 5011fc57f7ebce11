import type { RecordPage, SyncPage } from '../../connectors/types.ts';
import type { RepDirectory, TeamDirectory, Tx } from '../../store/csv-import/index.ts';
import type { Database } from '../../store/database.ts';
import { pageRowGroups, type RecordIssue, type RowGroup } from './canonical-rows.ts';
import { applyDeletions, reviveDeals } from './deletions.ts';
import { recordStageHistory } from './stage-history.ts';
import { saveCursor } from './sync-cursors.ts';
import { writeRowGroups } from './write-records.ts';

export interface PageScope {
  db: Database;
  tenantId: string;
  source: string;
  stream: string;
  tz: string;
  now: Date;
  reps: RepDirectory;
  teams: TeamDirectory;
}

export interface PageResult {
  inserted: number;
  updated: number;
  deleted: number;
  issues: RecordIssue[];
}

const TRANSACTION = { maxWait: 10_000, timeout: 120_000 };

/**
 * One page in one transaction: its records upserted through the CSV import's writers, sources' deletions
 * applied, stage history recorded, dirty days marked, and the stream's cursor moved to the page's. A crash
 * anywhere leaves either all of it or none of it.
 *
 * When the database refuses the page (a value no check caught), the records are written one transaction each
 * and the refused ones reported, then the deletions and the cursor go in a last transaction: one bad record
 * never blocks a source forever. A crash in between re-reads the page, which is idempotent.
 */
export async function applyPage(scope: PageScope, page: SyncPage): Promise<PageResult> {
  const { groups, issues } = pageRowGroups(page.records, scope.source);
  try {
    const result = await scope.db.prisma.$transaction(async (tx) => {
      await commitWithoutWaitingForDisk(tx);
      return {
        ...(await writeRowGroups(tx, scope, groups)),
        deleted: await finishPage(tx, scope, page, page.records),
      };
    }, TRANSACTION);
    return { ...result, issues: [...issues, ...result.issues] };
  } catch (error) {
    forgetUncommitted(scope);
    if (!isDataError(error)) throw error;
  }
  return applyRecordByRecord(scope, page, groups, issues);
}

async function applyRecordByRecord(
  scope: PageScope,
  page: SyncPage,
  groups: readonly RowGroup[],
  issues: RecordIssue[],
): Promise<PageResult> {
  const result: PageResult = { inserted: 0, updated: 0, deleted: 0, issues };
  const written = new Set<string>();
  for (const group of groups) {
    for (const row of group.rows) {
      const record = String(row.values.externalId ?? row.values.name ?? row.line);
      try {
        const counts = await scope.db.prisma.$transaction(
          (tx) => writeRowGroups(tx, scope, [{ ...group, rows: [row] }]),
          TRANSACTION,
        );
        result.inserted += counts.inserted;
        result.updated += counts.updated;
        result.issues.push(...counts.issues);
        written.add(`${group.kind}\u0000${record}`);
      } catch (error) {
        forgetUncommitted(scope);
        if (!isDataError(error)) throw error;
        result.issues.push({
          kind: group.kind,
          record,
          reason: `refused by the database: ${databaseReason(error)}`,
        });
      }
    }
  }
  const kept = (kind: string, externalId: string) => written.has(`${kind}\u0000${externalId}`);
  const survivors: RecordPage = {
    ...page.records,
    leads: page.records.leads?.filter((r) => kept('leads', r.externalId)),
    deals: page.records.deals?.filter((r) => kept('deals', r.externalId)),
    activities: page.records.activities?.filter((r) => kept('activities', r.externalId)),
  };
  result.deleted = await scope.db.prisma.$transaction(
    (tx) => finishPage(tx, scope, page, survivors),
    TRANSACTION,
  );
  return result;
}

/** What follows the upserts in the page's transaction; returns the number of records deleted. */
async function finishPage(tx: Tx, scope: PageScope, page: SyncPage, written: RecordPage): Promise<number> {
  await reviveDeals(tx, scope, written.deals);
  await recordStageHistory(tx, scope, written.deals);
  const deleted = await applyDeletions(tx, scope, page.records.deleted);
  await saveCursor(tx, scope.tenantId, scope.source, scope.stream, page.cursor);
  return deleted;
}

/**
 * The page's COMMIT returns without waiting for its WAL to reach the disk (one flush a page was a tenth of the
 * sync's time). Safe here: a database crash can only lose the last pages committed together with their cursor,
 * so the next run reads them again from the source, and the run's closing SyncRun update is a normal commit,
 * which flushes everything before it. Atomicity and isolation are unchanged.
 */
async function commitWithoutWaitingForDisk(tx: Tx): Promise<void> {
  await tx.$executeRawUnsafe('SET LOCAL synchronous_commit = off');
}

/** A rolled-back transaction may have created reps or teams the directories now remember: forget them. */
function forgetUncommitted(scope: PageScope): void {
  scope.reps.reset();
  scope.teams.reset();
}

const DATA_ERROR_CODES = new Set(['P2000', 'P2002', 'P2003', 'P2006', 'P2007', 'P2011', 'P2012', 'P2020']);

/** SQLSTATE class 22 (data exception) or 23 (integrity constraint): the data, not the database, is at fault. */
export function isDataError(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (DATA_ERROR_CODES.has(code) || /^2[23][0-9A-Z]{3}$/.test(code)))
      return true;
    const sqlState = /Code: `(\w{5})`/.exec(e.message)?.[1];
    if (sqlState && /^2[23]/.test(sqlState)) return true;
  }
  return false;
}

function databaseReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const driver = /Code: `(\w+)`\. Message: `(.+)`/.exec(message);
  if (driver) return `${driver[2]} (SQLSTATE ${driver[1]})`.slice(0, 300);
  return (
    message
      .split('\n')
      .filter((l) => l.trim() !== '')
      .at(-1) ?? 'unknown error'
  ).slice(0, 300);
}
