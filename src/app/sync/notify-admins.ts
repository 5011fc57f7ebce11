import type { InfoReply } from '../ask.ts';
import type { AppContext } from '../context.ts';
import {
  type DeliveryDispatch,
  enqueueDeliveries,
  NOTICE_KIND,
  type OutboundMessage,
} from '../delivery/index.ts';
import { personalChatConversationId } from '../delivery/targets.ts';
import { markAdminNoticeDelivered, pendingAdminNotices, type SyncNotice } from './admin-notices.ts';

export interface AdminTarget {
  platform: 'slack' | 'teams';
  /** Slack user id (the app's DM with them) or Teams `user:<id>` (their 1:1 chat with the bot). */
  target: string;
}

/**
 * Tells the tenant's admins, once, about each sync notice not yet delivered (bad credentials, a misconfigured
 * source): one DM per admin reachable in chat, through the outbox with the key `notice:<noticeId>:<target>`, then
 * the notice is marked delivered. The key makes a second run (a retried job, a crash before the mark) a no-op.
 * A notice with no admin to tell stays pending (`kpibot sync --status` shows it) and goes out once one is
 * reachable: the deliver sweeper calls this every minute.
 */
export async function notifyAdminsOfSyncNotices(
  ctx: AppContext,
  tenantId: string,
  opts: { dispatch?: DeliveryDispatch | undefined; now?: Date } = {},
): Promise<{ notices: number; deliveryIds: string[]; waiting: number }> {
  const prisma = ctx.db.prisma;
  const notices = await pendingAdminNotices(prisma, tenantId);
  if (notices.length === 0) return { notices: 0, deliveryIds: [], waiting: 0 };
  const targets = await adminTargets(ctx, tenantId);
  if (targets.length === 0) return { notices: 0, deliveryIds: [], waiting: notices.length };
  const tenant = await prisma.tenant.findUnique({ where: { id: tenantId }, select: { lang: true } });
  const lang = tenant?.lang === 'fr' ? 'fr' : 'en';
  const messages: OutboundMessage[] = notices.flatMap((notice) =>
    targets.map((t) => ({
      tenantId,
      platform: t.platform,
      target: t.target,
      idempotencyKey: `notice:${noticeId(notice)}:${t.target}`,
      kind: NOTICE_KIND,
      op: 'post' as const,
      view: syncNoticeView(notice, lang),
    })),
  );
  const deliveryIds = await enqueueDeliveries(prisma, messages);
  const now = opts.now ?? new Date();
  for (const notice of notices) {
    await markAdminNoticeDelivered(prisma, tenantId, notice.source, now, notice.at);
  }
  await opts.dispatch?.(deliveryIds);
  ctx.log.info({ tenantId, notices: notices.length, admins: targets.length }, 'sync notices sent to admins');
  return { notices: notices.length, deliveryIds, waiting: 0 };
}

/** Every tenant with a notice waiting: the sweeper's round (quiet: a notice nobody can be told of stays listed). */
export async function notifyAdminsOfAllSyncNotices(
  ctx: AppContext,
  opts: { dispatch?: DeliveryDispatch | undefined; now?: Date } = {},
): Promise<number> {
  const tenants = await ctx.db.prisma.$queryRawUnsafe<Array<{ id: string }>>(
    `SELECT t.id FROM "Tenant" t
     WHERE jsonb_typeof(t.settings->'syncNotices') = 'object'
       AND EXISTS (SELECT 1 FROM jsonb_each(t.settings->'syncNotices') n
                   WHERE jsonb_typeof(n.value) = 'object' AND n.value->>'deliveredAt' IS NULL)`,
  );
  let sent = 0;
  for (const { id } of tenants) sent += (await notifyAdminsOfSyncNotices(ctx, id, opts)).notices;
  return sent;
}

/** A notice is one failure of one source, first seen at `at`: a new failure after a recovery is a new notice. */
function noticeId(notice: SyncNotice): string {
  return `sync:${notice.source}:${notice.at}`;
}

/**
 * Active reps with role admin, in each chat they are known in: their chat identities (mapped by email or by
 * hand) and the platform ids recorded on the rep. A Teams admin needs a 1:1 chat with the bot to be told.
 */
export async function adminTargets(ctx: AppContext, tenantId: string): Promise<AdminTarget[]> {
  const prisma = ctx.db.prisma;
  const admins = await prisma.rep.findMany({
    where: { tenantId, role: 'admin', active: true },
    select: { id: true, slackUserId: true, teamsUserId: true },
  });
  if (admins.length === 0) return [];
  const identities = await prisma.chatIdentity.findMany({
    where: { tenantId, repId: { in: admins.map((a) => a.id) } },
    select: { platform: true, userId: true },
  });
  const slack = new Set<string>();
  const teams = new Set<string>();
  for (const a of admins) {
    if (a.slackUserId) slack.add(a.slackUserId);
    if (a.teamsUserId) teams.add(a.teamsUserId);
  }
  for (const i of identities) (i.platform === 'slack' ? slack : teams).add(i.userId);
  const reachableTeams: string[] = [];
  for (const userId of [...teams].sort()) {
    const chat = await personalChatConversationId(prisma, tenantId, userId);
    if (chat) reachableTeams.push(userId);
  }
  return [
    ...[...slack].sort().map((target) => ({ platform: 'slack' as const, target })),
    ...reachableTeams.map((userId) => ({ platform: 'teams' as const, target: `user:${userId}` })),
  ];
}

function syncNoticeView(notice: SyncNotice, lang: 'en' | 'fr'): InfoReply {
  const since = notice.at ? notice.at.replace('T', ' ').slice(0, 16) : '';
  const command = `kpibot sync ${notice.source}`;
  return lang === 'fr'
    ? {
        kind: 'info',
        lang,
        title: `Synchronisation ${notice.source} en échec`,
        lines: [
          `*Erreur :* ${notice.error}`,
          ...(since ? [`*Depuis :* ${since} UTC`] : []),
          `Vérifiez les identifiants et la configuration de la source (variables ${notice.source.toUpperCase()}_…), puis relancez \`${command}\` ou attendez la prochaine synchronisation. Les chiffres de cette source ne sont plus à jour d'ici là.`,
        ],
      }
    : {
        kind: 'info',
        lang,
        title: `${notice.source} sync is failing`,
        lines: [
          `*Error:* ${notice.error}`,
          ...(since ? [`*Since:* ${since} UTC`] : []),
          `Check the source's credentials and settings (the ${notice.source.toUpperCase()}_… variables), then run \`${command}\` or wait for the next scheduled sync. Until then, figures from this source are not up to date.`,
        ],
      };
}
