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
  /** An Adaptive Card (object), sent as an attachment. */
  card?: Record<string, unknown> | undefined;
}

export interface Renderer {
  slack(view: unknown): RenderedSlack;
  teams(view: unknown): RenderedTeams;
}
