import type { Platform } from '../../generated/prisma/client.ts';
import { type DeliverOptions, type DeliveryContext, deliverOne } from './deliver-one.ts';
import type { DeliverySenders } from './types.ts';

export interface DeliverPendingOptions extends DeliverOptions {
  /** Only this tenant's deliveries (default all). */
  tenantId?: string;
  /** Give up waiting (rows stay pending for a worker) once retries would take longer than this; default 2 min. */
  maxWaitMs?: number;
  /** Transient failures per delivery before leaving it for a worker; default 5. */
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface DeliverPendingSummary {
  sent: number;
  failed: number;
  superseded: number;
  /** Left pending (a platform without a sender here, or still failing when the wait ran out). */
  pending: number;
}

/**
 * Delivers the outbox inline, without a queue: `kpibot alerts evaluate` without Redis, the demo. Rows of a
 * platform this process has no sender for are left alone. Retries honour Retry-After and back off on transient
 * failures, within `maxWaitMs`; what is left stays in the outbox for a worker's sweeper.
 */
export async function deliverPending(
  ctx: DeliveryContext,
  senders: DeliverySenders,
  opts: DeliverPendingOptions = {},
): Promise<DeliverPendingSummary> {
  const platforms = (['slack', 'teams'] as const).filter((p) => senders[p] !== undefined) as Platform[];
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const maxWaitMs = opts.maxWaitMs ?? 120_000;
  const maxAttempts = opts.maxAttempts ?? 5;
  const summary: DeliverPendingSummary = { sent: 0, failed: 0, superseded: 0, pending: 0 };
  const failures = new Map<string, number>();
  const givenUp = new Set<string>();
  let waited = 0;
  for (;;) {
    const rows = await ctx.db.prisma.delivery.findMany({
      where: {
        status: { in: ['pending', 'sending'] },
        platform: { in: platforms },
        ...(opts.tenantId ? { tenantId: opts.tenantId } : {}),
        id: { notIn: [...givenUp] },
      },
      orderBy: { createdAt: 'asc' },
      select: { id: true },
      take: 500,
    });
    if (rows.length === 0) break;
    let nextTry = Number.POSITIVE_INFINITY;
    for (const { id } of rows) {
      const outcome = await deliverOne(ctx, id, senders, opts);
      if (outcome.status === 'sent' || outcome.status === 'failed' || outcome.status === 'superseded') {
        summary[outcome.status] += 1;
      } else if (outcome.status === 'retry') {
        const n = (failures.get(id) ?? 0) + (outcome.delayMs === null ? 1 : 0);
        failures.set(id, n);
        if (n >= maxAttempts) givenUp.add(id);
        else nextTry = Math.min(nextTry, outcome.delayMs ?? 1000 * 2 ** Math.max(0, n - 1));
      }
    }
    if (!Number.isFinite(nextTry)) continue;
    if (waited + nextTry > maxWaitMs) break;
    await sleep(nextTry);
    waited += nextTry;
  }
  summary.pending = await ctx.db.prisma.delivery.count({
    where: {
      status: { in: ['pending', 'sending'] },
      ...(opts.tenantId ? { tenantId: opts.tenantId } : {}),
    },
  });
  return summary;
}
