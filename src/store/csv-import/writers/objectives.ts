import type { ObjectiveGrain, ScopeType } from '../../../generated/prisma/client.ts';
import { emptyOutcome, type KindWriter, num, str, type WriterContext } from '../writer.ts';

/** Objectives keyed by (metric, scope, grain, periodStart); a team or rep scope must name an existing one. */
export function createObjectiveWriter(ctx: WriterContext): KindWriter {
  return {
    keyOf: (row) =>
      [row.metric, row.scope ?? 'tenant', row.scopeName ?? '', row.grain, row.periodStart].join('\u0000'),
    async writeBatch(tx, rows) {
      const outcome = emptyOutcome();
      for (const { line, values } of rows) {
        const scopeType = (str(values.scope) ?? 'tenant') as ScopeType;
        const scopeName = str(values.scopeName) ?? '';
        let scopeId = '';
        if (scopeType === 'team') {
          const team = await ctx.teams.find(tx, scopeName);
          if (!team) {
            outcome.rejections.push({
              line,
              reason: `scopeName: no team named '${scopeName}' (import teams first)`,
            });
            continue;
          }
          scopeId = team.id;
        } else if (scopeType === 'rep') {
          const rep = await ctx.reps.find(tx, scopeName);
          if (!rep) {
            outcome.rejections.push({ line, reason: `scopeName: no rep '${scopeName}' (import reps first)` });
            continue;
          }
          scopeId = rep.id;
        }
        const key = {
          tenantId: ctx.tenantId,
          metric: String(values.metric),
          scopeType,
          scopeId,
          grain: String(values.grain) as ObjectiveGrain,
          periodStart: new Date(`${String(values.periodStart)}T00:00:00Z`),
        };
        const target = num(values.target) ?? 0;
        const existing = await tx.objective.findUnique({
          where: { tenantId_metric_scopeType_scopeId_grain_periodStart: key },
          select: { id: true },
        });
        if (existing) {
          await tx.objective.update({ where: { id: existing.id }, data: { target } });
          outcome.updated += 1;
        } else {
          await tx.objective.create({ data: { ...key, target } });
          outcome.inserted += 1;
        }
      }
      return outcome;
    },
  };
}
