import { IANAZone } from 'luxon';
import { decideAccess } from '../../core/access/decide-access.ts';
import { MAX_DIGEST_METRICS } from '../../core/digest/default-metrics.ts';
import { type DigestCommand, parseDigestArgs } from '../../core/digest/digest-args.ts';
import { cronProblem, DEFAULT_DIGEST_CRON, nextRuns } from '../../core/digest/schedule.ts';
import type { DigestView } from '../../core/digest/types.ts';
import type { Platform } from '../../generated/prisma/client.ts';
import { ensureTenant, type TenantSettings } from '../../store/tenants.ts';
import type { InfoReply } from '../ask.ts';
import type { AppContext } from '../context.ts';
import { resolveScope } from '../resolve-scope.ts';
import { resolveViewer, type ViewerIdentity } from '../viewer.ts';
import { computeDigest } from './compose-inputs.ts';
import { describeInstant, describeSchedule, digestLines } from './digest-text.ts';
import { findSubscription, type Subscription, subscribe, unsubscribe } from './subscriptions.ts';

/** Where and by whom `/kpi digest …` was typed. */
export interface DigestCommandEnv {
  tenantId: string;
  platform: Platform;
  /** A DM subscribes the user; a channel or group subscribes the conversation. */
  conversation: { id: string; kind: 'dm' | 'channel' | 'group' };
  /** The chat user (Slack U…, Teams 29:…). */
  userId: string;
  /** The rep they map to (chat identity), if any. */
  repId: string | null;
  lang: 'en' | 'fr';
  now: Date;
  /** The user's zone (Slack profile): a DM subscription's default; a channel's is the tenant's. */
  tz?: string | null | undefined;
  /** Called after a subscription is created, changed or removed (the worker reconciles its schedulers). */
  onSubscriptionsChanged?: ((tenantId: string) => Promise<void>) | undefined;
}

/** An InfoReply; `digest` is set by preview, for renderers that can show more than lines. */
export type DigestCommandReply = InfoReply & { digest?: DigestView | undefined };

/**
 * `/kpi digest subscribe [monday 8:30] [team:x] [metrics…] [dm reps]`, `list`, `unsubscribe`, `preview`, in
 * English or French (abonner, liste, désabonner, aperçu). Channel subscriptions are for managers and admins; a
 * user subscribes themselves in a DM. Every refusal says why and what to do.
 */
export async function runDigestCommand(
  ctx: AppContext,
  env: DigestCommandEnv,
  args: string,
): Promise<DigestCommandReply> {
  const lang = env.lang;
  const command = parseDigestArgs(args, ctx.catalog, lang);
  const tenant = await ensureTenant(ctx.db.prisma, env.tenantId, ctx.tenantDefaults);
  const identity = await resolveViewer(ctx.db.prisma, env.tenantId, { repId: env.repId });
  const target = targetOf(env);
  switch (command.action) {
    case 'help':
      return reply(lang, T[lang].helpTitle, [...T[lang].help]);
    case 'error':
      return reply(lang, T[lang].errorTitle, [command.message, ...T[lang].help.slice(0, 2)]);
    case 'list': {
      const sub = await findSubscription(ctx.db.prisma, env.tenantId, { platform: env.platform, target });
      return reply(lang, T[lang].listTitle, sub ? describeSubscription(sub, env, lang) : [T[lang].none]);
    }
    case 'unsubscribe': {
      const removed = await unsubscribe(ctx.db.prisma, env.tenantId, env.platform, target);
      if (removed) await env.onSubscriptionsChanged?.(env.tenantId);
      return reply(lang, T[lang].unsubscribedTitle, [removed ? T[lang].unsubscribed : T[lang].none]);
    }
    case 'preview':
      return preview(ctx, env, tenant, identity, command, target);
    case 'subscribe':
      return subscribeCommand(ctx, env, tenant, identity, command, target);
  }
}

