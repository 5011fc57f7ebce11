import path from 'node:path';
import type { Database } from '../database.ts';
import { ensureTenant, type TenantDefaults } from '../tenants.ts';
import type { Tx } from './bulk-sql.ts';
import {
  type ColumnIndex,
  type ColumnMappingInput,
  resolveColumns,
  unusedColumns,
} from './column-mapping.ts';
import { type CsvHeader, readCsvHeader, readCsvRows } from './csv-source.ts';
import { KIND_SPECS, type KindSpec } from './field-specs.ts';
import { RepDirectory } from './rep-directory.ts';
import { createRowParser, type ParsedRow } from './row-parser.ts';
import { finishSyncRun, startSyncRun } from './sync-run.ts';
import { TeamDirectory } from './team-directory.ts';
import {
  type ImportOptions,
  type ImportReport,
  ImportUsageError,
  isImportKind,
  type RowIssue,
} from './types.ts';
import type { BatchOutcome, KindWriter } from './writer.ts';
import { createWriter } from './writer-for-kind.ts';

const DEFAULT_BATCH_SIZE = 500;
/** Rejections kept in the report; the count stays exact beyond it. */
export const MAX_LISTED_ISSUES = 10_000;
const TRANSACTION = { maxWait: 10_000, timeout: 120_000 };

export interface CheckedImport {
  spec: KindSpec;
  header: CsvHeader;
  columns: ColumnIndex;
  mapping: ColumnMappingInput;
  source: string;
}

/**
 * Everything that can be said about the command without the database: kind, file, header, field names, required
 * columns, --set values. Throws ImportUsageError (exit code 2).
 */
export async function checkImport(opts: ImportOptions, tz: string): Promise<CheckedImport> {
  if (!isImportKind(opts.kind)) {
    throw new ImportUsageError(
      `Unknown import kind "${String(opts.kind)}": use one of ${Object.keys(KIND_SPECS).join(', ')}.`,
    );
  }
  const spec = KIND_SPECS[opts.kind];
  const header = await readCsvHeader(opts.file);
  if (!header.hasRows) throw new ImportUsageError(`${opts.file} has a header but no rows to import.`);
  const { source: setSource, ...set } = opts.set ?? {};
  const mapping: ColumnMappingInput = {
    map: opts.map ?? {},
    set: spec.hasSource || setSource === undefined ? set : { ...set, source: setSource },
    valueMap: opts.valueMap ?? {},
    defaults: opts.defaults ?? {},
  };
  const columns = resolveColumns(spec, header.columns, mapping, path.basename(opts.file));
  const source = spec.hasSource ? (setSource?.trim() ?? 'csv') : 'csv';
  if (source === '') throw new ImportUsageError('--set source= needs a name, e.g. --set source=hubspot.');
  createRowParser({
    spec,
    columns,
    options: mapping,
    tz,
    dateFormat: opts.dateFormat ?? 'iso',
    now: new Date(0),
  });
  return { spec, header, columns, mapping, source };
}

/**
 * Streams a CSV file into the tenant's data: rows are parsed and validated one by one, written in batches (one
 * transaction each, with the days they touch marked dirty for rollups), and upserted on their identity so that a
 * re-import updates and never duplicates. A bad row is rejected with its line and reason; the others go in.
 */
