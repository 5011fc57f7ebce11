import type { Delivery, PrismaClient } from '../../generated/prisma/client.ts';
import type { Logger } from '../../runtime/logger.ts';
import { asDeliveryError, type DeliveryError } from './errors.ts';
import { findDelivery } from './outbox.ts';
import { rendererFor } from './renderers.ts';
import type {
  DeliverySenders,
  PlatformSender,
  PostedMessage,
  RenderedSlack,
  RenderedTeams,
} from './types.ts';

/**
 * Sends one outbox row, exactly once where the platform allows it:
 *
 *   pending ──claim──▶ sending ──post──▶ sent            (messageId, threadId, sentAt)
 *                         │  └──permanent error──▶ failed (lastError; never retried)
 *                         └──transient error──▶ pending (the request did not go out) or stays sending (it may have)
 *
 * The claim is one UPDATE that also takes a lease (renewed while sending), so two jobs, a job and the CLI, or a
 * job resumed after a stall never send the same row at once; a crashed sender's lease lapses after `leaseMs`.
 * A row found in `sending` without a messageId is a send whose outcome is unknown (the process died between the
 * post and the commit, or the platform timed out): on Slack the conversation is searched first for a message
 * carrying this delivery's id in its metadata, and that message is adopted instead of posting again. Teams bots
 * cannot read a conversation back, so there the send is repeated: a duplicate in that rare window rather than a
 * lost message (README, "Delivery").
 */

export interface DeliveryContext {
  readonly db: { readonly prisma: PrismaClient };
  readonly log: Logger;
}

export interface DeliverOptions {
  /** How long a claim holds without renewal (default 60 s); renewed every third of that while sending. */
  leaseMs?: number;
  /** A reply or update whose parent is not posted yet looks again after this long (default 5 s). */
  parentWaitMs?: number;
}

export type DeliveryOutcome =
  | { status: 'sent'; deliveryId: string; messageId: string | null; adopted: boolean; already: boolean }
  | { status: 'failed'; deliveryId: string; error: string; already: boolean }
  | { status: 'superseded'; deliveryId: string; already: boolean }
  | { status: 'absent'; deliveryId: string }
  /** Not done yet. `delayMs`: when to try again if known (Retry-After, a parent, a lease); null: back off. */
  | { status: 'retry'; deliveryId: string; reason: string; delayMs: number | null };

const DEFAULT_LEASE_MS = 60_000;
const DEFAULT_PARENT_WAIT_MS = 5_000;
/** Slack's clock and ours may disagree a little: the history is searched from a minute before the send began. */
const HISTORY_MARGIN_MS = 60_000;

export async function deliverOne(
  ctx: DeliveryContext,
  deliveryId: string,
  senders: DeliverySenders,
  opts: DeliverOptions = {},
): Promise<DeliveryOutcome> {
  const prisma = ctx.db.prisma;
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const row = await prisma.delivery.findUnique({ where: { id: deliveryId } });
  if (!row) return { status: 'absent', deliveryId };
  const done = finished(row);
  if (done) return done;

  const sender = (row.platform === 'slack' ? senders.slack : senders.teams) as
    | PlatformSender<RenderedSlack | RenderedTeams>
    | undefined;
  if (!sender) {
    return failBeforeClaim(
      ctx,
      row,
      'platform_not_configured',
      row.platform === 'slack'
        ? 'Slack is not configured in this process (SLACK_BOT_TOKEN, or the OAuth variables with an installation for this tenant)'
        : 'Teams is not configured in this process',
    );
  }
  const renderer = rendererFor(row.kind);
  if (!renderer) {
    return failBeforeClaim(
      ctx,
      row,
      'unknown_kind',
      `no renderer for delivery kind '${row.kind}' (the module that registers it is not loaded by this process)`,
    );
  }

  let parent: Delivery | null = null;
  if (row.parentKey) {
    parent = await findDelivery(prisma, row.tenantId, row.parentKey);
    if (!parent || parent.platform !== row.platform) {
      return failBeforeClaim(ctx, row, 'parent_missing', `parent delivery '${row.parentKey}' does not exist`);
    }
    if (parent.status === 'failed' || parent.status === 'superseded') {
      return failBeforeClaim(
        ctx,
        row,
        'parent_failed',
        `parent delivery '${row.parentKey}' was not posted: ${parent.lastError ?? parent.status}`,
      );
    }
    if (parent.status !== 'sent' || !parent.messageId || !parent.conversationId) {
      return {
        status: 'retry',
        deliveryId,
        reason: `waiting for parent '${row.parentKey}'`,
        delayMs: opts.parentWaitMs ?? DEFAULT_PARENT_WAIT_MS,
      };
    }
    if (row.op === 'update' && (await newerUpdateSent(prisma, row))) return supersede(ctx, row);
  }

  let content: RenderedSlack | RenderedTeams;
  try {
    content = row.platform === 'slack' ? renderer.slack(row.payload) : renderer.teams(row.payload);
  } catch (error) {
    return failBeforeClaim(ctx, row, 'render_failed', (error as Error).message);
  }

  const claim = await claimDelivery(prisma, deliveryId, leaseMs);
  if (!claim) return explainUnclaimed(prisma, deliveryId);

  const attempt = new Attempt(ctx, claim, sender, parent, content);
  await withLease(prisma, deliveryId, leaseMs, () => attempt.run());
  return attempt.commit();
}

