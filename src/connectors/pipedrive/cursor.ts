/** Stream cursors are "updated since" instants as ISO strings; an unreadable one restarts from the beginning. */
export function sinceFromCursor(cursor: string | null): Date | null {
  if (!cursor) return null;
  const at = new Date(cursor);
  return Number.isNaN(at.getTime()) ? null : at;
}

export function later(current: Date | null, candidate: Date | null): Date | null {
  if (!candidate) return current;
  return !current || candidate.getTime() > current.getTime() ? candidate : current;
}

export function cursorString(at: Date | null, fallback: string | null): string {
  return at ? at.toISOString() : (fallback ?? '');
}
