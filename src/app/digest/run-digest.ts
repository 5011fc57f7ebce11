import { digestWeek } from '../../core/digest/digest-week.ts';
import type { Platform } from '../../generated/prisma/client.ts';
import { ensureTenant } from '../../store/tenants.ts';
import { langOf } from '../chat-identity.ts';
import type { AppContext } from '../context.ts';
import { type DeliveryDispatch, enqueueDeliveries } from '../delivery/index.ts';
import type { OutboundMessage } from '../delivery/types.ts';
import { type ComputedDigest, computeDigest, type DigestRecipient } from './compose-inputs.ts';
import { DIGEST_DM_KIND, DIGEST_KIND } from './digest-renderer.ts';
import { findSubscription, type Subscription } from './subscriptions.ts';

export interface RunDigestOptions {
  /** When the run was due (the scheduler's fire time); the digest covers the last complete week before it. */
  at: Date;
  /** Sends the enqueued deliveries (the worker's deliver queue); without it they wait for deliverPending. */
  dispatch?: DeliveryDispatch | undefined;
}

export interface RunDigestSummary {
  subscriptionId: string;
  /** The period's first instant (ISO, UTC): the idempotency keys name it. */
  periodStart: string | null;
  /** The channel's (or user's) message: enqueued now, already in the outbox from an earlier run, or skipped. */
  message: 'enqueued' | 'already_queued' | ComputedDigest['skipped'] | 'none';
  dms: { enqueued: number; alreadyQueued: number; noData: number; unreachable: number };
  deliveryIds: string[];
}

/** Per-rep digests are computed and written this many at a time (each batch one outbox insert). */
const DM_BATCH = 25;

/**
 * One scheduled digest: composes the subscription's message (and, with `dm reps`, each rep's own) and writes them
 * to the delivery outbox, keyed `digest:<subscription>:<period start>` (`…:<repId>` for DMs). The keys make it
 * exactly once per subscription and period: a retried or restarted job finds what an earlier attempt wrote,
 * skips computing it again and only dispatches it, and the outbox's ON CONFLICT DO NOTHING covers two racing
 * workers. Nothing is written for a scope with no data that week.
 */
export async function runDigest(
  ctx: AppContext,
  tenantId: string,
  subscriptionId: string,
  opts: RunDigestOptions,
): Promise<RunDigestSummary> {
  const summary: RunDigestSummary = {
    subscriptionId,
    periodStart: null,
    message: 'none',
    dms: { enqueued: 0, alreadyQueued: 0, noData: 0, unreachable: 0 },
    deliveryIds: [],
  };
  const sub = await findSubscription(ctx.db.prisma, tenantId, { id: subscriptionId });
  if (!sub) return summary;
  const tenant = await ensureTenant(ctx.db.prisma, tenantId, ctx.tenantDefaults);
  const week = digestWeek(opts.at, sub.tz, tenant.weekStart);
  const base = `digest:${sub.id}:${week.start.toISOString()}`;
  summary.periodStart = week.start.toISOString();

  const existing = await existingKeys(ctx, tenantId, base);
  const recipient = await recipientOf(ctx, sub);
  if (existing.has(base)) {
    summary.message = 'already_queued';
    summary.deliveryIds.push(existing.get(base)!);
  } else if (recipient) {
    const computed = await computeDigest(ctx, {
      tenantId,
      at: opts.at,
      tz: sub.tz,
      lang: sub.lang,
      metrics: sub.metrics,
      teamId: sub.scope.teamId ?? null,
      recipient,
    });
    if (computed.view) {
      const [id] = await enqueueDeliveries(ctx, [
        message(
          sub,
          sub.target,
          base,
          sub.isUser && !sub.scope.teamId ? DIGEST_DM_KIND : DIGEST_KIND,
          computed.view,
        ),
      ]);
      summary.deliveryIds.push(id!);
      summary.message = 'enqueued';
    } else {
      summary.message = computed.skipped;
      ctx.log.info({ subscriptionId, tenantId, reason: computed.skipped }, 'digest: nothing to post');
    }
  } else {
    summary.message = 'unknown_rep';
  }

  if (sub.scope.dmReps) await runRepDigests(ctx, sub, opts, base, existing, summary);
  if (opts.dispatch && summary.deliveryIds.length > 0) await opts.dispatch(summary.deliveryIds);
  return summary;
}

