import { KIND_SPECS } from '../store/csv-import/field-specs.ts';
import {
  checkImport,
  DATE_FORMATS,
  type DateFormat,
  formatImportReport,
  IMPORT_KINDS,
  type ImportOptions,
  type ImportReport,
  ImportUsageError,
  importCsv,
  isImportKind,
} from '../store/csv-import/index.ts';
import type { Database } from '../store/database.ts';
import { DEFAULT_TENANT, type TenantDefaults } from '../store/tenants.ts';

export interface ImportCommandDeps {
  /** Opens the database; the command closes it when done. */
  db: () => Promise<Database>;
  tenantDefaults: TenantDefaults;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export const IMPORT_HELP = `Usage: kpibot import <kind> <file.csv> [options]

Kinds: ${IMPORT_KINDS.join(', ')}

Options:
  --map field=column           read field from this CSV column (default: the column named like the field,
                               case and _ ignored: created_at = createdAt)
  --value-map field:csv=ours   translate a cell value, e.g. --value-map status:Won=won
  --set field=value            same value for every row; --set source=hubspot names the origin system (default csv)
  --default field=value        value when the cell is empty; --default createdAt=now = the import time (kept
                               on re-import)
  --date-format F              iso (default), dd/mm/yyyy or mm/dd/yyyy; ISO dates are always accepted.
                               A date without a time is that day in the tenant's time zone.
  --tenant T                   tenant id (default "${DEFAULT_TENANT}")
  --json                       print the whole report as JSON

Fields:
${IMPORT_KINDS.map(
  (kind) =>
    `  ${kind}: ${KIND_SPECS[kind].fields.map((f) => (f.required ? `${f.name}*` : f.name)).join(', ')}`,
).join('\n')}
  (* required)

Rows are upserted on their identity: re-importing a file updates, never duplicates. A bad row is rejected with its
line number and reason; the other rows are imported.`;

interface ParsedArgs {
  options: ImportOptions;
  json: boolean;
  help: boolean;
}

/** `kpibot import …`: checks the usage before opening the database; returns the exit code. */
export async function runImportCommand(argv: string[], deps: ImportCommandDeps): Promise<number> {
  let parsed: ParsedArgs;
  try {
    parsed = parseImportArgs(argv);
    if (parsed.help) {
      deps.stdout.write(`${IMPORT_HELP}\n`);
      return 0;
    }
    await checkImport(parsed.options, deps.tenantDefaults.tz);
  } catch (error) {
    if (error instanceof ImportUsageError) {
      deps.stderr.write(`kpibot import: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const progress = progressPrinter(deps.stderr);
  const db = await deps.db();
  let report: ImportReport;
  try {
    report = await importCsv(db, deps.tenantDefaults, { ...parsed.options, onProgress: progress.update });
  } catch (error) {
    progress.clear();
    if (error instanceof ImportUsageError) {
      deps.stderr.write(`kpibot import: ${error.message}\n`);
      return 2;
    }
    throw error;
  } finally {
    await db.close();
  }
  progress.clear();
  deps.stdout.write(parsed.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatImportReport(report)}\n`);
  // Every row refused: the input, not the data, is wrong (a wrong --date-format, a missing --value-map…).
  return report.rejected > 0 && report.imported + report.updated === 0 ? 2 : 0;
}

export function parseImportArgs(argv: string[]): ParsedArgs {
  const positional: string[] = [];
  const map: Record<string, string> = {};
  const set: Record<string, string> = {};
  const defaults: Record<string, string> = {};
  const valueMap: Record<string, Record<string, string>> = {};
  let tenantId = DEFAULT_TENANT;
  let dateFormat: DateFormat = 'iso';
  let json = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? splitOnce(arg, '=') : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) {
        throw new ImportUsageError(`${flag} needs a value. Run kpibot import --help.`);
      }
      return v;
    };
    switch (flag) {
      case '--help':
      case '-h':
        help = true;
        break;
      case '--json':
        json = true;
        break;
      case '--tenant':
        tenantId = value();
        break;
      case '--date-format': {
        const format = value().toLowerCase();
        if (!(DATE_FORMATS as readonly string[]).includes(format)) {
          throw new ImportUsageError(`--date-format ${format}: use one of ${DATE_FORMATS.join(', ')}.`);
        }
        dateFormat = format as DateFormat;
        break;
      }
      case '--map':
      case '--set':
      case '--default': {
        const [field, column] = pair(flag, value(), '=', 'field=value');
        ({ '--map': map, '--set': set, '--default': defaults })[flag][field] = column;
        break;
      }
      case '--value-map': {
        const raw = value();
        const [field, rest] = pair(flag, raw, ':', 'field:csvValue=ourValue');
        const [from, to] = pair(flag, rest, '=', 'field:csvValue=ourValue');
        valueMap[field] = { ...valueMap[field], [from]: to };
        break;
      }
      default:
        if (arg.startsWith('--'))
          throw new ImportUsageError(`Unknown option ${flag}. Run kpibot import --help.`);
        positional.push(arg);
    }
  }
  const [kind, file, ...extra] = positional;
  const options: ImportOptions = {
    kind: 'leads',
    file: '',
    tenantId,
    map,
    set,
    defaults,
    valueMap,
    dateFormat,
  };
  if (help) return { options, json, help };
  if (kind === undefined || file === undefined) {
    throw new ImportUsageError(
      `Usage: kpibot import <${IMPORT_KINDS.join('|')}> <file.csv> [options] (see --help).`,
    );
  }
  if (!isImportKind(kind)) {
    throw new ImportUsageError(`Unknown import kind "${kind}": use one of ${IMPORT_KINDS.join(', ')}.`);
  }
  if (extra.length > 0)
    throw new ImportUsageError(`Unexpected argument "${extra[0]}". Run kpibot import --help.`);
  return { options: { ...options, kind, file }, json, help };
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return [text.slice(0, at), text.slice(at + separator.length)];
}

function pair(flag: string, raw: string, separator: string, shape: string): [string, string] {
  const at = raw.indexOf(separator);
  if (at <= 0) throw new ImportUsageError(`${flag} ${raw}: expected ${shape}.`);
  return [raw.slice(0, at).trim(), raw.slice(at + 1)];
}

/** Rows read and rate on stderr, about once a second, only on a terminal. */
function progressPrinter(stderr: NodeJS.WritableStream) {
  const isTTY = (stderr as { isTTY?: boolean }).isTTY === true;
  const started = Date.now();
  let lastPrint = started;
  let printed = false;
  return {
    update: (p: { rows: number }) => {
      const at = Date.now();
      if (!isTTY || at - lastPrint < 1000) return;
      lastPrint = at;
      printed = true;
      const rate = Math.round(p.rows / ((at - started) / 1000));
      stderr.write(`\r\x1b[K${p.rows.toLocaleString('en')} rows read · ${rate.toLocaleString('en')} rows/s`);
    },
    clear: () => {
      if (printed) stderr.write('\r\x1b[K');
      printed = false;
    },
  };
}