async function subscribeCommand(
  ctx: AppContext,
  env: DigestCommandEnv,
  tenant: TenantSettings,
  identity: ViewerIdentity,
  command: Extract<DigestCommand, { action: 'subscribe' }>,
  target: string,
): Promise<DigestCommandReply> {
  const lang = env.lang;
  const t = T[lang];
  const isUser = env.conversation.kind === 'dm';
  const role = identity.rep ? identity.viewer.role : null;
  if (!identity.rep) return reply(lang, t.errorTitle, [t.unmapped]);
  if ((!isUser || command.dmReps) && role !== 'admin' && role !== 'manager') {
    return reply(lang, t.errorTitle, [t.managersOnly]);
  }
  const existing = await findSubscription(ctx.db.prisma, env.tenantId, { platform: env.platform, target });
  const tz = command.tz ?? existing?.tz ?? (isUser ? (env.tz ?? tenant.tz) : tenant.tz);
  if (!IANAZone.isValidZone(tz)) return reply(lang, t.errorTitle, [t.badZone(tz)]);
  const cron = command.cron ?? existing?.cron ?? DEFAULT_DIGEST_CRON;
  const problem = cronProblem(cron, tz);
  if (problem) return reply(lang, t.errorTitle, [t.badCron(cron, problem)]);
  if (command.metrics.length > MAX_DIGEST_METRICS) {
    return reply(lang, t.errorTitle, [t.tooMany(command.metrics.length)]);
  }
  const team = command.team ? await teamOf(ctx, env, identity, command.team) : null;
  if (team && 'message' in team) return reply(lang, t.errorTitle, [team.message]);
  const teamId = team?.id ?? (command.team === null ? (existing?.scope.teamId ?? null) : null);
  const teamName = team?.name ?? (teamId ? (existing?.scope.teamName ?? null) : null);
  const audience = isUser
    ? identity.viewer
    : { repId: null, role: 'viewer' as const, teamId: null, managedTeamIds: [] };
  if (teamId && !decideAccess(audience, tenant.repVisibility, { teamId }).allowed) {
    return reply(lang, t.errorTitle, [t.teamHidden(teamName ?? '')]);
  }
  const sub = await subscribe(ctx.db.prisma, {
    tenantId: env.tenantId,
    platform: env.platform,
    target,
    isUser,
    cron,
    tz,
    scope: {
      teamId,
      teamName,
      dmReps: command.dmReps || (existing?.scope.dmReps ?? false),
      source: 'chat',
    },
    metrics: command.metrics.length > 0 ? command.metrics : (existing?.metrics ?? []),
    lang,
    createdBy: env.userId,
  });
  await env.onSubscriptionsChanged?.(env.tenantId);
  return reply(lang, existing ? t.updatedTitle : t.subscribedTitle, [
    ...describeSubscription(sub, env, lang),
    t.previewHint,
  ]);
}

async function preview(
  ctx: AppContext,
  env: DigestCommandEnv,
  tenant: TenantSettings,
  identity: ViewerIdentity,
  command: Extract<DigestCommand, { action: 'preview' }>,
  target: string,
): Promise<DigestCommandReply> {
  const lang = env.lang;
  const t = T[lang];
  const sub = await findSubscription(ctx.db.prisma, env.tenantId, { platform: env.platform, target });
  const team = command.team ? await teamOf(ctx, env, identity, command.team) : null;
  if (team && 'message' in team) return reply(lang, t.errorTitle, [team.message]);
  const isUser = env.conversation.kind === 'dm';
  if (isUser && !identity.rep) return reply(lang, t.errorTitle, [t.unmapped]);
  const computed = await computeDigest(ctx, {
    tenantId: env.tenantId,
    // The digest a run now would post: the last complete week.
    at: env.now,
    tz: sub?.tz ?? (isUser ? (env.tz ?? tenant.tz) : tenant.tz),
    lang,
    metrics: command.metrics.length > 0 ? command.metrics : (sub?.metrics ?? []),
    teamId: team?.id ?? sub?.scope.teamId ?? null,
    recipient: isUser
      ? { kind: 'rep', repId: identity.rep!.id }
      : { kind: 'channel', channelId: env.conversation.id },
  });
  if (!computed.view) {
    return reply(lang, t.previewTitle, [computed.skipped === 'not_allowed' ? t.notAllowed : t.noData]);
  }
  return { ...reply(lang, computed.view.title, digestLines(computed.view)), digest: computed.view };
}

async function teamOf(
  ctx: AppContext,
  env: DigestCommandEnv,
  identity: ViewerIdentity,
  name: string,
): Promise<{ id: string; name: string } | { message: string }> {
  const scope = await resolveScope(
    ctx.db.prisma,
    env.tenantId,
    { rep: null, team: name, channel: null },
    identity,
    env.lang,
  );
  if ('code' in scope) return { message: scope.message };
  return scope.team!;
}

function targetOf(env: DigestCommandEnv): string {
  if (env.conversation.kind !== 'dm') return env.conversation.id;
  return env.platform === 'slack' ? env.userId : `user:${env.userId}`;
}

function describeSubscription(sub: Subscription, env: DigestCommandEnv, lang: 'en' | 'fr'): string[] {
  const t = T[lang];
  const [next] = nextRuns(sub.cron, sub.tz, env.now, 1);
  return [
    t.when(describeSchedule(sub.cron, lang), sub.tz, sub.isUser),
    t.scope(sub.scope.teamName ?? null),
    t.metrics(sub.metrics),
    ...(sub.scope.dmReps ? [t.dmReps] : []),
    ...(next ? [t.next(describeInstant(next, sub.tz, lang))] : []),
  ];
}

function reply(lang: 'en' | 'fr', title: string, lines: string[]): DigestCommandReply {
  return { kind: 'info', lang, title, lines };
}

