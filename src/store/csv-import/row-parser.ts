import { type Parsed, parseCount, parseDay, parseInstant, parseNumber } from './cell-parsers.ts';
import type { ColumnIndex, ColumnMappingInput } from './column-mapping.ts';
import {
  type CellValue,
  DEFAULT_TEXT_LENGTH,
  type FieldSpec,
  type KindSpec,
  type RowValues,
} from './field-specs.ts';
import { type DateFormat, ImportUsageError } from './types.ts';

export interface ParsedRow {
  line: number;
  values: RowValues;
  /** Fields whose value came from --default because the cell was empty. */
  defaulted: ReadonlySet<string>;
}

export type RowResult = { ok: true; row: ParsedRow } | { ok: false; reason: string };

export interface RowParserContext {
  spec: KindSpec;
  columns: ColumnIndex;
  options: ColumnMappingInput;
  tz: string;
  dateFormat: DateFormat;
  now: Date;
}

const METRIC_NAME = /^[a-z][a-z0-9_]*$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** Builds the function that turns one CSV record into typed field values, or the reason it is rejected. */
export function createRowParser(
  ctx: RowParserContext,
): (cells: readonly string[], line: number) => RowResult {
  const { spec, columns, options } = ctx;
  const parseSet = new Map<string, CellValue>();
  for (const [field, raw] of Object.entries(options.set)) {
    const fieldSpec = spec.fields.find((f) => f.name === field);
    if (!fieldSpec) continue;
    const parsed = parseCell(fieldSpec, raw, ctx);
    if (!parsed.ok) throw new ImportUsageError(`--set ${field}=${raw}: ${parsed.reason}.`);
    parseSet.set(field, parsed.value);
  }
  const fields = spec.fields.filter(
    (f) => columns.has(f.name) || parseSet.has(f.name) || options.defaults[f.name] !== undefined,
  );
  const lowerValueMaps = new Map(
    Object.entries(options.valueMap).map(([field, m]) => [
      field,
      new Map(Object.entries(m).map(([from, to]) => [from.trim().toLowerCase(), to])),
    ]),
  );

  return (cells, line) => {
    const values: RowValues = {};
    const defaulted = new Set<string>();
    for (const field of fields) {
      if (parseSet.has(field.name)) {
        values[field.name] = parseSet.get(field.name) ?? null;
        continue;
      }
      const index = columns.get(field.name);
      let raw = index === undefined ? '' : (cells[index] ?? '').trim();
      const mapped =
        options.valueMap[field.name]?.[raw] ?? lowerValueMaps.get(field.name)?.get(raw.toLowerCase());
      if (mapped !== undefined) raw = mapped.trim();
      if (raw === '' && options.defaults[field.name] !== undefined) {
        raw = options.defaults[field.name]!;
        defaulted.add(field.name);
      }
      if (raw === '') {
        if (field.required) return { ok: false, reason: `${field.name} is empty (required)` };
        values[field.name] = null;
        continue;
      }
      const parsed = parseCell(field, raw, ctx);
      if (!parsed.ok) return { ok: false, reason: `${field.name}: ${parsed.reason}` };
      values[field.name] = parsed.value;
    }
    const crossFieldProblem = spec.validate?.(values) ?? null;
    if (crossFieldProblem) return { ok: false, reason: crossFieldProblem };
    return { ok: true, row: { line, values, defaulted } };
  };
}

function parseCell(field: FieldSpec, raw: string, ctx: RowParserContext): Parsed<CellValue> {
  switch (field.type) {
    case 'instant':
      if (raw.toLowerCase() === 'now') return { ok: true, value: ctx.now };
      return parseInstant(raw, ctx.tz, ctx.dateFormat);
    case 'day':
      if (raw.toLowerCase() === 'today') return parseDay(ctx.now.toISOString(), ctx.tz, 'iso');
      return parseDay(raw, ctx.tz, ctx.dateFormat);
    case 'number':
      return parseNumber(raw);
    case 'count':
      return parseCount(raw);
    case 'enum': {
      const value = field.values?.find((v) => v === raw.toLowerCase());
      if (value) return { ok: true, value };
      return {
        ok: false,
        reason:
          `'${raw}' is not one of ${field.values?.join(', ')}` +
          ` (translate it with --value-map ${field.name}:${raw}=<value>)`,
      };
    }
    case 'metric':
      return METRIC_NAME.test(raw)
        ? { ok: true, value: raw }
        : { ok: false, reason: `'${raw}' is not a metric name (snake_case, e.g. win_rate)` };
    case 'email': {
      const email = raw.toLowerCase();
      if (!EMAIL.test(email)) return { ok: false, reason: `'${raw}' is not an email address` };
      return withinLength(field, email);
    }
    case 'text':
      return withinLength(field, raw);
  }
}

function withinLength(field: FieldSpec, value: string): Parsed<CellValue> {
  const max = field.maxLength ?? DEFAULT_TEXT_LENGTH;
  if (value.length > max)
    return { ok: false, reason: `too long (${value.length} characters, at most ${max})` };
  return { ok: true, value };
}
