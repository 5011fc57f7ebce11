import type { Activity } from 'botbuilder';

export type TeamsConversationKind = 'personal' | 'groupChat' | 'channel';

export interface ActivityFacts {
  /** The Teams (Entra) tenant: our tenant id. */
  tenantId: string;
  kind: TeamsConversationKind;
  /** The conversation without a channel thread's `;messageid=…`: one row per chat or channel. */
  conversationId: string;
}

export const FALLBACK_TENANT = 'default';

/** Where an activity comes from, as kpibot keys it: tenant, conversation kind, conversation id. */
export function activityFacts(a: Partial<Activity>): ActivityFacts {
  const channelData = (a.channelData ?? {}) as { tenant?: { id?: string } };
  const type = a.conversation?.conversationType;
  const kind: TeamsConversationKind =
    type === 'channel'
      ? 'channel'
      : type === 'groupChat' || a.conversation?.isGroup
        ? 'groupChat'
        : 'personal';
  return {
    tenantId: a.conversation?.tenantId || channelData.tenant?.id || FALLBACK_TENANT,
    kind,
    conversationId: baseConversationId(a.conversation?.id ?? ''),
  };
}

/** A channel thread's conversation id is `19:…@thread.tacv2;messageid=1234`: the channel is before the `;`. */
export function baseConversationId(id: string): string {
  const cut = id.indexOf(';messageid=');
  return cut >= 0 ? id.slice(0, cut) : id;
}

export function chatConversationKind(kind: TeamsConversationKind): 'dm' | 'group' | 'channel' {
  return kind === 'personal' ? 'dm' : kind === 'groupChat' ? 'group' : 'channel';
}
