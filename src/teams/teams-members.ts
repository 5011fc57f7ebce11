import { type TeamsChannelAccount, TeamsInfo, type TurnContext } from 'botbuilder';
import type { ChatUserProfile } from '../app/chat-identity.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';

/** The Teams roster entry of a user of this conversation (its team's roster in a channel). */
export function getTeamsMember(context: TurnContext, userId: string): Promise<TeamsChannelAccount> {
  return TeamsInfo.getMember(context, userId);
}

/** Teams gives `email` for most users; guests and some tenants only have the UPN, which is an address too. */
export function emailOf(member: Pick<TeamsChannelAccount, 'email' | 'userPrincipalName'>): string | null {
  const candidate = member.email || member.userPrincipalName || '';
  return candidate.includes('@') ? candidate : null;
}

/** What chatAsk needs to know about the asker: roster email and name, the client's locale and zone. */
export async function askerProfile(context: TurnContext): Promise<ChatUserProfile> {
  const a = context.activity;
  const member = await getTeamsMember(context, a.from.id);
  return {
    email: emailOf(member),
    locale: a.locale ?? null,
    tz: a.localTimezone ?? null,
    name: member.name ?? a.from.name ?? null,
  };
}

/**
 * A user mentioned in a question (`<at>Alice</at>` with her Teams id) → the rep they are: by the Teams id already
 * linked to a rep, else by their roster email. Null when Teams does not know them or no rep has that email.
 */
export async function resolveTeamsMention(
  context: TurnContext,
  prisma: PrismaClient,
  tenantId: string,
  userId: string,
): Promise<{ repId: string; email: string | null } | null> {
  const linked = await prisma.rep.findFirst({
    where: { tenantId, teamsUserId: userId },
    select: { id: true, email: true },
  });
  if (linked) return { repId: linked.id, email: linked.email };
  const email = emailOf(await getTeamsMember(context, userId));
  if (!email) return null;
  const rep = await prisma.rep.findFirst({
    where: { tenantId, email: { equals: email, mode: 'insensitive' } },
    select: { id: true, email: true },
  });
  return rep ? { repId: rep.id, email: rep.email } : null;
}
