import { type Queue, UnrecoverableError } from 'bullmq';
import { evaluateAlerts, loadAlertsFile } from '../src/app/alerts/index.ts';
import type { AppContext } from '../src/app/context.ts';
import type { DeliveryDispatch } from '../src/app/delivery/index.ts';
import { type AlertsPayload, alertsPayload } from './queues.ts';

/** The periodic evaluation: one scheduler for all tenants, which queues one evaluation per tenant with rules. */
export const ALERTS_SCHEDULER = 'alerts:every';
export const ALL_TENANTS = '*';
/**
 * Every 15 minutes: data changes are evaluated right after their rollup anyway; the schedule is what moves pace
 * rules with time (the elapsed share of the period grows by the hour) and what a day boundary needs.
 */
export const ALERTS_EVERY_MS = 15 * 60_000;

/**
 * alerts queue: evaluates a tenant's alert rules now (after each rollup, and on the schedule), then dispatches
 * the deliveries it wrote. A job for all tenants ('*', the scheduler's) queues one job per tenant that has rules,
 * so several workers share them.
 */
export function alertsProcessor(
  ctx: AppContext,
  deps: { dispatch?: DeliveryDispatch; queue?: Queue<AlertsPayload>; now?: () => Date } = {},
) {
  return async (job: { data: unknown; id?: string | undefined }) => {
    const parsed = alertsPayload.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`invalid alerts payload: ${parsed.error.message}`);
    const { tenantId, reason } = parsed.data;
    if (tenantId === ALL_TENANTS) {
      if (!deps.queue) throw new UnrecoverableError('an all-tenants alerts job needs the alerts queue');
      // KPIBOT_ALERTS is kept in sync here too, so an edited file takes effect without a restart.
      if (ctx.config.alertsFile) {
        await loadAlertsFile(ctx, ctx.config.alertsFile).catch((error: unknown) =>
          ctx.log.error(
            { err: (error as Error).message },
            'KPIBOT_ALERTS not loaded: the stored rules are kept',
          ),
        );
      }
      const tenants = await ctx.db.prisma.alertRule.findMany({
        where: { deletedAt: null },
        distinct: ['tenantId'],
        select: { tenantId: true },
      });
      for (const t of tenants) {
        // One waiting scheduled evaluation per tenant is enough: a slow tenant does not pile them up.
        await deps.queue.add(
          'alerts',
          { tenantId: t.tenantId, reason: reason ?? 'schedule' },
          { deduplication: { id: `alerts:schedule:${t.tenantId}` } },
        );
      }
      return { tenants: tenants.length };
    }
    const summary = await evaluateAlerts(ctx, tenantId, {
      now: deps.now?.() ?? new Date(),
      dispatch: deps.dispatch,
    });
    return {
      reason: reason ?? null,
      rules: summary.rules,
      states: summary.states,
      fired: summary.fired.length,
      repeated: summary.repeated.length,
      resolved: summary.resolved.length,
      errors: summary.errors.length,
      deliveries: summary.deliveryIds.length,
      ms: summary.ms,
    };
  };
}

/** Creates (or updates in place) the periodic evaluation; everyMs 0 removes it. */
export async function scheduleAlertEvaluations(queue: Queue<AlertsPayload>, everyMs = ALERTS_EVERY_MS) {
  if (everyMs > 0) {
    await queue.upsertJobScheduler(
      ALERTS_SCHEDULER,
      { every: everyMs },
      { name: 'alerts', data: { tenantId: ALL_TENANTS, reason: 'schedule' } },
    );
  } else {
    await queue.removeJobScheduler(ALERTS_SCHEDULER);
  }
}