type Claimed = Delivery & { previousStatus: string };

/**
 * pending|sending → sending, attempts + 1, lease taken; only when no live lease and no not-before in the future.
 * sendingSince keeps the start of the oldest send whose outcome is still unknown (that is where a search begins).
 */
async function claimDelivery(prisma: PrismaClient, id: string, leaseMs: number): Promise<Claimed | null> {
  const rows = await prisma.$queryRawUnsafe<Claimed[]>(
    `WITH prev AS (SELECT id, status FROM "Delivery" WHERE id = $1 FOR UPDATE)
     UPDATE "Delivery" d SET status = 'sending', attempts = d.attempts + 1,
       "sendingSince" = CASE WHEN prev.status = 'sending' AND d."sendingSince" IS NOT NULL
                             THEN d."sendingSince" ELSE now() END,
       "leaseUntil" = now() + $2::int * interval '1 millisecond',
       "nextAttemptAt" = NULL
     FROM prev
     WHERE d.id = prev.id AND prev.status IN ('pending', 'sending')
       AND (d."leaseUntil" IS NULL OR d."leaseUntil" < now())
       AND (d."nextAttemptAt" IS NULL OR d."nextAttemptAt" <= now())
     RETURNING d.*, prev.status AS "previousStatus"`,
    id,
    leaseMs,
  );
  return rows[0] ?? null;
}

async function explainUnclaimed(prisma: PrismaClient, deliveryId: string): Promise<DeliveryOutcome> {
  const rows = await prisma.$queryRawUnsafe<
    Array<Delivery & { leaseLeftMs: number | null; notBeforeMs: number | null }>
  >(
    `SELECT *, (EXTRACT(EPOCH FROM ("leaseUntil" - now())) * 1000)::float8 AS "leaseLeftMs",
            (EXTRACT(EPOCH FROM ("nextAttemptAt" - now())) * 1000)::float8 AS "notBeforeMs"
     FROM "Delivery" WHERE id = $1`,
    deliveryId,
  );
  const row = rows[0];
  if (!row) return { status: 'absent', deliveryId };
  const done = finished(row);
  if (done) return done;
  const wait = Math.max(row.leaseLeftMs ?? 0, row.notBeforeMs ?? 0, 0);
  return {
    status: 'retry',
    deliveryId,
    reason: (row.leaseLeftMs ?? 0) > 0 ? 'another sender holds it' : 'not before its retry time',
    delayMs: Math.ceil(wait) + 50,
  };
}

function finished(row: Delivery): DeliveryOutcome | null {
  if (row.status === 'sent')
    return { status: 'sent', deliveryId: row.id, messageId: row.messageId, adopted: false, already: true };
  if (row.status === 'failed')
    return { status: 'failed', deliveryId: row.id, error: row.lastError ?? 'failed', already: true };
  if (row.status === 'superseded') return { status: 'superseded', deliveryId: row.id, already: true };
  return null;
}

/** Fails a row nobody holds (a sender holding it will record its own outcome). */
async function failBeforeClaim(
  ctx: DeliveryContext,
  row: Delivery,
  code: string,
  message: string,
): Promise<DeliveryOutcome> {
  const changed = await ctx.db.prisma.$executeRawUnsafe(
    `UPDATE "Delivery" SET status = 'failed', "lastError" = $2, "leaseUntil" = NULL
     WHERE id = $1 AND status IN ('pending', 'sending') AND ("leaseUntil" IS NULL OR "leaseUntil" < now())`,
    row.id,
    `${code}: ${message}`,
  );
  if (changed === 0) return explainUnclaimed(ctx.db.prisma, row.id);
  ctx.log.error(
    { deliveryId: row.id, tenantId: row.tenantId, platform: row.platform, kind: row.kind, code },
    `delivery failed: ${message}`,
  );
  return { status: 'failed', deliveryId: row.id, error: `${code}: ${message}`, already: false };
}

