/**
 * HubSpot sends every CRM property as a string (or null): datetimes as ISO 8601, some older date properties as
 * epoch milliseconds, numbers as decimal strings, booleans as "true"/"false".
 */

export type Properties = Record<string, string | null | undefined>;

export function instantProperty(value: string | null | undefined): Date | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const date = /^\d+$/.test(value.trim()) ? new Date(Number(value)) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function numberProperty(value: string | null | undefined): number | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

export function booleanProperty(value: string | null | undefined): boolean {
  return value?.trim().toLowerCase() === 'true';
}

export function textProperty(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}
