import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { type CsvError, parse } from 'csv-parse';
import { ImportUsageError, type RowIssue } from './types.ts';

export interface CsvHeader {
  columns: string[];
  delimiter: string;
  /** At least one data row follows the header. */
  hasRows: boolean;
}

export interface CsvRecord {
  /** 1-based line where the record starts (header = 1). */
  line: number;
  cells: string[];
}

const SNIFF_BYTES = 64 * 1024;

/** Reads the header (and whether a row follows) without reading the whole file; throws for a missing/empty file. */
export async function readCsvHeader(file: string): Promise<CsvHeader> {
  const info = await stat(file).catch(() => null);
  if (!info) throw new ImportUsageError(`File not found: ${file}`);
  if (!info.isFile()) throw new ImportUsageError(`Not a file: ${file}`);
  const handle = await open(file, 'r');
  let head: string;
  try {
    const buffer = Buffer.alloc(Math.min(SNIFF_BYTES, info.size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    head = buffer
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
  } finally {
    await handle.close();
  }
  if (head.trim() === '') throw new ImportUsageError(`${file} is empty: expected a header line and rows.`);
  const delimiter = sniffDelimiter(head.split(/\r?\n/, 1)[0] ?? '');
  const records: string[][] = [];
  for await (const record of records$(file, delimiter, 2)) records.push(record.cells);
  const columns = (records[0] ?? []).map((c) => c.trim());
  if (columns.every((c) => c === '')) throw new ImportUsageError(`${file} has no header line.`);
  return { columns, delimiter, hasRows: records.length > 1 };
}

/** French spreadsheet exports use ';', some tools tab: the most frequent candidate in the header line wins. */
function sniffDelimiter(firstLine: string): string {
  let best = ',';
  let bestCount = 0;
  for (const candidate of [',', ';', '\t']) {
    const count = firstLine.split(candidate).length - 1;
    if (count > bestCount) [best, bestCount] = [candidate, count];
  }
  return best;
}

/**
 * Streams the data rows (header skipped) with backpressure: the file is never held in memory. Records that are not
 * valid CSV (e.g. an unclosed quote) are skipped and reported to onSyntaxError.
 */
export async function* readCsvRows(
  file: string,
  delimiter: string,
  onSyntaxError: (issue: RowIssue) => void,
): AsyncGenerator<CsvRecord> {
  let first = true;
  for await (const record of records$(file, delimiter, undefined, onSyntaxError)) {
    if (first) {
      first = false;
      continue;
    }
    yield record;
  }
}

async function* records$(
  file: string,
  delimiter: string,
  limit?: number,
  onSyntaxError?: (issue: RowIssue) => void,
): AsyncGenerator<CsvRecord> {
  const stream = createReadStream(file);
  const parser = stream.pipe(
    parse({
      delimiter,
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      skip_records_with_error: onSyntaxError !== undefined,
      on_skip: (error: CsvError | undefined) => {
        if (error && onSyntaxError)
          onSyntaxError({ line: Number(error.lines ?? 0), reason: `not valid CSV: ${error.message}` });
        return undefined;
      },
      ...(limit === undefined ? {} : { to: limit }),
    }),
  );
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      const newlines = record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
      yield { line: info.lines - newlines, cells: record };
    }
  } finally {
    stream.destroy();
  }
}
