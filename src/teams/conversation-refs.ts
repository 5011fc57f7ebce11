import { type Activity, type ConversationReference, TurnContext } from 'botbuilder';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { activityFacts } from './activity-facts.ts';

/**
 * Teams conversation references (ConversationRef rows), the only way to message a chat or channel proactively:
 * saved when the bot is added and on every message (serviceUrl can change), removed when it is uninstalled.
 */

/** Saves where this activity came from. The reference points at the conversation, not at the message. */
export async function saveConversationRef(prisma: PrismaClient, activity: Partial<Activity>): Promise<void> {
  const facts = activityFacts(activity);
  if (!facts.conversationId || !activity.serviceUrl) return;
  const reference = referenceOf(activity, facts.conversationId);
  const key = { tenantId: facts.tenantId, conversationId: facts.conversationId };
  const data = { kind: facts.kind, reference: JSON.parse(JSON.stringify(reference)) };
  await prisma.conversationRef.upsert({
    where: { tenantId_conversationId: key },
    update: data,
    create: { ...key, ...data },
  });
}

export async function removeConversationRef(
  prisma: PrismaClient,
  activity: Partial<Activity>,
): Promise<void> {
  const facts = activityFacts(activity);
  await prisma.conversationRef.deleteMany({
    where: { tenantId: facts.tenantId, conversationId: facts.conversationId },
  });
}

export async function findConversationRef(
  prisma: PrismaClient,
  tenantId: string,
  conversationId: string,
): Promise<Partial<ConversationReference> | null> {
  const row = await prisma.conversationRef.findUnique({
    where: { tenantId_conversationId: { tenantId, conversationId } },
  });
  return row ? (row.reference as Partial<ConversationReference>) : null;
}

/** The user's 1:1 chat with the bot, if they ever opened it (or installed the app personally). */
export async function findPersonalConversationRef(
  prisma: PrismaClient,
  tenantId: string,
  userId: string,
): Promise<Partial<ConversationReference> | null> {
  const row = await prisma.conversationRef.findFirst({
    where: { tenantId, kind: 'personal', reference: { path: ['user', 'id'], equals: userId } },
    orderBy: { updatedAt: 'desc' },
  });
  return row ? (row.reference as Partial<ConversationReference>) : null;
}

function referenceOf(activity: Partial<Activity>, conversationId: string): Partial<ConversationReference> {
  const reference = TurnContext.getConversationReference(activity);
  // Without activityId a proactive message starts a new post instead of replying to an old message.
  delete reference.activityId;
  return {
    ...reference,
    conversation: { ...reference.conversation, id: conversationId },
  } as Partial<ConversationReference>;
}
