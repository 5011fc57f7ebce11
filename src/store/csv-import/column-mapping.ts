import { type FieldSpec, type KindSpec, normalizeColumnName } from './field-specs.ts';
import { ImportUsageError } from './types.ts';

export interface ColumnMappingInput {
  map: Record<string, string>;
  set: Record<string, string>;
  valueMap: Record<string, Record<string, string>>;
  defaults: Record<string, string>;
}

/** Field → column index in the header, for the fields the file provides. */
export type ColumnIndex = ReadonlyMap<string, number>;

/** Checks every option names a real field, before any row is read. Throws ImportUsageError. */
export function checkFieldNames(spec: KindSpec, input: ColumnMappingInput): void {
  const valid = new Set(spec.fields.map((f) => f.name));
  const validList = () =>
    `valid fields for ${spec.kind}: ${spec.fields.map((f) => f.name).join(', ')}` +
    (spec.hasSource ? ' (and --set source=<system>)' : '');
  const check = (option: string, field: string) => {
    if (spec.hasSource && field === 'source') {
      if (option === '--set') return;
      throw new ImportUsageError(`source names the origin system: use --set source=<name> (not ${option}).`);
    }
    if (!valid.has(field))
      throw new ImportUsageError(`Unknown field "${field}" in ${option}; ${validList()}.`);
  };
  for (const field of Object.keys(input.map)) check('--map', field);
  for (const field of Object.keys(input.set)) check('--set', field);
  for (const field of Object.keys(input.valueMap)) check('--value-map', field);
  for (const field of Object.keys(input.defaults)) check('--default', field);
}

/**
 * Resolves which column feeds each field: an explicit --map, else the column named like the field
 * (case and punctuation ignored: created_at = Created At = createdAt). Throws when a mapped column does not exist
 * or a required field has neither a column, a --set nor a --default.
 */
export function resolveColumns(
  spec: KindSpec,
  header: readonly string[],
  input: ColumnMappingInput,
  fileLabel: string,
): ColumnIndex {
  checkFieldNames(spec, input);
  const columnsText = header.map((h) => JSON.stringify(h)).join(', ');
  const byExact = new Map(header.map((h, i) => [h.trim(), i]));
  const byNormalized = new Map<string, number>();
  header.forEach((h, i) => {
    const key = normalizeColumnName(h);
    if (!byNormalized.has(key)) byNormalized.set(key, i);
  });
  const index = new Map<string, number>();
  for (const [field, column] of Object.entries(input.map)) {
    const found = byExact.get(column.trim()) ?? byNormalized.get(normalizeColumnName(column));
    if (found === undefined) {
      throw new ImportUsageError(
        `--map ${field}=${column}: ${fileLabel} has no column "${column}" (columns: ${columnsText}).`,
      );
    }
    index.set(field, found);
  }
  for (const field of spec.fields) {
    if (index.has(field.name) || input.map[field.name] !== undefined) continue;
    const found = byNormalized.get(normalizeColumnName(field.name));
    if (found !== undefined) index.set(field.name, found);
  }
  const missing = spec.fields.filter(
    (f: FieldSpec) =>
      f.required &&
      !index.has(f.name) &&
      input.set[f.name] === undefined &&
      input.defaults[f.name] === undefined,
  );
  if (missing.length > 0) {
    const first = missing[0]!.name;
    throw new ImportUsageError(
      `${fileLabel} has no column for the required field${missing.length > 1 ? 's' : ''} ` +
        `${missing.map((f) => f.name).join(', ')}: say which column holds it with --map ${first}=<column> ` +
        `(columns: ${columnsText}).`,
    );
  }
  return index;
}

/** Header columns no field reads, to mention in the report. */
export function unusedColumns(header: readonly string[], index: ColumnIndex): string[] {
  const used = new Set(index.values());
  return header.filter((h, i) => !used.has(i) && h.trim() !== '');
}
