/** Stream cursors are "modified since" instants as ISO strings; an unreadable one restarts from the beginning. */
export function sinceFromCursor(cursor: string | null): Date | null {
  if (!cursor) return null;
  const at = new Date(cursor);
  return Number.isNaN(at.getTime()) ? null : at;
}

export function laterCursor(current: Date | null, candidates: Iterable<Date>): Date | null {
  let latest = current;
  for (const at of candidates) if (!latest || at.getTime() > latest.getTime()) latest = at;
  return latest;
}

export function cursorString(at: Date | null, fallback: string | null): string {
  return at ? at.toISOString() : (fallback ?? '');
}