export async function importCsv(
  db: Database,
  tenantDefaults: TenantDefaults,
  opts: ImportOptions,
): Promise<ImportReport> {
  const startedAt = performance.now();
  const now = opts.now ?? new Date();
  await checkImport(opts, tenantDefaults.tz);
  const tenant = await ensureTenant(db.prisma, opts.tenantId, tenantDefaults);
  const { spec, header, columns, mapping, source } = await checkImport(opts, tenant.tz);
  const parseRow = createRowParser({
    spec,
    columns,
    options: mapping,
    tz: tenant.tz,
    dateFormat: opts.dateFormat ?? 'iso',
    now,
  });
  const present = new Set([...columns.keys(), ...Object.keys(mapping.set), ...Object.keys(mapping.defaults)]);
  const reps = new RepDirectory(tenant.id, source);
  const teams = new TeamDirectory(tenant.id);
  const writer = createWriter(spec.kind, {
    tenantId: tenant.id,
    tz: tenant.tz,
    source,
    now,
    present,
    reps,
    teams,
  });

  const report: ImportReport = {
    kind: spec.kind,
    file: opts.file,
    tenantId: tenant.id,
    rows: 0,
    imported: 0,
    updated: 0,
    rejected: 0,
    rejections: [],
    warnings: [],
    createdReps: [],
    notes: [],
    durationMs: 0,
  };
  const reject = (issue: RowIssue) => {
    report.rejected += 1;
    if (report.rejections.length < MAX_LISTED_ISSUES) report.rejections.push(issue);
  };
  const defaultedCounts = new Map<string, number>();
  const runId = await startSyncRun(db.prisma, tenant.id, `csv:${spec.kind}`, opts.file);
  try {
    const batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
    let batch: ParsedRow[] = [];
    let keys = new Set<string>();
    const flush = async () => {
      if (batch.length === 0) return;
      await writeBatch(db, writer, reps, teams, batch, report, reject);
      batch = [];
      keys = new Set();
      opts.onProgress?.({ rows: report.rows });
    };
    for await (const record of readCsvRows(opts.file, header.delimiter, reject)) {
      report.rows += 1;
      if (record.cells.length !== header.columns.length) {
        reject({
          line: record.line,
          reason: `has ${record.cells.length} fields, the header has ${header.columns.length}`,
        });
        continue;
      }
      const result = parseRow(record.cells, record.line);
      if (!result.ok) {
        reject({ line: record.line, reason: result.reason });
        continue;
      }
      for (const field of result.row.defaulted)
        defaultedCounts.set(field, (defaultedCounts.get(field) ?? 0) + 1);
      const key = writer.keyOf(result.row.values);
      if (keys.has(key)) await flush();
      batch.push(result.row);
      keys.add(key);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    if (writer.finish) {
      const finish = writer.finish;
      report.notes.push(...(await db.prisma.$transaction((tx) => finish(tx), TRANSACTION)));
    }
    for (const [field, count] of defaultedCounts) {
      report.notes.push(
        `${count} row${count === 1 ? '' : 's'} had no ${field}: used --default ${field}=${mapping.defaults[field]}` +
          (mapping.defaults[field]?.toLowerCase() === 'now' ? ' (the import time; kept on re-import)' : ''),
      );
    }
    const ignored = unusedColumns(header.columns, columns);
    if (ignored.length > 0) report.notes.push(`columns not imported: ${ignored.join(', ')}`);
    report.rejections.sort((a, b) => a.line - b.line);
    report.warnings.sort((a, b) => a.line - b.line);
    report.durationMs = Math.round(performance.now() - startedAt);
    await finishSyncRun(db.prisma, runId, report);
    return report;
  } catch (error) {
    await finishSyncRun(db.prisma, runId, report, error).catch(() => {});
    throw error;
  }
}

/**
 * One transaction for the batch. If the database refuses it (a row the checks did not catch), the batch is retried
 * row by row so one bad row is rejected with the database's reason and never takes the good ones down with it.
 */
async function writeBatch(
  db: Database,
  writer: KindWriter,
  reps: RepDirectory,
  teams: TeamDirectory,
  rows: ParsedRow[],
  report: ImportReport,
  reject: (issue: RowIssue) => void,
): Promise<void> {
  const attempt = async (part: ParsedRow[]): Promise<BatchOutcome> =>
    db.prisma.$transaction((tx: Tx) => writer.writeBatch(tx, part), TRANSACTION);
  const rollBack = () => {
    reps.reset();
    teams.reset();
    writer.reset?.();
  };
  const merge = (outcome: BatchOutcome) => {
    report.imported += outcome.inserted;
    report.updated += outcome.updated;
    outcome.rejections.forEach(reject);
    for (const warning of outcome.warnings) {
      if (report.warnings.length < MAX_LISTED_ISSUES) report.warnings.push(warning);
    }
    report.createdReps.push(...reps.takeCreated());
  };
  try {
    merge(await attempt(rows));
    return;
  } catch (error) {
    rollBack();
    if (rows.length === 1) {
      reject({ line: rows[0]!.line, reason: `refused by the database: ${databaseReason(error)}` });
      return;
    }
  }
  for (const row of rows) {
    try {
      merge(await attempt([row]));
    } catch (error) {
      rollBack();
      reject({ line: row.line, reason: `refused by the database: ${databaseReason(error)}` });
    }
  }
}

function databaseReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const driver = /Code: `(\w+)`\. Message: `(.+)`/.exec(message);
  if (driver) return `${driver[2]} (SQLSTATE ${driver[1]})`.slice(0, 300);
  const lines = message
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return (lines.at(-1) ?? 'unknown error').slice(0, 300);
}
