import { DateTime } from 'luxon';
import type { SalesforceRow } from './api.ts';

/** Typed reads of SOQL row fields; Salesforce sends null for empty fields and nests relationship fields. */

export function text(row: SalesforceRow, field: string): string | null {
  const value = row[field];
  return typeof value === 'string' && value !== '' ? value : null;
}

export function requiredText(row: SalesforceRow, field: string, object: string): string {
  const value = text(row, field);
  if (value === null) throw new Error(`Salesforce ${object} row without ${field}: ${JSON.stringify(row)}`);
  return value;
}

export function num(row: SalesforceRow, field: string): number | null {
  const value = row[field];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function flag(row: SalesforceRow, field: string): boolean {
  return row[field] === true;
}

/** `Account.Name` arrives as `Account: {attributes, Name}` (or null). */
export function related(row: SalesforceRow, relationship: string, field: string): string | null {
  const value = row[relationship];
  return value !== null && typeof value === 'object' ? text(value as SalesforceRow, field) : null;
}

/** dateTime fields: "2026-03-02T09:15:00.000+0000". */
export function instant(row: SalesforceRow, field: string): Date | null {
  const value = text(row, field);
  if (value === null) return null;
  const parsed = new Date(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

export function requiredInstant(row: SalesforceRow, field: string, object: string): Date {
  const value = instant(row, field);
  if (value === null)
    throw new Error(`Salesforce ${object} row without a valid ${field}: ${JSON.stringify(row)}`);
  return value;
}

/** date fields ("2026-03-02") → that day's start in the tenant's zone, as the CSV import reads a bare date. */
export function dayStart(row: SalesforceRow, field: string, zone: string): Date | null {
  const value = text(row, field);
  if (value === null) return null;
  const start = DateTime.fromISO(value, { zone }).startOf('day');
  return start.isValid ? start.toJSDate() : null;
}

/** date fields as a calendar day 'YYYY-MM-DD'. */
export function day(row: SalesforceRow, field: string): string | null {
  const value = text(row, field);
  return value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
}
