/**
 * Pipedrive writes instants two ways: v2 and leads use RFC 3339 ("2026-03-02T09:00:00Z"), older v1 payloads
 * (deal flow `log_time`, users) use "2026-03-02 09:00:00", which is UTC.
 */
export function pipedriveInstant(value: string | null | undefined): Date | null {
  if (!value) return null;
  const text = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value) ? `${value.replace(' ', 'T')}Z` : value;
  const at = new Date(text);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** An activity's due date and optional "HH:MM" time, both UTC in the API. */
export function dueInstant(
  dueDate: string | null | undefined,
  dueTime: string | null | undefined,
): Date | null {
  if (!dueDate) return null;
  const time = dueTime && /^\d{2}:\d{2}/.test(dueTime) ? dueTime.slice(0, 5) : '00:00';
  return pipedriveInstant(`${dueDate}T${time}:00Z`);
}

/** `updated_since` as the API documents it: RFC 3339 without fractions. */
export function updatedSinceParam(at: Date | null): string | undefined {
  return at ? at.toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined;
}
