import { DateTime } from 'luxon';
import type { CanonicalCampaignDay } from '../types.ts';
import type { SalesforceRow } from './api.ts';
import { day, instant, num, requiredText, text } from './fields.ts';

export const CAMPAIGN_FIELDS = [
  'Id',
  'Name',
  'Type',
  'StartDate',
  'CreatedDate',
  'ActualCost',
  'NumberSent',
  'NumberOfLeads',
  'SystemModstamp',
] as const;

/**
 * Salesforce keeps campaign totals, not daily figures: the whole campaign becomes one day, its StartDate (else the
 * day it was created, in the tenant's zone), carrying ActualCost, NumberSent and NumberOfLeads. Cost per lead and
 * ROI over a period that contains the start date are right; daily curves are not available from this source.
 */
export function mapCampaign(row: SalesforceRow, timeZone: string): CanonicalCampaignDay | null {
  const created = instant(row, 'CreatedDate');
  const startDay =
    day(row, 'StartDate') ?? (created ? DateTime.fromJSDate(created, { zone: timeZone }).toISODate() : null);
  if (startDay === null) return null;
  const sent = num(row, 'NumberSent');
  const leads = num(row, 'NumberOfLeads');
  const cost = num(row, 'ActualCost');
  return {
    externalId: requiredText(row, 'Id', 'Campaign'),
    name: text(row, 'Name'),
    channel: text(row, 'Type'),
    day: startDay,
    ...(sent !== null ? { sent } : {}),
    ...(leads !== null ? { leads } : {}),
    ...(cost !== null ? { cost } : {}),
  };
}
