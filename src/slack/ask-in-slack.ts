import type { WebClient } from '@slack/web-api';
import type { QueryOverrides } from '../app/ask.ts';
import { type ChatReply, chatAsk } from '../app/chat-ask.ts';
import { type ChatUserRef, identifyChatUser } from '../app/chat-identity.ts';
import type { SlackDeps } from './deps.ts';
import { fetchSlackProfile } from './slack-user-profile.ts';

export interface SlackQuestion {
  tenantId: string;
  userId: string;
  conversation: { id: string; kind: 'dm' | 'channel' | 'group' };
  text: string;
  botUserId?: string | undefined;
  overrides?: QueryOverrides;
}

/**
 * A question asked in Slack → chatAsk, with the asker and any mentioned user looked up through users.info
 * (cached per user by chat-identity), and the bot's own mention dropped from the text.
 */
export function askInSlack(deps: SlackDeps, client: WebClient, q: SlackQuestion): Promise<ChatReply> {
  const userRef = (userId: string): ChatUserRef => ({
    platform: 'slack',
    tenantId: q.tenantId,
    userId,
    lookup: () => fetchSlackProfile(client, userId),
  });
  const now = deps.now();
  return chatAsk(deps.ctx, {
    tenantId: q.tenantId,
    platform: 'slack',
    user: userRef(q.userId),
    conversation: q.conversation,
    text: q.text,
    now,
    ...(q.botUserId ? { ignoreMentions: [q.botUserId] } : {}),
    resolveMention: async (userId) => (await identifyChatUser(deps.ctx, userRef(userId), now)).repId,
    ...(q.overrides ? { overrides: q.overrides } : {}),
  });
}
