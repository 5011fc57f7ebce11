// The sync engine (src/app/run-sync.ts) writes connectors' canonical records through the same writers.
export type { Tx } from './bulk-sql.ts';
export { DEFAULT_TEXT_LENGTH, type FieldSpec, KIND_SPECS, type RowValues } from './field-specs.ts';
export { formatImportReport } from './format-report.ts';
export { checkImport, importCsv } from './import-csv.ts';
export { RepDirectory } from './rep-directory.ts';
export type { ParsedRow } from './row-parser.ts';
export { TeamDirectory } from './team-directory.ts';
export {
  DATE_FORMATS,
  type DateFormat,
  IMPORT_KINDS,
  type ImportKind,
  type ImportOptions,
  type ImportProgress,
  type ImportReport,
  ImportUsageError,
  isImportKind,
  type RowIssue,
} from './types.ts';
export type { BatchOutcome, KindWriter, WriterContext } from './writer.ts';
export { createWriter } from './writer-for-kind.ts';
