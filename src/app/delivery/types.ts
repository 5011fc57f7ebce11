/**
 * The delivery outbox contract. Producers (alert evaluation, digests, sync notices, button handlers) write
 * `Delivery` rows with an idempotency key; the `deliver` queue sends each row once, rendering its view for the
 * platform at send time.
 */
import type { Platform } from '../../generated/prisma/client.ts';

/**
 * post: a new message (a thread root unless `parentKey` is set, then a reply in the parent's thread);
 * update: replace the content of the message an earlier delivery posted (`parentKey`);
 */
export type DeliveryOp = 'post' | 'update';

/** What a producer asks the outbox to send. */
export interface OutboundMessage {
  tenantId: string;
  platform: Platform;
  /**
   * Slack: a channel id (C…/G…) or a user id (U…/W…: the app's DM with them). Teams: a conversation id, or
   * `user:<aadObjectId>` for the personal chat with that user (its stored conversation reference).
   */
  target: string;
  /** Unique per tenant: the same key twice is one message (the second enqueue is a no-op). */
  idempotencyKey: string;
  /** Selects the renderer: 'alert', 'alert_reply', 'notice', 'digest', … (see renderers.ts). */
  kind: string;
  op: DeliveryOp;
  /** For a thread reply (op post) or an update: the idempotency key of the delivery that posted the root message. */
  parentKey?: string | undefined;
  /** The renderer's input (e.g. an AlertView, an InfoReply). Must be JSON. */
  view: unknown;
}

/** A rendered message for one platform: what the sender puts on the wire. */
export interface RenderedSlack {
  text: string;
  blocks?: unknown[] | undefined;
  /** Uploaded with files.uploadV2 into the message's thread after it is posted. */
  files?: Array<{ filename: string; title: string; altText: string; contentBase64: string }> | undefined;
}

export interface RenderedTeams {
  text?: string | undefined;
  /**
   * An Adaptive Card, sent as an attachment: either the card itself (`{ type: 'AdaptiveCard', … }`) or already
   * wrapped as one (`{ contentType: 'application/vnd.microsoft.card.adaptive', content }`, what src/teams/cards
   * renderers return).
   */
  card?: Record<string, unknown> | undefined;
}

export interface Renderer {
  slack(view: unknown): RenderedSlack;
  teams(view: unknown): RenderedTeams;
}

/** A Delivery row's lifecycle; `superseded` is an update overtaken by a newer update of the same message. */
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'superseded';

/** Where a message landed: Slack ts / Teams activity id, and its thread's root (null for a root). */
export interface PostedMessage {
  messageId: string;
  threadId: string | null;
  /** Where it landed, when the platform says so and it differs from the target (Slack: a user id → D…). */
  conversationId?: string | undefined;
}

/**
 * One platform's sending side, as the outbox needs it. Implementations (src/slack/slack-sender.ts,
 * src/teams/teams-sender.ts) classify their failures with DeliveryError so the outbox knows whether a retry can
 * help and whether the message may have gone out anyway.
 */
export interface PlatformSender<Content> {
  /**
   * The conversation a target posts into: Slack a user id → their DM channel (conversations.open), a channel id
   * → itself; Teams `user:<id>` → the personal chat's conversation id. Stored before the first post, so that a
   * recovery searches the right conversation.
   */
  resolveConversation(tenantId: string, target: string): Promise<string>;
  /** A new message; a reply in `threadRootId`'s thread when given. */
  post(req: {
    tenantId: string;
    conversationId: string;
    deliveryId: string;
    content: Content;
    threadRootId?: string | undefined;
  }): Promise<PostedMessage>;
  /** Replaces the content of a message posted earlier (idempotent: sending it twice shows the same thing). */
  update(req: {
    tenantId: string;
    conversationId: string;
    messageId: string;
    content: Content;
  }): Promise<void>;
  /**
   * Finds a message this delivery posted (Slack: by its metadata, in the conversation's history or the thread's
   * replies since `since`). Null when the platform cannot read back what the bot posted (Teams).
   */
  findPosted:
    | ((req: {
        tenantId: string;
        conversationId: string;
        deliveryId: string;
        since: Date;
        threadRootId?: string | undefined;
      }) => Promise<PostedMessage | null>)
    | null;
  /**
   * Uploads the content's files (if any) into the posted message's thread. `resumed`: an earlier attempt may have
   * uploaded some already (they are then looked for and not uploaded twice).
   */
  attachFiles?(req: {
    tenantId: string;
    conversationId: string;
    threadRootId: string;
    content: Content;
    resumed: boolean;
  }): Promise<void>;
}

/** The senders a process has (a platform without credentials has none: its deliveries wait or fail). */
export interface DeliverySenders {
  slack?: PlatformSender<RenderedSlack> | undefined;
  teams?: PlatformSender<RenderedTeams> | undefined;
}
