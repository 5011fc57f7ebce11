import type { CanonicalLead } from '../types.ts';
import { instantProperty, type Properties, textProperty } from './property-values.ts';

export const CONTACT_PROPERTIES = [
  'email',
  'firstname',
  'lastname',
  'company',
  'createdate',
  'lastmodifieddate',
  'lifecyclestage',
  'hubspot_owner_id',
  'hs_analytics_source',
  'hs_lifecyclestage_customer_date',
] as const;

/** The contact property holding when the contact entered a lifecycle stage. */
export function lifecycleDateProperty(stage: string): string {
  return `hs_lifecyclestage_${stage}_date`;
}

export interface HubspotObject {
  id: string;
  properties: Properties;
  createdAt: Date;
  updatedAt: Date;
}

/** A contact is a lead: qualified when it entered the configured lifecycle stage, converted when it became a customer. */
export function mapContact(contact: HubspotObject, qualifiedStage: string): CanonicalLead {
  const p = contact.properties;
  const name = [textProperty(p.firstname), textProperty(p.lastname)].filter(Boolean).join(' ');
  return {
    externalId: contact.id,
    createdAt: instantProperty(p.createdate) ?? contact.createdAt,
    name: name || null,
    email: textProperty(p.email),
    company: textProperty(p.company),
    channel: textProperty(p.hs_analytics_source)?.toLowerCase() ?? null,
    owner: textProperty(p.hubspot_owner_id),
    qualifiedAt: instantProperty(p[lifecycleDateProperty(qualifiedStage)]),
    convertedAt: instantProperty(p.hs_lifecyclestage_customer_date),
  };
}
