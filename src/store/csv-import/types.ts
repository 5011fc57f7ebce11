export const IMPORT_KINDS = [
  'leads',
  'deals',
  'activities',
  'reps',
  'teams',
  'campaigns',
  'web-traffic',
  'objectives',
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export function isImportKind(value: string): value is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(value);
}

export type DateFormat = 'iso' | 'dd/mm/yyyy' | 'mm/dd/yyyy';
export const DATE_FORMATS: readonly DateFormat[] = ['iso', 'dd/mm/yyyy', 'mm/dd/yyyy'];

export interface ImportProgress {
  rows: number;
}

export interface ImportOptions {
  kind: ImportKind;
  file: string;
  tenantId: string;
  /** field → CSV column (header name). */
  map?: Record<string, string>;
  /** field → (CSV value → our value), applied before parsing the cell. */
  valueMap?: Record<string, Record<string, string>>;
  /** field → constant for every row (overrides any column). `source` here names the origin system. */
  set?: Record<string, string>;
  /** field → value used when the row's cell is empty or the column is absent; `now` = the import time for dates. */
  defaults?: Record<string, string>;
  dateFormat?: DateFormat;
  /** Rows per transaction (default 500). */
  batchSize?: number;
  onProgress?: (p: ImportProgress) => void;
  /** The import time (tests); defaults to the clock. */
  now?: Date;
}

export interface RowIssue {
  /** 1-based line of the row in the file; the header is line 1. */
  line: number;
  reason: string;
}

export interface ImportReport {
  kind: ImportKind;
  file: string;
  tenantId: string;
  /** Data rows read from the file. */
  rows: number;
  imported: number;
  updated: number;
  rejected: number;
  rejections: RowIssue[];
  /** Rows imported, with something left out (e.g. a link to an unknown lead). */
  warnings: RowIssue[];
  /** Reps that did not exist and were created (unknown deal owners, managers named in a reps file…). */
  createdReps: string[];
  /** What the import decided on its own, in one line each (defaults used, ambiguous team managers…). */
  notes: string[];
  durationMs: number;
}

/** Bad usage or input that stops the import before anything is written (exit code 2). */
export class ImportUsageError extends Error {
  readonly code = 'bad_usage';
}
