import { UnrecoverableError } from 'bullmq';
import type { AppContext } from '../src/app/context.ts';
import { pendingAdminNotices } from '../src/app/sync/admin-notices.ts';
import { alertsPayload } from './queues.ts';

/**
 * alerts queue, placeholder until the alerts issue: the evaluation is queued after every rollup so the chain
 * sync → rollup → alerts is in place; for now it only records that an evaluation was asked for and how many sync
 * notices wait for the tenant's admins. The alerts issue replaces the body with evaluateAlerts(ctx, tenantId).
 */
export function alertsProcessor(ctx: AppContext) {
  return async (job: { data: unknown; id?: string | undefined }) => {
    const parsed = alertsPayload.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`invalid alerts payload: ${parsed.error.message}`);
    const notices = await pendingAdminNotices(ctx.db.prisma, parsed.data.tenantId);
    ctx.log.info(
      { tenantId: parsed.data.tenantId, reason: parsed.data.reason, pendingSyncNotices: notices.length },
      'alerts evaluation queued (evaluation arrives with the alerts issue)',
    );
    return { evaluated: false, pendingSyncNotices: notices.length };
  };
}
