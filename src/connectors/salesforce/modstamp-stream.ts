import type { RecordPage, SyncPage, SyncStream } from '../types.ts';
import { queryBatches, type SalesforceApi, type SalesforceRow } from './api.ts';
import { flag, requiredInstant, requiredText } from './fields.ts';
import { decodeCursor, encodeCursor, selectChanged } from './soql.ts';
import { salesforceErrorCode } from './translate-error.ts';

export interface ModstampStreamSpec {
  name: string;
  object: string;
  fields: readonly string[];
  /** Selected when the org has them (e.g. CurrencyIsoCode only in multi-currency orgs). */
  optionalFields?: readonly string[];
  /** Extra WHERE condition, ANDed with the cursor's. */
  filter?: string;
  /** Read through queryAll so deleted (recycle-bin) rows come too, reported as RecordPage.deleted of this kind. */
  deletedKind?: 'leads' | 'deals' | 'activities';
  toRecords(rows: SalesforceRow[], signal: AbortSignal): Promise<RecordPage>;
}

/**
 * One sObject as a stream: rows changed since the cursor, ordered by (SystemModstamp, Id), one page per REST batch
 * (up to 2,000 rows), each page's cursor being its last row, so an interrupted run resumes after the last page stored.
 */
export function modstampStream(api: SalesforceApi, spec: ModstampStreamSpec): SyncStream {
  const unavailable = new Set<string>();
  return {
    name: spec.name,
    async *pages(cursor: string | null, signal: AbortSignal): AsyncIterable<SyncPage> {
      const since = decodeCursor(cursor);
      const includeDeleted = spec.deletedKind !== undefined;
      for (;;) {
        const optional = (spec.optionalFields ?? []).filter((field) => !unavailable.has(field));
        const soql = selectChanged(spec.object, [...spec.fields, ...optional], since, spec.filter);
        const batches = queryBatches(api, soql, { includeDeleted, what: spec.object }, signal);
        try {
          yield* pagesOf(batches, spec, signal);
          return;
        } catch (error) {
          const missing = optional.find((field) => isInvalidField(error, field));
          if (missing === undefined) throw error;
          unavailable.add(missing);
        }
      }
    },
  };
}

async function* pagesOf(
  batches: AsyncIterable<{ records: SalesforceRow[] }>,
  spec: ModstampStreamSpec,
  signal: AbortSignal,
): AsyncIterable<SyncPage> {
  for await (const batch of batches) {
    const last = batch.records.at(-1);
    if (last === undefined) continue;
    const live = batch.records.filter((row) => !flag(row, 'IsDeleted'));
    const deletedIds = batch.records
      .filter((row) => flag(row, 'IsDeleted'))
      .map((row) => requiredText(row, 'Id', spec.object));
    const records = live.length > 0 ? await spec.toRecords(live, signal) : {};
    if (spec.deletedKind !== undefined && deletedIds.length > 0) {
      records.deleted = [{ kind: spec.deletedKind, externalIds: deletedIds }];
    }
    const cursor = encodeCursor({
      modstamp: requiredInstant(last, 'SystemModstamp', spec.object),
      id: requiredText(last, 'Id', spec.object),
    });
    yield { records, cursor };
  }
}

/** The first batch failed because this org has no such field (translated errors keep jsforce's as their cause). */
function isInvalidField(error: unknown, field: string): boolean {
  const original = error instanceof Error && error.cause !== undefined ? error.cause : error;
  return (
    salesforceErrorCode(original) === 'INVALID_FIELD' &&
    original instanceof Error &&
    original.message.includes(field)
  );
}