async function runRepDigests(
  ctx: AppContext,
  sub: Subscription,
  opts: RunDigestOptions,
  base: string,
  existing: Map<string, string>,
  summary: RunDigestSummary,
): Promise<void> {
  const reps = await ctx.db.prisma.rep.findMany({
    where: {
      tenantId: sub.tenantId,
      active: true,
      ...(sub.scope.teamId ? { teamId: sub.scope.teamId } : {}),
    },
    select: { id: true, slackUserId: true, teamsUserId: true },
    orderBy: { name: 'asc' },
  });
  const langs = await chatLangs(ctx, sub.tenantId, sub.platform);
  let batch: OutboundMessage[] = [];
  const flush = async () => {
    summary.deliveryIds.push(...(await enqueueDeliveries(ctx, batch)));
    summary.dms.enqueued += batch.length;
    batch = [];
  };
  for (const rep of reps) {
    const key = `${base}:${rep.id}`;
    const userId = sub.platform === 'slack' ? rep.slackUserId : rep.teamsUserId;
    if (!userId) {
      summary.dms.unreachable += 1;
      continue;
    }
    const done = existing.get(key);
    if (done) {
      summary.dms.alreadyQueued += 1;
      summary.deliveryIds.push(done);
      continue;
    }
    const computed = await computeDigest(ctx, {
      tenantId: sub.tenantId,
      at: opts.at,
      tz: sub.tz,
      lang: sub.lang ?? langs.get(userId) ?? null,
      metrics: sub.metrics,
      teamId: null,
      recipient: { kind: 'rep', repId: rep.id },
    });
    if (!computed.view) {
      summary.dms.noData += 1;
      continue;
    }
    batch.push(message(sub, userTarget(sub.platform, userId), key, DIGEST_DM_KIND, computed.view));
    if (batch.length >= DM_BATCH) await flush();
  }
  if (batch.length > 0) await flush();
}

function message(
  sub: Subscription,
  target: string,
  key: string,
  kind: string,
  view: unknown,
): OutboundMessage {
  return {
    tenantId: sub.tenantId,
    platform: sub.platform,
    target,
    idempotencyKey: key,
    kind,
    op: 'post',
    view,
  };
}

/** Slack DMs go to the user id (the outbox opens the DM); Teams to the user's personal chat. */
function userTarget(platform: Platform, userId: string): string {
  return platform === 'slack' ? userId : `user:${userId}`;
}

/** The outbox rows an earlier run of this period wrote (the channel's and the DMs'), key → delivery id. */
async function existingKeys(ctx: AppContext, tenantId: string, base: string): Promise<Map<string, string>> {
  const rows = await ctx.db.prisma.delivery.findMany({
    where: { tenantId, OR: [{ idempotencyKey: base }, { idempotencyKey: { startsWith: `${base}:` } }] },
    select: { id: true, idempotencyKey: true },
  });
  return new Map(rows.map((r) => [r.idempotencyKey, r.id]));
}

/** A channel, or the rep a user subscription belongs to (their chat identity, else the rep's platform id). */
async function recipientOf(ctx: AppContext, sub: Subscription): Promise<DigestRecipient | null> {
  if (!sub.isUser) return { kind: 'channel', channelId: sub.target };
  const userId = sub.target.replace(/^user:/, '');
  const p = ctx.db.prisma;
  const identity = await p.chatIdentity.findUnique({
    where: { tenantId_platform_userId: { tenantId: sub.tenantId, platform: sub.platform, userId } },
    select: { repId: true },
  });
  if (identity?.repId) return { kind: 'rep', repId: identity.repId };
  const rep = await p.rep.findFirst({
    where: {
      tenantId: sub.tenantId,
      ...(sub.platform === 'slack' ? { slackUserId: userId } : { teamsUserId: userId }),
    },
    select: { id: true },
  });
  return rep ? { kind: 'rep', repId: rep.id } : null;
}

/** The language each chat user's locale asks for (their digest is in it unless the subscription says). */
async function chatLangs(
  ctx: AppContext,
  tenantId: string,
  platform: Platform,
): Promise<Map<string, 'en' | 'fr'>> {
  const rows = await ctx.db.prisma.chatIdentity.findMany({
    where: { tenantId, platform, locale: { not: null } },
    select: { userId: true, locale: true },
  });
  const out = new Map<string, 'en' | 'fr'>();
  for (const r of rows) {
    const lang = langOf(r.locale);
    if (lang) out.set(r.userId, lang);
  }
  return out;
}
