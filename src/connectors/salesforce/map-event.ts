import type { CanonicalActivity } from '../types.ts';
import type { SalesforceRow } from './api.ts';
import { instant, requiredText, text } from './fields.ts';

export const EVENT_FIELDS = [
  'Id',
  'Subject',
  'Type',
  'StartDateTime',
  'ActivityDateTime',
  'OwnerId',
  'WhoId',
  'WhatId',
  'SystemModstamp',
  'IsDeleted',
] as const;

/** Record Id key prefixes: WhoId is a Lead (00Q) or a Contact; WhatId may be an Opportunity (006). */
const LEAD_PREFIX = '00Q';
const OPPORTUNITY_PREFIX = '006';

/** A calendar Event is a meeting, except those typed "Call" (a scheduled call). */
export function mapEvent(row: SalesforceRow): CanonicalActivity | null {
  const occurredAt = instant(row, 'StartDateTime') ?? instant(row, 'ActivityDateTime');
  if (occurredAt === null) return null;
  const who = text(row, 'WhoId');
  const what = text(row, 'WhatId');
  return {
    externalId: requiredText(row, 'Id', 'Event'),
    type: text(row, 'Type')?.toLowerCase() === 'call' ? 'call' : 'meeting',
    occurredAt,
    rep: text(row, 'OwnerId'),
    leadId: who?.startsWith(LEAD_PREFIX) ? who : null,
    dealId: what?.startsWith(OPPORTUNITY_PREFIX) ? what : null,
  };
}
