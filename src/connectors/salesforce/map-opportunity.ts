import type { CanonicalDeal } from '../types.ts';
import type { SalesforceRow } from './api.ts';
import { dayStart, flag, instant, num, related, requiredInstant, requiredText, text } from './fields.ts';

export const OPPORTUNITY_FIELDS = [
  'Id',
  'Name',
  'AccountId',
  'Account.Name',
  'OwnerId',
  'StageName',
  'IsClosed',
  'IsWon',
  'Amount',
  'CreatedDate',
  'CloseDate',
  'LeadSource',
  'SystemModstamp',
  'IsDeleted',
] as const;
/** Exists only in multi-currency orgs; selecting it elsewhere fails with INVALID_FIELD. */
export const OPPORTUNITY_OPTIONAL_FIELDS = ['CurrencyIsoCode'] as const;

export interface OpportunityMappingContext {
  timeZone: string;
  /** Id of the Lead converted into this opportunity (Lead.ConvertedOpportunityId). */
  leadId?: string | null;
  stageHistory?: { stage: string; at: Date }[];
}

/** CloseDate is a date: a closed deal's closedAt is that day's start in the tenant's zone (an open deal has none). */
export function mapOpportunity(row: SalesforceRow, context: OpportunityMappingContext): CanonicalDeal {
  const closed = flag(row, 'IsClosed');
  return {
    externalId: requiredText(row, 'Id', 'Opportunity'),
    createdAt: requiredInstant(row, 'CreatedDate', 'Opportunity'),
    name: text(row, 'Name'),
    account: related(row, 'Account', 'Name'),
    owner: text(row, 'OwnerId'),
    stage: text(row, 'StageName'),
    status: closed ? (flag(row, 'IsWon') ? 'won' : 'lost') : 'open',
    amount: num(row, 'Amount'),
    currency: text(row, 'CurrencyIsoCode'),
    closedAt: closed ? dayStart(row, 'CloseDate', context.timeZone) : null,
    leadId: context.leadId ?? null,
    channel: text(row, 'LeadSource'),
    ...(context.stageHistory ? { stageHistory: context.stageHistory } : {}),
  };
}

/** OpportunityHistory rows (one per change of stage, amount or close date), oldest first → stage entries. */
export function stageHistoryFrom(rows: SalesforceRow[]): { stage: string; at: Date }[] {
  const history: { stage: string; at: Date }[] = [];
  for (const row of rows) {
    const stage = text(row, 'StageName');
    const at = instant(row, 'CreatedDate');
    if (stage === null || at === null || history.at(-1)?.stage === stage) continue;
    history.push({ stage, at });
  }
  return history;
}
