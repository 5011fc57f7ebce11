import type { Platform } from '../generated/prisma/client.ts';
import type { AppContext } from './context.ts';

/** What a chat platform tells about one of its users (Slack users.info, Teams roster). */
export interface ChatUserProfile {
  email: string | null;
  /** e.g. 'fr-FR'; decides the answer language when the question does not. */
  locale: string | null;
  /** The user's IANA zone, when the platform knows it. */
  tz: string | null;
  name: string | null;
}

export interface ChatUserRef {
  platform: Platform;
  tenantId: string;
  userId: string;
  /** Asks the platform; called at most once a day per user (cached in ChatIdentity). */
  lookup: () => Promise<ChatUserProfile | null>;
}

export interface ChatIdentityInfo {
  repId: string | null;
  email: string | null;
  locale: string | null;
  lang: 'en' | 'fr' | undefined;
  manual: boolean;
}

const REFRESH_MS = 24 * 3600_000;

/**
 * A chat user → the rep they are, by email (case-insensitive), cached in ChatIdentity and refreshed daily; an
 * admin's manual mapping (`/kpi map`) is never overwritten. Also records the platform id on the rep, so that
 * mentions of this user in questions resolve.
 */
export async function identifyChatUser(
  ctx: AppContext,
  user: ChatUserRef,
  now = new Date(),
): Promise<ChatIdentityInfo> {
  const p = ctx.db.prisma;
  const key = { tenantId: user.tenantId, platform: user.platform, userId: user.userId };
  const cached = await p.chatIdentity.findUnique({ where: { tenantId_platform_userId: key } });
  let row = cached;
  if (!cached || (!cached.manual && now.getTime() - cached.fetchedAt.getTime() > REFRESH_MS)) {
    let profile: ChatUserProfile | null = null;
    let failed = false;
    try {
      profile = await user.lookup();
    } catch (error) {
      // The platform is down or the scope is missing: answer with what we know rather than fail the question,
      // and cache nothing, so the next question asks again.
      failed = true;
      ctx.log.warn({ err: (error as Error).message, ...key }, 'chat user lookup failed');
    }
    if (!failed && (profile || !cached)) {
      const email = profile?.email ?? cached?.email ?? null;
      const rep = email
        ? await p.rep.findFirst({
            where: { tenantId: user.tenantId, email: { equals: email, mode: 'insensitive' } },
            select: { id: true },
          })
        : null;
      const data = {
        email,
        locale: profile?.locale ?? cached?.locale ?? null,
        repId: cached?.manual ? cached.repId : (rep?.id ?? null),
        fetchedAt: now,
      };
      row = await p.chatIdentity.upsert({
        where: { tenantId_platform_userId: key },
        update: data,
        create: { ...key, ...data },
      });
    }
  }
  if (row?.repId) await linkPlatformId(ctx, user.platform, user.tenantId, row.repId, user.userId);
  return {
    repId: row?.repId ?? null,
    email: row?.email ?? null,
    locale: row?.locale ?? null,
    lang: langOf(row?.locale ?? null),
    manual: row?.manual ?? false,
  };
}

/** `/kpi map @user rep@email` (admins): maps a chat user to a rep by hand. */
export async function mapChatUser(
  ctx: AppContext,
  where: { tenantId: string; platform: Platform; userId: string },
  repEmail: string,
): Promise<{ ok: true; repName: string } | { ok: false; reason: 'unknown_rep' }> {
  const p = ctx.db.prisma;
  const rep = await p.rep.findFirst({
    where: { tenantId: where.tenantId, email: { equals: repEmail.trim(), mode: 'insensitive' } },
  });
  if (!rep) return { ok: false, reason: 'unknown_rep' };
  const data = { repId: rep.id, manual: true, email: rep.email, fetchedAt: new Date() };
  await p.chatIdentity.upsert({
    where: { tenantId_platform_userId: where },
    update: data,
    create: { ...where, ...data },
  });
  await linkPlatformId(ctx, where.platform, where.tenantId, rep.id, where.userId);
  return { ok: true, repName: rep.name };
}

async function linkPlatformId(
  ctx: AppContext,
  platform: Platform,
  tenantId: string,
  repId: string,
  userId: string,
) {
  const field = platform === 'slack' ? 'slackUserId' : 'teamsUserId';
  await ctx.db.prisma.rep.updateMany({
    where: { id: repId, tenantId, OR: [{ [field]: null }, { NOT: { [field]: userId } }] },
    data: { [field]: userId },
  });
}

export function langOf(locale: string | null): 'en' | 'fr' | undefined {
  if (!locale) return undefined;
  return locale.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}