async function supersede(ctx: DeliveryContext, row: Delivery): Promise<DeliveryOutcome> {
  const changed = await ctx.db.prisma.$executeRawUnsafe(
    `UPDATE "Delivery" SET status = 'superseded', "leaseUntil" = NULL
     WHERE id = $1 AND status IN ('pending', 'sending') AND ("leaseUntil" IS NULL OR "leaseUntil" < now())`,
    row.id,
  );
  if (changed === 0) return explainUnclaimed(ctx.db.prisma, row.id);
  return { status: 'superseded', deliveryId: row.id, already: false };
}

/** An update that a later update of the same message already replaced would put stale content back. */
async function newerUpdateSent(prisma: PrismaClient, row: Delivery): Promise<boolean> {
  const newer = await prisma.delivery.findFirst({
    where: {
      tenantId: row.tenantId,
      parentKey: row.parentKey,
      op: 'update',
      status: 'sent',
      id: { not: row.id },
      createdAt: { gt: row.createdAt },
    },
    select: { id: true },
  });
  return newer !== null;
}

/** Keeps the claim alive while a send runs; the renewal stops (and is awaited) before the outcome is written. */
async function withLease<T>(
  prisma: PrismaClient,
  id: string,
  leaseMs: number,
  run: () => Promise<T>,
): Promise<T> {
  let renewing: Promise<unknown> = Promise.resolve();
  const timer = setInterval(
    () => {
      renewing = prisma
        .$executeRawUnsafe(
          `UPDATE "Delivery" SET "leaseUntil" = now() + $2::int * interval '1 millisecond'
           WHERE id = $1 AND status = 'sending'`,
          id,
          leaseMs,
        )
        .catch(() => undefined);
    },
    Math.max(1, Math.floor(leaseMs / 3)),
  );
  timer.unref();
  try {
    return await run();
  } finally {
    clearInterval(timer);
    await renewing;
  }
}

/** One claimed send: what it did, then one commit of the outcome. */
class Attempt {
  private posted: PostedMessage | null;
  private conversationId: string | null;
  private adopted = false;
  /** An earlier attempt's send may have gone out, and no search has settled it. */
  private priorUnknown: boolean;
  /** This attempt's send failed in a way that may still have posted (a timeout, a 5xx). */
  private postUnknown = false;
  private error: DeliveryError | null = null;
  private filesError: DeliveryError | null = null;

  constructor(
    private readonly ctx: DeliveryContext,
    private readonly row: Claimed,
    private readonly sender: PlatformSender<RenderedSlack | RenderedTeams>,
    private readonly parent: Delivery | null,
    private readonly content: RenderedSlack | RenderedTeams,
  ) {
    this.posted = row.messageId ? { messageId: row.messageId, threadId: row.threadId } : null;
    this.conversationId = row.conversationId;
    this.priorUnknown = row.op === 'post' && row.previousStatus === 'sending' && !row.messageId;
  }

  private get logFields() {
    const r = this.row;
    return {
      deliveryId: r.id,
      tenantId: r.tenantId,
      platform: r.platform,
      kind: r.kind,
      attempt: r.attempts,
    };
  }

  async run(): Promise<void> {
    try {
      if (this.row.op === 'update') await this.update();
      else await this.post();
    } catch (error) {
      this.error = asDeliveryError(error);
    }
  }

  private async update(): Promise<void> {
    const parent = this.parent as Delivery & { messageId: string; conversationId: string };
    this.conversationId = parent.conversationId;
    await this.sender.update({
      tenantId: this.row.tenantId,
      conversationId: parent.conversationId,
      messageId: parent.messageId,
      content: this.content,
    });
    this.posted = { messageId: parent.messageId, threadId: parent.threadId };
  }

