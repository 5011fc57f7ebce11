import type { RecordPage } from '../../connectors/types.ts';
import {
  DEFAULT_TEXT_LENGTH,
  type FieldSpec,
  type ImportKind,
  KIND_SPECS,
  type ParsedRow,
  type RowValues,
} from '../../store/csv-import/index.ts';

/** Rows of one kind that provide the same fields: one writer (its `present` set) serves them all. */
export interface RowGroup {
  kind: ImportKind;
  present: ReadonlySet<string>;
  rows: ParsedRow[];
}

export interface RecordIssue {
  kind: ImportKind;
  /** The record's external id (or day/source for web traffic). */
  record: string;
  reason: string;
}

/** Page field → import kind, in dependency order: teams and reps before what names them, leads before deals. */
const KINDS: readonly { field: keyof Omit<RecordPage, 'deleted'>; kind: ImportKind }[] = [
  { field: 'teams', kind: 'teams' },
  { field: 'reps', kind: 'reps' },
  { field: 'campaigns', kind: 'campaigns' },
  { field: 'leads', kind: 'leads' },
  { field: 'deals', kind: 'deals' },
  { field: 'activities', kind: 'activities' },
  { field: 'webTraffic', kind: 'web-traffic' },
];

const EMAIL = /^[^\s@]+@[^\s@]+$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A page of canonical records → the CSV import's parsed rows, grouped by kind and by the set of fields given.
 * A field a record leaves undefined is "not provided" (left untouched on update), null clears it. Records that
 * break a field rule (a won deal without closedAt, an invalid date) are refused with the reason.
 */
export function pageRowGroups(
  page: RecordPage,
  source: string,
): { groups: RowGroup[]; issues: RecordIssue[] } {
  const groups: RowGroup[] = [];
  const issues: RecordIssue[] = [];
  let line = 0;
  for (const { field, kind } of KINDS) {
    const records = (page[field] ?? []) as readonly object[];
    const bySignature = new Map<string, RowGroup>();
    for (const record of records) {
      line += 1;
      const result = toRowValues(kind, record as Record<string, unknown>, source);
      if (typeof result === 'string') {
        issues.push({ kind, record: recordLabel(record as Record<string, unknown>), reason: result });
        continue;
      }
      const present = Object.keys(result)
        .filter((k) => result[k] !== undefined)
        .sort();
      const signature = present.join(',');
      let group = bySignature.get(signature);
      if (!group) {
        group = { kind, present: new Set(present), rows: [] };
        bySignature.set(signature, group);
        groups.push(group);
      }
      group.rows.push({ line, values: result, defaulted: new Set() });
    }
  }
  return { groups, issues };
}

export function recordLabel(record: Record<string, unknown>): string {
  if (typeof record.externalId === 'string') return record.externalId;
  if (typeof record.day === 'string')
    return `${record.day} ${String(record.source ?? record.name ?? '')}`.trim();
  return String(record.email ?? record.name ?? '?');
}

/** Canonical record → row values checked against the kind's field specs, or the reason it is refused. */
function toRowValues(kind: ImportKind, record: Record<string, unknown>, source: string): RowValues | string {
  const spec = KIND_SPECS[kind];
  const input: Record<string, unknown> = { ...record };
  if (kind === 'reps' && typeof input.crmOwnerId === 'string' && input.crmOwnerId !== '') {
    // Deals and leads name their owner by the vendor's id; the rep directory matches "<source>:<id>".
    input.crmOwnerId = `${source}:${input.crmOwnerId}`;
  }
  if (kind === 'deals') input.updatedAt = stageEnteredAt(record);
  const values: RowValues = {};
  for (const field of spec.fields) {
    const raw = input[field.name];
    if (raw === undefined) continue;
    const checked = checkField(field, raw);
    if (typeof checked === 'object' && checked !== null && 'reason' in checked) return checked.reason;
    values[field.name] = checked;
  }
  for (const field of spec.fields) {
    if (field.required && (values[field.name] === undefined || values[field.name] === null)) {
      return `${field.name} is missing (required)`;
    }
  }
  return spec.validate?.(values) ?? values;
}

/**
 * When the deal's current stage appears in its history, the instant it entered it: the writer's own stage-change
 * row then carries the same (toStage, at) as the history's and the unique key keeps one.
 */
function stageEnteredAt(record: Record<string, unknown>): Date | undefined {
  const history = record.stageHistory;
  if (!Array.isArray(history) || typeof record.stage !== 'string') return undefined;
  let entered: Date | undefined;
  for (const step of history as { stage: string; at: Date }[]) {
    if (step.stage === record.stage && step.at instanceof Date && (!entered || step.at > entered))
      entered = step.at;
  }
  return entered;
}

type Checked = string | number | Date | null | { reason: string };

function checkField(field: FieldSpec, raw: unknown): Checked {
  if (raw === null) return null;
  switch (field.type) {
    case 'instant':
      return raw instanceof Date && !Number.isNaN(raw.getTime())
        ? raw
        : { reason: `${field.name}: not a valid date (${String(raw)})` };
    case 'day':
      return typeof raw === 'string' && DAY.test(raw)
        ? raw
        : { reason: `${field.name}: '${String(raw)}' is not a YYYY-MM-DD day` };
    case 'number':
      return typeof raw === 'number' && Number.isFinite(raw)
        ? raw
        : { reason: `${field.name}: '${String(raw)}' is not a number` };
    case 'count':
      return typeof raw === 'number' && Number.isInteger(raw) && raw >= 0
        ? raw
        : { reason: `${field.name}: '${String(raw)}' is not a count (whole number ≥ 0)` };
    case 'enum':
      return typeof raw === 'string' && field.values?.includes(raw)
        ? raw
        : { reason: `${field.name}: '${String(raw)}' is not one of ${field.values?.join(', ')}` };
    case 'email': {
      // A malformed address in a CRM must not cost the record: it is dropped, the rest is kept.
      const email = String(raw).trim().toLowerCase();
      return EMAIL.test(email) ? email.slice(0, DEFAULT_TEXT_LENGTH) : null;
    }
    case 'metric':
    case 'text': {
      const text = String(raw).trim();
      // Names longer than the column are cut rather than refused: the record matters more than its tail.
      return text === '' ? null : text.slice(0, field.maxLength ?? DEFAULT_TEXT_LENGTH);
    }
  }
}
