import type { WebClient } from '@slack/web-api';
import type { ChatUserProfile } from '../app/chat-identity.ts';

/** users.info (with the locale) → what kpibot needs to know about a Slack user: email, locale, zone, name. */
export async function fetchSlackProfile(client: WebClient, userId: string): Promise<ChatUserProfile | null> {
  const res = await client.users.info({ user: userId, include_locale: true });
  const user = res.user;
  if (!user) return null;
  return {
    email: user.profile?.email ?? null,
    locale: user.locale ?? null,
    tz: user.tz ?? null,
    name: user.real_name ?? user.profile?.real_name ?? user.name ?? null,
  };
}
