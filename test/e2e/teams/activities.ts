import { randomUUID } from 'node:crypto';

/**
 * Teams activities as the Bot Connector POSTs them to /api/messages (the documented shapes: conversationType,
 * tenantId, channelData.tenant, mention entities with `<at>…</at>` text, Action.Submit `value`).
 */

export const BOT = { id: '28:kpibot-app-id', name: 'kpibot' };

export interface TeamsUser {
  id: string;
  name: string;
  aadObjectId: string;
}

export type ConversationScope = 'personal' | 'groupChat' | 'channel';

export interface ActivityOptions {
  serviceUrl: string;
  tenantId: string;
  from: TeamsUser;
  scope?: ConversationScope;
  conversationId?: string;
  locale?: string;
  entities?: unknown[];
  value?: unknown;
  /** For channel messages: the team the channel belongs to. */
  teamId?: string;
}

export function teamsMessage(text: string, o: ActivityOptions): Record<string, unknown> {
  const scope = o.scope ?? 'personal';
  return {
    type: 'message',
    id: `1${Date.now()}${Math.floor(Math.random() * 1000)}`,
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: o.serviceUrl,
    from: o.from,
    recipient: BOT,
    conversation: {
      id: o.conversationId ?? `a:${scope}-${randomUUID()}`,
      conversationType: scope,
      tenantId: o.tenantId,
      ...(scope === 'personal' ? {} : { isGroup: true }),
    },
    text,
    textFormat: 'plain',
    locale: o.locale ?? 'en-US',
    localTimezone: 'Europe/Paris',
    entities: [
      { type: 'clientInfo', locale: o.locale ?? 'en-US', country: 'FR', platform: 'Web' },
      ...(o.entities ?? []),
    ],
    channelData: {
      tenant: { id: o.tenantId },
      ...(o.teamId ? { team: { id: o.teamId }, channel: { id: o.conversationId } } : {}),
    },
    ...(o.value !== undefined ? { value: o.value } : {}),
  };
}

export function mentionEntity(user: { id: string; name: string }, markup = `<at>${user.name}</at>`) {
  return { type: 'mention', text: markup, mentioned: { id: user.id, name: user.name } };
}

/** The bot added to a chat or team: conversationUpdate with the bot among membersAdded. */
export function botAdded(o: Omit<ActivityOptions, 'entities' | 'value'>): Record<string, unknown> {
  const base = teamsMessage('', o);
  const { text: _text, textFormat: _format, entities: _entities, ...rest } = base;
  return { ...rest, type: 'conversationUpdate', membersAdded: [BOT] };
}

export function botRemoved(o: Omit<ActivityOptions, 'entities' | 'value'>): Record<string, unknown> {
  const added = botAdded(o);
  const { membersAdded: _added, ...rest } = added;
  return { ...rest, membersRemoved: [BOT] };
}

export function installationUpdate(action: 'add' | 'remove', o: Omit<ActivityOptions, 'entities' | 'value'>) {
  const added = botAdded(o);
  const { membersAdded: _added, ...rest } = added;
  return { ...rest, type: 'installationUpdate', action };
}
