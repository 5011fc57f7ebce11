/**
 * SOQL text the streams send: the incremental filter and literals. A stream's cursor is the (SystemModstamp, Id) of
 * the last row it yielded, so rows sharing one SystemModstamp across a page boundary are neither lost (as with
 * `SystemModstamp > t` alone) nor re-read (as with `>=`); rows come ordered by SystemModstamp, Id to match.
 */

export interface ModstampCursor {
  modstamp: Date;
  id: string;
}

export function encodeCursor(cursor: ModstampCursor): string {
  return `${cursor.modstamp.toISOString()}|${cursor.id}`;
}

export function decodeCursor(cursor: string | null): ModstampCursor | null {
  if (cursor === null || cursor === '') return null;
  const [instant, id] = cursor.split('|');
  const modstamp = new Date(instant ?? '');
  if (id === undefined || id === '' || Number.isNaN(modstamp.getTime())) {
    throw new Error(`Salesforce: unreadable sync cursor "${cursor}" (expected "<ISO instant>|<record Id>")`);
  }
  return { modstamp, id };
}

/** SOQL dateTime literal (unquoted, UTC). Salesforce keeps whole seconds. */
export function soqlDateTime(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function soqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export function soqlIdList(ids: readonly string[]): string {
  return `(${ids.map(soqlString).join(', ')})`;
}

/** `WHERE` condition for rows changed after the cursor; null cursor = everything. */
export function changedSince(cursor: ModstampCursor | null): string | null {
  if (cursor === null) return null;
  const at = soqlDateTime(cursor.modstamp);
  return `(SystemModstamp > ${at} OR (SystemModstamp = ${at} AND Id > ${soqlString(cursor.id)}))`;
}

export function selectChanged(
  object: string,
  fields: readonly string[],
  cursor: ModstampCursor | null,
  filter?: string,
): string {
  const conditions = [filter, changedSince(cursor)].filter((c): c is string => c !== undefined && c !== null);
  const where = conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
  return `SELECT ${fields.join(', ')} FROM ${object}${where} ORDER BY SystemModstamp, Id`;
}

/** Splits ids for `IN (…)` lookups so each GET stays well under Salesforce's 16 KB request-line limit. */
export function chunk<T>(items: readonly T[], size = 200): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
