import type { CanonicalActivity, CanonicalDeal, CanonicalLead, CanonicalRep } from '../types.ts';
import { dueInstant, pipedriveInstant } from './pipedrive-time.ts';
import type { PipedriveActivity, PipedriveDeal, PipedriveLead, PipedriveUser } from './schemas.ts';

/** Pure mappings from Pipedrive's payloads to canonical records. */

const idText = (value: number | null | undefined) =>
  value === null || value === undefined ? null : String(value);

export function mapUser(user: PipedriveUser): CanonicalRep {
  return {
    name: user.name,
    email: user.email || null,
    crmOwnerId: String(user.id),
    active: user.active_flag !== false,
  };
}

export function dealStatus(status: string): CanonicalDeal['status'] {
  return status === 'won' || status === 'lost' ? status : 'open';
}

export function mapDeal(
  deal: PipedriveDeal,
  stageName: string | null,
  stageHistory: { stage: string; at: Date }[] | undefined,
): CanonicalDeal {
  const status = dealStatus(deal.status);
  const closedAt =
    status === 'won'
      ? pipedriveInstant(deal.won_time ?? deal.close_time)
      : status === 'lost'
        ? pipedriveInstant(deal.lost_time ?? deal.close_time)
        : null;
  const mapped: CanonicalDeal = {
    externalId: String(deal.id),
    createdAt: pipedriveInstant(deal.add_time) ?? new Date(0),
    name: deal.title ?? null,
    owner: idText(deal.owner_id),
    stage: stageName,
    status,
    amount: deal.value ?? null,
    currency: deal.currency ?? null,
    closedAt,
    leadId: deal.source_lead_id ?? null,
  };
  if (stageHistory) mapped.stageHistory = stageHistory;
  return mapped;
}

/** What the leads stream learned about a lead from the deal it was converted into. */
export interface LeadConversion {
  convertedAt: Date;
  qualifiedAt: Date | null;
  owner: string | null;
}

/**
 * A lead in the inbox is open; an archived lead either became a deal (converted, qualified as configured) or
 * was dismissed (lost when archived).
 */
export function mapLead(lead: PipedriveLead, conversion: LeadConversion | undefined): CanonicalLead {
  const mapped: CanonicalLead = {
    externalId: lead.id,
    createdAt: pipedriveInstant(lead.add_time) ?? new Date(0),
    name: lead.title ?? null,
    channel: lead.source_name?.trim().toLowerCase() || null,
    owner: idText(lead.owner_id),
  };
  if (conversion) {
    mapped.convertedAt = conversion.convertedAt;
    mapped.qualifiedAt = conversion.qualifiedAt;
  } else if (lead.is_archived) {
    mapped.lostAt = pipedriveInstant(lead.update_time);
  }
  return mapped;
}

/**
 * A lead converted and removed from the leads lists, known only through its deal: it existed at the latest when
 * the deal was created, the earliest instant we can vouch for.
 */
export function leadFromConversion(leadId: string, conversion: LeadConversion): CanonicalLead {
  return {
    externalId: leadId,
    createdAt: conversion.convertedAt,
    owner: conversion.owner,
    convertedAt: conversion.convertedAt,
    qualifiedAt: conversion.qualifiedAt,
  };
}

const ACTIVITY_TYPES: Record<string, CanonicalActivity['type']> = {
  meeting: 'meeting',
  call: 'call',
  email: 'email',
};

/** Meetings, calls and emails at their due time; other types (task, deadline, lunch…) are not KPI activities. */
export function mapActivity(activity: PipedriveActivity): CanonicalActivity | null {
  const type = ACTIVITY_TYPES[activity.type];
  if (!type) return null;
  return {
    externalId: String(activity.id),
    type,
    occurredAt:
      dueInstant(activity.due_date, activity.due_time) ?? pipedriveInstant(activity.add_time) ?? new Date(0),
    rep: idText(activity.owner_id),
    leadId: activity.lead_id ?? null,
    dealId: idText(activity.deal_id),
  };
}
