export { formatImportReport } from './format-report.ts';
export { checkImport, importCsv } from './import-csv.ts';
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