const T = {
  en: {
    helpTitle: 'Weekly digest',
    help: [
      '`/kpi digest subscribe [monday 8:30] [team:name] [metrics…]`: the week in this channel (or in your DMs when typed there)',
      '`/kpi digest preview`: the digest as it would be posted now',
      '`/kpi digest list` · `/kpi digest unsubscribe` · `dm reps` also sends each rep their own figures by DM',
    ],
    errorTitle: 'Digest',
    listTitle: 'Digest subscription',
    none: 'No digest is scheduled here. `/kpi digest subscribe` schedules one (Monday 08:30 by default).',
    unsubscribedTitle: 'Digest',
    unsubscribed: 'Unsubscribed: no more digests here.',
    subscribedTitle: 'Digest scheduled',
    updatedTitle: 'Digest updated',
    previewTitle: 'Digest preview',
    previewHint: 'See it now with `/kpi digest preview`.',
    unmapped:
      "I don't know which rep you are yet. An admin can map you with `/kpi map @you you@company.com`.",
    managersOnly:
      'Only a manager or an admin can schedule a digest in a channel or for every rep. You can subscribe yourself in a DM with me.',
    badZone: (tz: string) => `“${tz}” is not a time zone: use an IANA name such as tz:Europe/Paris.`,
    badCron: (cron: string, why: string) =>
      `The schedule “${cron}” can't be used (${why}). Try “monday 8:30”.`,
    tooMany: (n: number) => `${n} metrics is too many for a digest: name at most ${MAX_DIGEST_METRICS}.`,
    teamHidden: (team: string) =>
      `Team ${team}'s figures can't be shown in a channel here (rep visibility). Subscribe in a DM instead.`,
    notAllowed: "You can't see the figures of this digest's scope.",
    noData: 'No data last week for this scope: nothing would be posted.',
    when: (schedule: string, tz: string, isUser: boolean) =>
      `${isUser ? 'To you by DM' : 'In this channel'}, ${schedule} (${tz})`,
    scope: (team: string | null) => (team ? `Team: ${team}` : 'Scope: the whole company'),
    metrics: (m: string[]) =>
      m.length > 0 ? `Metrics: ${m.join(', ')}` : 'Metrics: the default sales and marketing set',
    dmReps: 'Each rep also gets their own figures by DM.',
    next: (when: string) => `Next: ${when}`,
  },
  fr: {
    helpTitle: 'Résumé de la semaine',
    help: [
      '`/kpi digest abonner [lundi 8h30] [équipe:nom] [métriques…]` : la semaine dans ce canal (ou en message privé si tapé en MP)',
      '`/kpi digest aperçu` : le résumé tel qu’il serait publié maintenant',
      '`/kpi digest liste` · `/kpi digest désabonner` · `mp commerciaux` envoie aussi à chaque commercial ses chiffres en MP',
    ],
    errorTitle: 'Résumé',
    listTitle: 'Abonnement au résumé',
    none: 'Aucun résumé n’est programmé ici. `/kpi digest abonner` en programme un (lundi 8h30 par défaut).',
    unsubscribedTitle: 'Résumé',
    unsubscribed: 'Désabonné : plus de résumé ici.',
    subscribedTitle: 'Résumé programmé',
    updatedTitle: 'Résumé modifié',
    previewTitle: 'Aperçu du résumé',
    previewHint: 'Voyez-le maintenant avec `/kpi digest aperçu`.',
    unmapped:
      'Je ne sais pas encore quel commercial vous êtes. Un admin peut vous associer avec `/kpi map @vous email@société.fr`.',
    managersOnly:
      'Seul un manager ou un admin peut programmer un résumé dans un canal ou pour tous les commerciaux. Vous pouvez vous abonner vous-même en MP avec moi.',
    badZone: (tz: string) =>
      `« ${tz} » n’est pas un fuseau horaire : utilisez un nom IANA comme tz:Europe/Paris.`,
    badCron: (cron: string, why: string) =>
      `L’horaire « ${cron} » est inutilisable (${why}). Essayez « lundi 8h30 ».`,
    tooMany: (n: number) => `${n} métriques, c’est trop pour un résumé : ${MAX_DIGEST_METRICS} au plus.`,
    teamHidden: (team: string) =>
      `Les chiffres de l’équipe ${team} ne peuvent pas être publiés dans un canal ici (visibilité). Abonnez-vous en MP.`,
    notAllowed: 'Vous ne pouvez pas voir les chiffres de ce résumé.',
    noData: 'Aucune donnée la semaine dernière pour ce périmètre : rien ne serait publié.',
    when: (schedule: string, tz: string, isUser: boolean) =>
      `${isUser ? 'En message privé' : 'Dans ce canal'}, ${schedule} (${tz})`,
    scope: (team: string | null) => (team ? `Équipe : ${team}` : 'Périmètre : toute l’entreprise'),
    metrics: (m: string[]) =>
      m.length > 0
        ? `Métriques : ${m.join(', ')}`
        : 'Métriques : la sélection commerciale et marketing par défaut',
    dmReps: 'Chaque commercial reçoit aussi ses propres chiffres en MP.',
    next: (when: string) => `Prochain envoi : ${when}`,
  },
} as const;
