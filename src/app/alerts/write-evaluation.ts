import type { AppContext } from '../context.ts';
import type { EvaluationSummary, Judged } from './evaluation-types.ts';
import { eventType } from './state-records.ts';

/** Bulk writes of a large tenant take seconds on a busy database: more than Prisma's 5 s default. */
export const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 60_000 } as const;

/** States written per transaction: a large tenant's first evaluation creates a hundred thousand. */
const QUIET_PER_TRANSACTION = 5_000;

/**
 * States whose lifecycle does not move: a few thousand at a time, one statement upserts them (new members start
 * ok) and one inserts the events of those whose judgement changed, in one transaction, so a state's lastJudgement
 * never names an event that was not written.
 */
export async function writeQuiet(ctx: AppContext, tenantId: string, now: Date, quiet: readonly Judged[]) {
  for (let i = 0; i < quiet.length; i += QUIET_PER_TRANSACTION) {
    await writeQuietChunk(ctx, tenantId, now, quiet.slice(i, i + QUIET_PER_TRANSACTION));
  }
}

async function writeQuietChunk(ctx: AppContext, tenantId: string, now: Date, quiet: readonly Judged[]) {
  const col = <T>(pick: (j: Judged) => T) => quiet.map(pick);
  const events = quiet.filter((j) => j.recordEvent);
  const ecol = <T>(pick: (j: Judged) => T) => events.map(pick);
  await ctx.db.prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(
      `INSERT INTO "AlertState" (id, "tenantId", "ruleId", "scopeKey", state, "pendingCount", "lastValue",
         "lastEvaluated", "lastJudgement", "updatedAt")
       SELECT u.id, $1, u.rule, u.scope, 'ok', 0, u.value, $2::timestamptz, u.judgement::jsonb, now()
       FROM unnest($3::text[], $4::text[], $5::text[], $6::float8[], $7::text[])
         AS u(id, rule, scope, value, judgement)
       ON CONFLICT ("tenantId", "ruleId", "scopeKey") DO UPDATE SET
         "lastValue" = EXCLUDED."lastValue",
         "lastEvaluated" = EXCLUDED."lastEvaluated",
         "lastJudgement" = COALESCE(EXCLUDED."lastJudgement", "AlertState"."lastJudgement")`,
      tenantId,
      now.toISOString(),
      col((j) => j.stateId),
      col((j) => j.plan.rule.id),
      col((j) => j.member.scopeKey),
      col((j) => j.judgement.value),
      col((j) => (j.recordEvent ? JSON.stringify(j.record) : null)),
    );
    if (events.length > 0) {
      await tx.$executeRawUnsafe(
        `INSERT INTO "AlertEvent" (id, "tenantId", "ruleId", "scopeKey", type, value, threshold, detail, at)
         SELECT gen_random_uuid()::text, $1, u.rule, u.scope, u.type, u.value, u.bound, u.detail::jsonb,
           $2::timestamptz
         FROM unnest($3::text[], $4::text[], $5::text[], $6::float8[], $7::float8[], $8::text[])
           AS u(rule, scope, type, value, bound, detail)`,
        tenantId,
        now.toISOString(),
        ecol((j) => j.plan.rule.id),
        ecol((j) => j.member.scopeKey),
        ecol((j) => eventType(j.step)),
        ecol((j) => j.judgement.value),
        ecol((j) => j.judgement.bound),
        ecol((j) => JSON.stringify(eventDetail(j))),
      );
    }
  }, TRANSACTION_OPTIONS);
}

export function eventDetail(j: Judged, extra: Record<string, unknown> = {}) {
  return {
    stateId: j.stateId,
    scopeLabel: j.member.label,
    decision: j.step.decision,
    reason: j.judgement.reason,
    skipped: j.judgement.skipped,
    bound: j.judgement.bound,
    recoveryBound: j.judgement.recoveryBound,
    baseline: j.judgement.baseline,
    day: j.judgement.day,
    current: j.ranges.current,
    compared: j.ranges.compared,
    ...extra,
  };
}

/**
 * A rule that cannot be evaluated gets an `error` event (once per distinct message, not every 15 minutes), so
 * `/kpi alerts list` and `/kpi why` can say what is wrong with it.
 */
export async function recordRuleErrors(
  ctx: AppContext,
  tenantId: string,
  now: Date,
  errors: EvaluationSummary['errors'],
) {
  const prisma = ctx.db.prisma;
  const last = await prisma.alertEvent.findMany({
    where: { tenantId, ruleId: { in: errors.map((e) => e.ruleId) }, type: 'error' },
    orderBy: { at: 'desc' },
    distinct: ['ruleId'],
    select: { ruleId: true, detail: true },
  });
  const known = new Map(last.map((e) => [e.ruleId, (e.detail as { message?: string }).message]));
  const fresh = errors.filter((e) => known.get(e.ruleId) !== e.message);
  if (fresh.length === 0) return;
  await prisma.alertEvent.createMany({
    data: fresh.map((e) => ({
      tenantId,
      ruleId: e.ruleId,
      scopeKey: '',
      type: 'error',
      detail: { message: e.message },
      at: now,
    })),
  });
  for (const e of fresh) {
    ctx.log.warn({ tenantId, ruleId: e.ruleId, rule: e.ruleName, problem: e.message }, 'alert rule skipped');
  }
}
