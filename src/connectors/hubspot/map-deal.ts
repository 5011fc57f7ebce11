import type { CanonicalDeal } from '../types.ts';
import type { HubspotObject } from './map-contact.ts';
import { booleanProperty, instantProperty, numberProperty, textProperty } from './property-values.ts';

export const DEAL_PROPERTIES = [
  'dealname',
  'dealstage',
  'pipeline',
  'amount',
  'deal_currency_code',
  'closedate',
  'createdate',
  'hs_lastmodifieddate',
  'hs_is_closed_won',
  'hs_is_closed',
  'hubspot_owner_id',
] as const;

export interface StageValue {
  value: string;
  timestamp: Date;
}

export interface DealContext {
  /** Stage id → label, from the deal pipelines. */
  stageLabels: ReadonlyMap<string, string>;
  /** The deal's dealstage history as HubSpot returns it (newest first), if read. */
  history?: readonly StageValue[];
  /** First associated contact id. */
  contactId?: string | null;
}

export function dealStatus(properties: HubspotObject['properties']): CanonicalDeal['status'] {
  if (booleanProperty(properties.hs_is_closed_won)) return 'won';
  return booleanProperty(properties.hs_is_closed) ? 'lost' : 'open';
}

export function mapDeal(deal: HubspotObject, context: DealContext): CanonicalDeal {
  const p = deal.properties;
  const label = (stageId: string) => context.stageLabels.get(stageId) ?? stageId;
  const status = dealStatus(p);
  const stageId = textProperty(p.dealstage);
  const mapped: CanonicalDeal = {
    externalId: deal.id,
    createdAt: instantProperty(p.createdate) ?? deal.createdAt,
    name: textProperty(p.dealname),
    owner: textProperty(p.hubspot_owner_id),
    stage: stageId ? label(stageId) : null,
    status,
    amount: numberProperty(p.amount),
    currency: textProperty(p.deal_currency_code),
    closedAt: status === 'open' ? null : instantProperty(p.closedate),
    leadId: context.contactId ?? null,
  };
  if (context.history) {
    mapped.stageHistory = [...context.history]
      .filter((entry) => entry.value)
      .sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime())
      .map((entry) => ({ stage: label(entry.value), at: entry.timestamp }));
  }
  return mapped;
}
