import type { CanonicalRep } from '../types.ts';
import type { SalesforceRow } from './api.ts';
import { flag, requiredText, text } from './fields.ts';

export const USER_FIELDS = ['Id', 'Name', 'Email', 'IsActive', 'SystemModstamp'] as const;
/** Licensed people only: not the automated, guest, portal or integration users every org has. */
export const USER_FILTER = "UserType = 'Standard'";

export function mapUser(row: SalesforceRow): CanonicalRep {
  return {
    name: text(row, 'Name') ?? requiredText(row, 'Id', 'User'),
    email: text(row, 'Email'),
    crmOwnerId: requiredText(row, 'Id', 'User'),
    active: flag(row, 'IsActive'),
  };
}
