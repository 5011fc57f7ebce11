import type { AlertRuleSpec, AlertRuleSpecInput } from '../../core/alerts/index.ts';
import { readAlertsFile } from '../../store/alerts-file.ts';
import type { AppContext } from '../context.ts';
import { AlertRuleError, deleteAlertRule, validateAlertRule } from './manage-rules.ts';
import { loadRule, ruleRowData } from './rule-store.ts';

export interface RulesSync {
  tenantId: string;
  created: string[];
  updated: string[];
  deleted: string[];
  unchanged: number;
  /** Rules of the file that could not be stored (a chat rule already has the name, no route…). */
  problems: string[];
}

/**
 * Keeps the tenant's KPIBOT_ALERTS rules (source `file`) equal to the file. The file itself must parse
 * (AlertsFileError otherwise, naming each problem's line).
 */
export async function loadAlertsFile(
  ctx: AppContext,
  path: string,
  opts: { tenantId?: string; now?: Date } = {},
): Promise<RulesSync> {
  const tenantId = opts.tenantId ?? ctx.config.sync.tenant;
  const specs = readAlertsFile(path, ctx.catalog);
  const out = await syncAlertRules(ctx, tenantId, specs, { source: 'file', createdBy: path, now: opts.now });
  return out;
}

/**
 * Makes the tenant's rules of one source (a file, the demo) exactly `specs`: rules matched by name (any case) are
 * updated in place (their alert states and history stay), new names are created, names gone are deleted (their
 * open alerts closed silently). A rule naming a team or rep the tenant does not have yet is still stored: its
 * evaluation reports the problem until the data arrives. Rules of other sources are never touched.
 */
export async function syncAlertRules(
  ctx: AppContext,
  tenantId: string,
  specs: ReadonlyArray<AlertRuleSpec | AlertRuleSpecInput>,
  opts: { source: 'file' | 'demo'; createdBy: string; now?: Date | undefined },
): Promise<RulesSync> {
  const prisma = ctx.db.prisma;
  const out: RulesSync = { tenantId, created: [], updated: [], deleted: [], unchanged: 0, problems: [] };
  const live = await prisma.alertRule.findMany({ where: { tenantId, deletedAt: null } });
  const byName = new Map(live.map((r) => [r.name.toLowerCase(), r]));
  const kept = new Set<string>();
  for (const written of specs) {
    let spec = written as AlertRuleSpec;
    try {
      spec = await validateAlertRule(ctx, tenantId, written);
    } catch (error) {
      // Only the tenant's data can be missing here (the file's own checks passed): keep the rule as written.
      const scopeOnly =
        error instanceof AlertRuleError && (error.code === 'unknown_team' || error.code === 'unknown_rep');
      if (!scopeOnly) {
        out.problems.push(`${written.name}: ${(error as Error).message}`);
        kept.add(written.name.toLowerCase()); // a rule already stored stays as it was
        continue;
      }
    }
    const key = spec.name.toLowerCase();
    const existing = byName.get(key);
    if (existing && existing.source !== opts.source) {
      out.problems.push(
        `${spec.name}: a rule from ${existing.source} already has this name; rename one of them to keep both.`,
      );
      continue;
    }
    kept.add(key);
    const data = ruleRowData(spec);
    if (!existing) {
      await prisma.alertRule.create({
        data: { tenantId, ...data, source: opts.source, createdBy: opts.createdBy },
      });
      out.created.push(spec.name);
      continue;
    }
    const current = loadRule(existing, ctx.catalog);
    if (current.ok && JSON.stringify(ruleRowData(current.rule.spec)) === JSON.stringify(data)) {
      out.unchanged += 1;
      continue;
    }
    await prisma.alertRule.update({ where: { id: existing.id }, data });
    out.updated.push(spec.name);
  }
  for (const rule of live) {
    if (rule.source === opts.source && !kept.has(rule.name.toLowerCase())) {
      await deleteAlertRule(ctx, tenantId, rule.id, opts.now ? { now: opts.now } : {});
      out.deleted.push(rule.name);
    }
  }
  return out;
}
