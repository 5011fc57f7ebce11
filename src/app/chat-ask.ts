import type { Platform } from '../generated/prisma/client.ts';
import { type AskResult, ask, type InfoReply, type QueryOverrides } from './ask.ts';
import { hasChatCommand, runChatCommand } from './chat-commands/index.ts';
import { type ChatIdentityInfo, type ChatUserRef, identifyChatUser, mapChatUser } from './chat-identity.ts';
import type { AppContext } from './context.ts';
import { resolveViewer } from './viewer.ts';

export interface ChatQuestion {
  tenantId: string;
  platform: Platform;
  user: ChatUserRef;
  /** Where the question was asked: a DM is private by nature; a channel follows its rep-detail setting. */
  conversation: { id: string; kind: 'dm' | 'channel' | 'group' };
  text: string;
  now: Date;
  /** The bot's own user id(s), dropped from the text. */
  ignoreMentions?: string[];
  /** Looks up another user mentioned in the question (<@U…>): the platform's users.info / roster. */
  resolveMention?: (userId: string) => Promise<string | null>;
  /** Button follow-ups: the same question by another breakdown or over the previous period. */
  overrides?: QueryOverrides;
}

export interface ChatReply {
  result: AskResult;
  /** Rep-level figures in a shared conversation that does not allow them: show them to the asker only. */
  private: boolean;
  identity: ChatIdentityInfo;
}

/**
 * One chat question, whatever the platform: who asks (rep by email, their locale), the answer with their access,
 * and whether the reply may be shown to the whole conversation. Slack and Teams listeners call only this.
 */
export async function chatAsk(ctx: AppContext, q: ChatQuestion): Promise<ChatReply> {
  const identity = await identifyChatUser(ctx, q.user, q.now);
  const result = await ask(ctx, {
    tenantId: q.tenantId,
    text: q.text,
    user: identity.repId ? { repId: identity.repId } : { email: null },
    now: q.now,
    lang: identity.lang,
    ...(q.ignoreMentions ? { ignoreMentions: q.ignoreMentions } : {}),
    ...(q.resolveMention ? { resolveMention: q.resolveMention } : {}),
    ...(q.overrides ? { overrides: q.overrides } : {}),
  });
  if (result.kind === 'command' && result.name === 'map') {
    return { result: await mapCommand(ctx, q, identity, result.args, result.lang), private: true, identity };
  }
  if (result.kind === 'command' && hasChatCommand(result.name)) {
    const viewer = await resolveViewer(ctx.db.prisma, q.tenantId, { repId: identity.repId });
    const reply = await runChatCommand(ctx, result, {
      tenantId: q.tenantId,
      platform: q.platform,
      conversation: q.conversation,
      identity: viewer,
      actor: identity.repId ?? `${q.platform}:${q.user.userId}`,
      lang: result.lang,
      now: q.now,
      ...(q.resolveMention ? { resolveMention: q.resolveMention } : {}),
    });
    // Commands answer the one who typed them: a rule's preview or an alert's history may show rep figures.
    if (reply) return { result: reply, private: true, identity };
  }
  let isPrivate = false;
  if (result.kind === 'answer' && result.repLevel && q.conversation.kind !== 'dm') {
    isPrivate = !(await channelShowsRepDetail(ctx, q.tenantId, q.conversation.id));
  }
  if (result.kind === 'answer' && !identity.repId) {
    result.answer.warnings.push(
      result.answer.lang === 'fr'
        ? 'Vous n’êtes associé à aucun commercial : chiffres d’équipe seulement. Un admin peut vous associer avec `/kpi map @vous email`.'
        : "You're not mapped to a rep, so you see team-level figures. An admin can map you with `/kpi map @you email`.",
    );
  }
  return { result, private: isPrivate, identity };
}

/**
 * Whether rep-level figures may be posted for everyone in a channel: tenant settings
 * `{"channels": {"C0123": {"repDetail": true}}}`, or repVisibility open.
 */
export async function channelShowsRepDetail(
  ctx: AppContext,
  tenantId: string,
  channelId: string,
): Promise<boolean> {
  const tenant = await ctx.db.prisma.tenant.findUnique({ where: { id: tenantId } });
  if (!tenant) return false;
  if (tenant.repVisibility === 'open') return true;
  const settings = (tenant.settings ?? {}) as { channels?: Record<string, { repDetail?: boolean }> };
  return settings.channels?.[channelId]?.repDetail === true;
}

async function mapCommand(
  ctx: AppContext,
  q: ChatQuestion,
  identity: ChatIdentityInfo,
  args: string,
  lang: 'en' | 'fr',
): Promise<InfoReply | AskResult> {
  const fr = lang === 'fr';
  const asker = identity.repId ? await ctx.db.prisma.rep.findUnique({ where: { id: identity.repId } }) : null;
  if (asker?.role !== 'admin') {
    return {
      kind: 'error',
      code: 'not_allowed',
      message: fr ? 'Seul un admin peut associer des utilisateurs.' : 'Only an admin can map users.',
      lang,
      suggestions: [],
    };
  }
  const m = /<@([A-Z0-9]+)(?:\|[^>]*)?>\s+<?(?:mailto:)?([^\s|>]+@[^\s|>]+)/i.exec(args);
  if (!m) {
    return {
      kind: 'error',
      code: 'bad_usage',
      message: fr
        ? 'Usage : `/kpi map @utilisateur email@société.fr`'
        : 'Usage: `/kpi map @user rep@company.com`',
      lang,
      suggestions: [],
    };
  }
  const [, userId, email] = m as unknown as [string, string, string];
  const done = await mapChatUser(ctx, { tenantId: q.tenantId, platform: q.platform, userId }, email);
  if (!done.ok) {
    return {
      kind: 'error',
      code: 'unknown_rep',
      message: fr ? `Aucun commercial avec l’e-mail ${email}.` : `No rep has the email ${email}.`,
      lang,
      suggestions: [],
    };
  }
  return {
    kind: 'info',
    lang,
    title: fr ? 'Association enregistrée' : 'Mapping saved',
    lines: [fr ? `<@${userId}> est maintenant ${done.repName}.` : `<@${userId}> is now ${done.repName}.`],
  };
}
