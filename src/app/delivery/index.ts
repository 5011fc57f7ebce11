/**
 * The delivery outbox: producers write Delivery rows (enqueueDeliveries, inside their own transaction), the
 * `deliver` queue (jobs/deliver.ts) or deliverPending (inline) sends each exactly once. See deliver-one.ts for the
 * state machine and README "Delivery" for the guarantees.
 */
// Every kind a worker may meet is registered by importing the outbox (the digest's renderer joins here).
import './alert-renderer.ts';
import './notice-renderer.ts';

export {
  type DeliverOptions,
  type DeliveryContext,
  type DeliveryOutcome,
  deliverOne,
} from './deliver-one.ts';
export { type DeliverPendingOptions, type DeliverPendingSummary, deliverPending } from './deliver-pending.ts';
export { asDeliveryError, DeliveryError } from './errors.ts';
export { NOTICE_KIND } from './notice-renderer.ts';
export {
  type DeliveryDispatch,
  enqueueDeliveries,
  findDelivery,
  InvalidOutboundMessageError,
  type OutboxClient,
} from './outbox.ts';
export { registeredKinds, registerRenderer, rendererFor } from './renderers.ts';
export { expireDeliveries, staleDeliveryIds } from './sweep.ts';
export { personalChatConversationId } from './targets.ts';
export type * from './types.ts';
