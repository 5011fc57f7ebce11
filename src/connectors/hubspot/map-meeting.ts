import type { CanonicalActivity } from '../types.ts';
import type { HubspotObject } from './map-contact.ts';
import { instantProperty, textProperty } from './property-values.ts';

export const MEETING_PROPERTIES = [
  'hs_meeting_start_time',
  'hs_timestamp',
  'hubspot_owner_id',
  'hs_lastmodifieddate',
];

/** A meeting engagement is a meeting activity at its start time (hs_timestamp when no start time was set). */
export function mapMeeting(
  meeting: HubspotObject,
  links: { contactId?: string | null; dealId?: string | null },
): CanonicalActivity {
  const p = meeting.properties;
  return {
    externalId: meeting.id,
    type: 'meeting',
    occurredAt:
      instantProperty(p.hs_meeting_start_time) ?? instantProperty(p.hs_timestamp) ?? meeting.createdAt,
    rep: textProperty(p.hubspot_owner_id),
    leadId: links.contactId ?? null,
    dealId: links.dealId ?? null,
  };
}
