import type { ChatCommand } from '../chat-commands/types.ts';
import { runDigestCommand } from './digest-command.ts';

let subscriptionsChanged: ((tenantId: string) => Promise<void>) | undefined;

/**
 * Composition roots that can reach the worker's digest queue set this (jobs/digest.ts requestDigestReconcile), so
 * a chat change reschedules at once; without it the worker's reconcile picks changes up within a minute.
 */
export function onDigestSubscriptionsChanged(hook: ((tenantId: string) => Promise<void>) | undefined): void {
  subscriptionsChanged = hook;
}

const TERMINAL = {
  en: 'In the terminal, use `kpibot digest preview|send|list` (digests are subscribed to from Slack or Teams).',
  fr: 'Dans le terminal, utilisez `kpibot digest preview|send|list` (on s’abonne au résumé depuis Slack ou Teams).',
} as const;

/**
 * `/kpi digest …` in the chat-command registry (src/app/chat-commands): the platform-neutral env mapped to the
 * digest command's. A DM subscription targets the user's platform id (the rep's, else the asker's own).
 */
export const digestChatCommand: ChatCommand = async (ctx, args, env) => {
  const preview = /^\s*(preview|aper[cç]u)\b/i.test(args);
  if (!env.platform || !env.conversation) {
    if (!preview) return { kind: 'info', lang: env.lang, title: 'Digest', lines: [TERMINAL[env.lang]] };
    // The terminal previews the company's digest as a channel would see it.
    return runDigestCommand(
      ctx,
      {
        tenantId: env.tenantId,
        platform: 'slack',
        conversation: { id: '', kind: 'channel' },
        userId: env.actor,
        repId: null,
        lang: env.lang,
        now: env.now,
      },
      args,
    );
  }
  const repId = env.identity.rep?.id ?? null;
  const rep = repId
    ? await ctx.db.prisma.rep.findFirst({
        where: { id: repId, tenantId: env.tenantId },
        select: { slackUserId: true, teamsUserId: true },
      })
    : null;
  const own = env.platform === 'slack' ? rep?.slackUserId : rep?.teamsUserId;
  const fromActor = env.actor.startsWith(`${env.platform}:`)
    ? env.actor.slice(env.platform.length + 1)
    : null;
  return runDigestCommand(
    ctx,
    {
      tenantId: env.tenantId,
      platform: env.platform,
      conversation: env.conversation,
      userId: own ?? fromActor ?? env.conversation.id,
      repId,
      lang: env.lang,
      now: env.now,
      onSubscriptionsChanged: subscriptionsChanged,
    },
    args,
  );
};
