import type { CanonicalRep } from '../types.ts';

export interface HubspotOwner {
  id: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  archived: boolean;
  teams?: { id: string; name: string; primary: boolean }[];
}

/** An owner is a rep; the primary team (else the first) names the rep's team. */
export function mapOwner(owner: HubspotOwner): CanonicalRep {
  const name = [owner.firstName, owner.lastName].filter((part) => part?.trim()).join(' ');
  const team = owner.teams?.find((t) => t.primary) ?? owner.teams?.[0];
  return {
    name: name || owner.email || `HubSpot owner ${owner.id}`,
    email: owner.email || null,
    team: team?.name ?? null,
    crmOwnerId: owner.id,
    active: !owner.archived,
  };
}
