import { z } from 'zod';

/**
 * Queue names and payload schemas. The prefix is hash-tagged so every key of a queue lands in one Redis Cluster
 * slot (BullMQ's requirement for Cluster); several worker processes on the same Redis share the work.
 *
 * The chain after a sync: sync → rollup (the days it touched) → alerts (evaluation) → deliver (the outbox).
 */
export const QUEUE_PREFIX = '{kpibot}';

export const QUEUES = {
  sync: 'sync',
  rollup: 'rollup',
  alerts: 'alerts',
  deliver: 'deliver',
} as const;

export const syncPayload = z.object({
  tenantId: z.string().min(1),
  source: z.string().min(1),
  full: z.boolean().default(false),
  reason: z.string().optional(),
});
export type SyncPayload = z.input<typeof syncPayload>;

export const rollupPayload = z.object({
  tenantId: z.string().min(1),
  full: z.boolean().default(false),
  reason: z.string().optional(),
});
export type RollupPayload = z.infer<typeof rollupPayload>;

export const alertsPayload = z.object({
  tenantId: z.string().min(1),
  reason: z.string().optional(),
});
export type AlertsPayload = z.infer<typeof alertsPayload>;

/** One scheduler per tenant and source: its id says which, so stale ones can be found and removed. */
export function syncSchedulerId(tenantId: string, source: string): string {
  return `sync:${tenantId}:${source}`;
}

/** deliver: one outbox row (jobId = the delivery id, so adding it twice is one job); 'sweep': the periodic sweeper. */
export const deliverPayload = z.object({ deliveryId: z.string().min(1) });
export type DeliverPayload = z.infer<typeof deliverPayload>;
/** What the deliver queue holds: delivery jobs and the sweeper's (empty) jobs. */
export type DeliverJobData = DeliverPayload | Record<string, never>;

export const DELIVER_SWEEP_SCHEDULER = 'deliver:sweep';
