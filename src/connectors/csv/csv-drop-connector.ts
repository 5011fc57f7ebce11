import { z } from 'zod';
import { type ImportReport, ImportUsageError, importCsv } from '../../store/csv-import/index.ts';
import type { Database } from '../../store/database.ts';
import type { TenantDefaults } from '../../store/tenants.ts';
import { type Connector, ConnectorAuthError, type SyncPage, type SyncStream } from '../types.ts';
import { contentHash, type DropFile, listDropFiles, moveAside } from './drop-files.ts';

export interface CsvDropOptions {
  dir: string;
  tenantId: string;
  db: Database;
  tenantDefaults: TenantDefaults;
  /** Files modified more recently than this are left for the next run (still being copied). Default 2 s. */
  settleMs?: number;
  now?: () => Date;
}

/** Hashes of the files already imported: enough to recognise a file dropped again; older ones fall off. */
const REMEMBERED_HASHES = 5_000;
const ERRORS_PER_FILE = 20;

const cursorSchema = z.object({ done: z.array(z.string()) });

/**
 * The CSV drop folder as a source: each `<kind>*.csv` file is imported once (by content hash) through the CSV
 * import, then moved to done/ (or rejected/ when it cannot be imported at all, e.g. a required column is missing).
 * Each file is one page, so a crash mid-file re-imports that file on the next run: imports are idempotent.
 */
export function createCsvDropConnector(opts: CsvDropOptions): Connector {
  const files: SyncStream = {
    name: 'files',
    async *pages(cursor, signal) {
      const done = readCursor(cursor);
      const now = opts.now ?? (() => new Date());
      for (const file of await listOrExplain(opts.dir, opts.settleMs ?? 2_000, now())) {
        signal.throwIfAborted();
        const hash = await contentHash(file.path);
        if (done.includes(hash)) {
          await moveAside(file, 'done', hash).catch(() => {});
          continue;
        }
        const outcome = await importFile(opts, file);
        done.push(hash);
        const page: SyncPage = {
          records: {},
          cursor: JSON.stringify({ done: done.slice(-REMEMBERED_HASHES) }),
          applied: outcome.applied,
        };
        yield page;
        // Reached once the page (its cursor) is committed; a failed move only leaves the file where it was, and
        // its hash in the cursor keeps it from being imported twice.
        await moveAside(file, outcome.usable ? 'done' : 'rejected', hash).catch(() => {});
      }
    },
  };
  return { source: 'csv', streams: [files] };
}

async function listOrExplain(dir: string, settleMs: number, now: Date): Promise<DropFile[]> {
  try {
    return await listDropFiles(dir, settleMs, now);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EACCES') {
      throw new ConnectorAuthError(
        `KPIBOT_CSV_DIR: cannot read the folder ${dir} (${String(code)}): create it or fix the path.`,
      );
    }
    throw error;
  }
}

function readCursor(cursor: string | null): string[] {
  if (cursor === null) return [];
  try {
    return cursorSchema.parse(JSON.parse(cursor)).done;
  } catch {
    return [];
  }
}

async function importFile(
  opts: CsvDropOptions,
  file: DropFile,
): Promise<{ usable: boolean; applied: NonNullable<SyncPage['applied']> }> {
  let report: ImportReport;
  try {
    report = await importCsv(opts.db, opts.tenantDefaults, {
      kind: file.kind,
      file: file.path,
      tenantId: opts.tenantId,
    });
  } catch (error) {
    if (!(error instanceof ImportUsageError)) throw error;
    return {
      usable: false,
      applied: { inserted: 0, updated: 0, rejected: 1, errors: [`${file.name}: ${error.message}`] },
    };
  }
  return {
    usable: true,
    applied: {
      inserted: report.imported,
      updated: report.updated,
      rejected: report.rejected,
      errors: report.rejections
        .slice(0, ERRORS_PER_FILE)
        .map((r) => `${file.name} line ${r.line}: ${r.reason}`),
    },
  };
}
