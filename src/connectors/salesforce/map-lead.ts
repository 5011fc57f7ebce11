import type { CanonicalLead } from '../types.ts';
import type { SalesforceRow } from './api.ts';
import { dayStart, flag, instant, requiredInstant, requiredText, text } from './fields.ts';

export const LEAD_FIELDS = [
  'Id',
  'Name',
  'Email',
  'Company',
  'Status',
  'IsConverted',
  'ConvertedDate',
  'LeadSource',
  'OwnerId',
  'CreatedDate',
  'LastModifiedDate',
  'SystemModstamp',
  'IsDeleted',
] as const;

export interface LeadMappingContext {
  qualifiedStatus: string;
  timeZone: string;
  /** When LeadHistory (field history tracking on Status) shows the lead entering the qualified status. */
  qualifiedFromHistory?: Date | null;
}

/** Leads whose qualification date is worth looking up in LeadHistory. */
export function mayBeQualified(row: SalesforceRow, qualifiedStatus: string): boolean {
  return flag(row, 'IsConverted') || text(row, 'Status') === qualifiedStatus;
}

/**
 * qualifiedAt, best source first: the LeadHistory row that set Status to the qualified status (exact, needs field
 * history tracking on Lead.Status); else ConvertedDate for a converted lead (it was qualified by then at the latest);
 * else LastModifiedDate while Status is the qualified status (an approximation: a later edit moves it).
 */
export function mapLead(row: SalesforceRow, context: LeadMappingContext): CanonicalLead {
  const converted = flag(row, 'IsConverted');
  const convertedAt = converted ? dayStart(row, 'ConvertedDate', context.timeZone) : null;
  const currentlyQualified = text(row, 'Status') === context.qualifiedStatus;
  return {
    externalId: requiredText(row, 'Id', 'Lead'),
    createdAt: requiredInstant(row, 'CreatedDate', 'Lead'),
    name: text(row, 'Name'),
    email: text(row, 'Email'),
    company: text(row, 'Company'),
    channel: text(row, 'LeadSource'),
    owner: text(row, 'OwnerId'),
    qualifiedAt:
      context.qualifiedFromHistory ??
      convertedAt ??
      (currentlyQualified ? instant(row, 'LastModifiedDate') : null),
    convertedAt,
  };
}