  private async post(): Promise<void> {
    const r = this.row;
    const prisma = this.ctx.db.prisma;
    const threadRootId = this.parent
      ? (this.parent.threadId ?? this.parent.messageId ?? undefined)
      : undefined;
    if (!this.conversationId) {
      this.conversationId =
        this.parent?.conversationId ?? (await this.sender.resolveConversation(r.tenantId, r.target));
      await prisma.delivery.update({ where: { id: r.id }, data: { conversationId: this.conversationId } });
    }
    const conversationId = this.conversationId;
    const resumingFiles = this.posted !== null;
    if (!this.posted && this.priorUnknown) {
      if (this.sender.findPosted) {
        const since = new Date((r.sendingSince ?? r.createdAt).getTime() - HISTORY_MARGIN_MS);
        this.posted = await this.sender.findPosted({
          tenantId: r.tenantId,
          conversationId,
          deliveryId: r.id,
          since,
          threadRootId,
        });
        this.priorUnknown = false;
        if (this.posted) {
          this.adopted = true;
          this.ctx.log.info(
            { ...this.logFields, messageId: this.posted.messageId },
            'delivery: found the message an interrupted send had posted; not posting again',
          );
        }
      } else {
        this.ctx.log.warn(
          this.logFields,
          'delivery: an earlier send may have gone out, and this platform cannot be searched; sending again',
        );
      }
    }
    if (!this.posted) {
      try {
        this.posted = await this.sender.post({
          tenantId: r.tenantId,
          conversationId,
          deliveryId: r.id,
          content: this.content,
          threadRootId,
        });
      } catch (error) {
        const failure = asDeliveryError(error);
        this.postUnknown = failure.mayHavePosted;
        throw failure;
      }
    }
    if (this.posted.conversationId) this.conversationId = this.posted.conversationId;
    const files = (this.content as RenderedSlack).files;
    if (this.sender.attachFiles && files && files.length > 0) {
      // The post is committed before the uploads, so a retry after a failed upload never posts the message again.
      await prisma.delivery.update({
        where: { id: r.id },
        data: {
          messageId: this.posted.messageId,
          threadId: this.posted.threadId,
          conversationId: this.conversationId,
        },
      });
      try {
        await this.sender.attachFiles({
          tenantId: r.tenantId,
          conversationId: this.conversationId,
          threadRootId: this.posted.threadId ?? this.posted.messageId,
          content: this.content,
          resumed: resumingFiles,
        });
      } catch (error) {
        const failure = asDeliveryError(error);
        if (!failure.permanent) throw failure;
        this.filesError = failure;
      }
    }
  }

  /** Writes the outcome once the lease renewal has stopped. */
  async commit(): Promise<DeliveryOutcome> {
    const r = this.row;
    const prisma = this.ctx.db.prisma;
    if (!this.error && this.posted) {
      await prisma.delivery.update({
        where: { id: r.id },
        data: {
          status: 'sent',
          conversationId: this.conversationId,
          messageId: this.posted.messageId,
          threadId: this.posted.threadId,
          sentAt: new Date(),
          leaseUntil: null,
          nextAttemptAt: null,
          lastError: this.filesError ? `files not attached: ${this.filesError.message}` : null,
        },
      });
      if (this.filesError)
        this.ctx.log.error({ ...this.logFields, code: this.filesError.code }, 'delivery: files not attached');
      return {
        status: 'sent',
        deliveryId: r.id,
        messageId: this.posted.messageId,
        adopted: this.adopted,
        already: false,
      };
    }
    const error = this.error ?? asDeliveryError(new Error('nothing was sent'));
    const lastError = `${error.code}: ${error.message}`.slice(0, 2000);
    if (error.permanent && !this.posted) {
      await prisma.delivery.update({
        where: { id: r.id },
        data: { status: 'failed', lastError, leaseUntil: null, nextAttemptAt: null },
      });
      this.ctx.log.error({ ...this.logFields, code: error.code }, `delivery failed: ${error.message}`);
      return { status: 'failed', deliveryId: r.id, error: lastError, already: false };
    }
    // A message that may exist stays `sending` (the next attempt searches before posting); one that certainly
    // does not goes back to `pending`.
    const mayExist = r.op === 'post' && (this.posted !== null || this.priorUnknown || this.postUnknown);
    await prisma.delivery.update({
      where: { id: r.id },
      data: {
        status: mayExist ? 'sending' : 'pending',
        ...(mayExist ? {} : { sendingSince: null }),
        conversationId: this.conversationId,
        ...(this.posted && r.op === 'post'
          ? { messageId: this.posted.messageId, threadId: this.posted.threadId }
          : {}),
        lastError,
        leaseUntil: null,
        nextAttemptAt: error.retryAfterMs !== null ? new Date(Date.now() + error.retryAfterMs) : null,
      },
    });
    this.ctx.log.warn(
      { ...this.logFields, code: error.code, retryAfterMs: error.retryAfterMs },
      `delivery not sent yet, will retry: ${error.message}`,
    );
    return { status: 'retry', deliveryId: r.id, reason: lastError, delayMs: error.retryAfterMs };
  }
}
