import type { PrismaClient } from '../../generated/prisma/client.ts';

/**
 * A Teams `user:<id>` target: the personal (1:1) chat whose stored conversation reference names this user, by
 * Entra object id or by Teams user id (ChatIdentity and Rep.teamsUserId keep the latter). Null when the user never
 * installed the app or talked to the bot: Teams offers no other way to message them.
 */
export async function personalChatConversationId(
  prisma: Pick<PrismaClient, 'conversationRef'>,
  tenantId: string,
  userId: string,
): Promise<string | null> {
  const row = await prisma.conversationRef.findFirst({
    where: {
      tenantId,
      kind: 'personal',
      OR: [
        { reference: { path: ['user', 'aadObjectId'], equals: userId } },
        { reference: { path: ['user', 'id'], equals: userId } },
      ],
    },
    orderBy: { updatedAt: 'desc' },
    select: { conversationId: true },
  });
  return row?.conversationId ?? null;
}
