import { z } from 'zod';

/**
 * Queue names and payload schemas. The prefix is hash-tagged so every key of a queue lands in one Redis Cluster
 * slot (BullMQ's requirement for Cluster); several worker processes on the same Redis share the work.
 */
export const QUEUE_PREFIX = '{kpibot}';

export const QUEUES = {
  rollup: 'rollup',
} as const;

export const rollupPayload = z.object({
  tenantId: z.string().min(1),
  full: z.boolean().default(false),
  reason: z.string().optional(),
});
export type RollupPayload = z.infer<typeof rollupPayload>;
