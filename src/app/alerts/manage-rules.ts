import {
  type AlertRoute,
  type AlertRuleSpec,
  type AlertRuleSpecInput,
  alertRuleSpecSchema,
  describeSpecIssues,
  type Lang,
} from '../../core/alerts/index.ts';
import type { AlertRule } from '../../generated/prisma/client.ts';
import { ensureTenant } from '../../store/tenants.ts';
import type { AppContext } from '../context.ts';
import { ruleProblem, ScopeResolver } from './plan.ts';
import { loadRule, ruleRowData } from './rule-store.ts';

export type AlertRuleErrorCode =
  | 'invalid_rule'
  | 'unknown_metric'
  | 'unknown_team'
  | 'unknown_rep'
  | 'unsupported_rule'
  | 'duplicate_name'
  | 'no_route'
  | 'unknown_rule'
  | 'ambiguous_rule'
  | 'unknown_alert'
  | 'not_firing'
  | 'conflict';

/** A rule that cannot be created or found; `message` is for the user, in their language. */
export class AlertRuleError extends Error {
  constructor(
    readonly code: AlertRuleErrorCode,
    message: string,
    readonly lang: Lang,
  ) {
    super(message);
  }
}

export type AlertRuleRow = AlertRule & { spec: AlertRuleSpec | null; problem: string | null };

function withSpec(ctx: AppContext, row: AlertRule): AlertRuleRow {
  const loaded = loadRule(row, ctx.catalog);
  return loaded.ok
    ? { ...row, spec: loaded.rule.spec, problem: null }
    : { ...row, spec: null, problem: loaded.message };
}

/**
 * A spec checked against the tenant: the schema's defaults applied, a metric of the catalog, scope names that
 * resolve (a team, a rep by email or name), a fan-out and kind the metric supports, at least one route.
 */
export async function validateAlertRule(
  ctx: AppContext,
  tenantId: string,
  input: AlertRuleSpec | AlertRuleSpecInput,
  opts: { defaultRoute?: AlertRoute | undefined; lang?: Lang | undefined } = {},
): Promise<AlertRuleSpec> {
  const tenant = await ensureTenant(ctx.db.prisma, tenantId, ctx.tenantDefaults);
  const hint = (input as { lang?: Lang }).lang ?? opts.lang ?? tenant.lang;
  const fr = hint === 'fr';
  const parsed = alertRuleSpecSchema.safeParse(input);
  if (!parsed.success) {
    throw new AlertRuleError(
      'invalid_rule',
      `${fr ? 'Règle invalide' : 'Invalid rule'}: ${describeSpecIssues(parsed.error).join('; ')}`,
      hint,
    );
  }
  const spec = parsed.data as AlertRuleSpec;
  const lang = spec.lang ?? hint;
  const metric = ctx.catalog.get(spec.metric);
  if (!metric) {
    throw new AlertRuleError(
      'unknown_metric',
      lang === 'fr'
        ? `Métrique inconnue : ${spec.metric}. \`/kpi list\` donne les métriques.`
        : `Unknown metric: ${spec.metric}. \`/kpi list\` shows the metrics.`,
      lang,
    );
  }
  const problem = ruleProblem(spec, metric, lang);
  if (problem) throw new AlertRuleError('unsupported_rule', problem, lang);
  const scope = await new ScopeResolver(ctx.db.prisma, tenantId).resolve(spec.scope, lang);
  if ('code' in scope) {
    throw new AlertRuleError(
      scope.code === 'unknown_team' ? 'unknown_team' : 'unknown_rep',
      scope.message,
      lang,
    );
  }
  if (spec.routing.length === 0) {
    if (!opts.defaultRoute) {
      throw new AlertRuleError(
        'no_route',
        lang === 'fr'
          ? 'La règle ne dit pas où prévenir : un canal, « owner » (le commercial) ou « manager ».'
          : 'The rule says nowhere to tell: a channel, "owner" (the rep) or "manager".',
        lang,
      );
    }
    spec.routing = [opts.defaultRoute];
  }
  return spec;
}

/**
 * Creates a rule (validated as validateAlertRule does). Names are unique per tenant among live rules,
 * case-insensitively, so that `/kpi alerts mute <name>` names one rule.
 */
export async function createAlertRule(
  ctx: AppContext,
  input: {
    tenantId: string;
    spec: AlertRuleSpec | AlertRuleSpecInput;
    createdBy?: string | null | undefined;
    source: 'chat' | 'file';
    defaultRoute?: AlertRoute | undefined;
  },
): Promise<AlertRuleRow> {
  const spec = await validateAlertRule(ctx, input.tenantId, input.spec, { defaultRoute: input.defaultRoute });
  const lang = spec.lang ?? (await ensureTenant(ctx.db.prisma, input.tenantId, ctx.tenantDefaults)).lang;
  const clash = await ctx.db.prisma.alertRule.findFirst({
    where: {
      tenantId: input.tenantId,
      deletedAt: null,
      name: { equals: spec.name, mode: 'insensitive' },
    },
    select: { id: true },
  });
  if (clash) {
    throw new AlertRuleError(
      'duplicate_name',
      lang === 'fr'
        ? `Une règle s'appelle déjà « ${spec.name} » : choisissez un autre nom ou supprimez-la d'abord.`
        : `A rule named “${spec.name}” already exists: pick another name or delete it first.`,
      lang,
    );
  }
  const row = await ctx.db.prisma.alertRule.create({
    data: {
      tenantId: input.tenantId,
      ...ruleRowData(spec),
      source: input.source,
      createdBy: input.createdBy ?? null,
    },
  });
  return withSpec(ctx, row);
}

/**
 * A live rule by id, id prefix (at least 6 characters, as lists show them) or exact name (any case); null when
 * none; an AlertRuleError when a prefix or name matches several.
 */
export async function findAlertRule(
  ctx: AppContext,
  tenantId: string,
  ref: string,
  lang: Lang = 'en',
): Promise<AlertRuleRow | null> {
  const text = ref.trim();
  if (!text) return null;
  const prisma = ctx.db.prisma;
  const live = { tenantId, deletedAt: null };
  const exact = await prisma.alertRule.findFirst({ where: { ...live, id: text } });
  if (exact) return withSpec(ctx, exact);
  const candidates =
    text.length >= 6 && /^[0-9a-f-]+$/i.test(text)
      ? await prisma.alertRule.findMany({
          where: { ...live, id: { startsWith: text.toLowerCase() } },
          take: 2,
        })
      : [];
  const named =
    candidates.length > 0
      ? candidates
      : await prisma.alertRule.findMany({
          where: { ...live, name: { equals: text, mode: 'insensitive' } },
          take: 2,
        });
  if (named.length > 1) {
    throw new AlertRuleError(
      'ambiguous_rule',
      lang === 'fr'
        ? `« ${text} » désigne plusieurs règles : donnez plus de caractères de l'identifiant.`
        : `“${text}” matches several rules: give more characters of the id.`,
      lang,
    );
  }
  return named[0] ? withSpec(ctx, named[0]) : null;
}

async function findOrFail(ctx: AppContext, tenantId: string, ref: string, lang: Lang): Promise<AlertRuleRow> {
  const rule = await findAlertRule(ctx, tenantId, ref, lang);
  if (!rule) {
    throw new AlertRuleError(
      'unknown_rule',
      lang === 'fr'
        ? `Aucune règle « ${ref} ». \`/kpi alerts list\` les montre.`
        : `No rule “${ref}”. \`/kpi alerts list\` shows them.`,
      lang,
    );
  }
  return rule;
}

/** Mutes (nothing is told, evaluations go on and are recorded) or unmutes a rule. */
export async function setAlertRuleMuted(
  ctx: AppContext,
  tenantId: string,
  ref: string,
  muted: boolean,
  lang: Lang = 'en',
): Promise<AlertRuleRow> {
  const rule = await findOrFail(ctx, tenantId, ref, lang);
  const row = await ctx.db.prisma.alertRule.update({ where: { id: rule.id }, data: { muted } });
  return withSpec(ctx, row);
}

/**
 * Deletes a rule (soft: its history stays readable by /kpi why) and closes its open alerts without telling
 * anyone: a deleted rule has nothing more to say. Each closed state records a `resolved` event saying so.
 */
export async function deleteAlertRule(
  ctx: AppContext,
  tenantId: string,
  ref: string,
  opts: { lang?: Lang; now?: Date } = {},
): Promise<AlertRuleRow> {
  const lang = opts.lang ?? 'en';
  const now = opts.now ?? new Date();
  const rule = await findOrFail(ctx, tenantId, ref, lang);
  const row = await ctx.db.prisma.$transaction(async (tx) => {
    const open = await tx.alertState.findMany({
      where: { tenantId, ruleId: rule.id, state: { in: ['firing', 'pending'] } },
    });
    if (open.length > 0) {
      await tx.alertState.updateMany({
        where: { id: { in: open.map((s) => s.id) } },
        data: { state: 'ok', pendingCount: 0, firingSince: null },
      });
      await tx.alertEvent.createMany({
        data: open.map((s) => ({
          tenantId,
          ruleId: rule.id,
          scopeKey: s.scopeKey,
          type: 'resolved',
          detail: { stateId: s.id, decision: 'resolved:rule_deleted', silent: true },
          at: now,
        })),
      });
    }
    return tx.alertRule.update({ where: { id: rule.id }, data: { deletedAt: now } });
  });
  return withSpec(ctx, row);
}

export interface ListedAlertRule {
  id: string;
  name: string;
  spec: AlertRuleSpec | null;
  /** Why the stored rule cannot be evaluated (then spec is null), or its last evaluation error. */
  problem: string | null;
  muted: boolean;
  source: string;
  createdBy: string | null;
  createdAt: Date;
  states: { firing: number; pending: number; total: number };
  /** Open alerts: their ids (as messages show them), scope keys and since when they fire. */
  firing: Array<{ stateId: string; alertId: string; scopeKey: string; firingSince: Date | null }>;
  lastEvaluated: Date | null;
}

/** The tenant's live rules with their states (firing/pending counts, open alerts, last evaluation). */
export async function listAlertRules(ctx: AppContext, tenantId: string): Promise<ListedAlertRule[]> {
  const prisma = ctx.db.prisma;
  const rows = await prisma.alertRule.findMany({
    where: { tenantId, deletedAt: null },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [states, stateCounts, errors] = await Promise.all([
    prisma.alertState.findMany({
      where: { tenantId, ruleId: { in: ids }, state: { in: ['firing', 'pending'] } },
      select: { id: true, ruleId: true, scopeKey: true, state: true, firingSince: true },
      orderBy: { firingSince: 'asc' },
    }),
    prisma.alertState.groupBy({
      by: ['ruleId'],
      where: { tenantId, ruleId: { in: ids } },
      _count: { _all: true },
    }),
    prisma.alertEvent.findMany({
      where: { tenantId, ruleId: { in: ids }, type: 'error' },
      orderBy: { at: 'desc' },
      distinct: ['ruleId'],
      select: { ruleId: true, detail: true, at: true },
    }),
  ]);
  const counts = new Map(stateCounts.map((g) => [g.ruleId, g._count._all]));
  const lastError = new Map(errors.map((e) => [e.ruleId, e]));
  return rows.map((row) => {
    const r = withSpec(ctx, row);
    const mine = states.filter((s) => s.ruleId === row.id);
    const last = row.lastEvaluatedAt;
    const error = lastError.get(row.id);
    // An error older than the last successful evaluation is history, not a current problem.
    const currentError =
      error && (!last || error.at.getTime() >= last.getTime())
        ? ((error.detail as { message?: string }).message ?? null)
        : null;
    return {
      id: row.id,
      name: row.name,
      spec: r.spec,
      problem: r.problem ?? currentError,
      muted: row.muted,
      source: row.source,
      createdBy: row.createdBy,
      createdAt: row.createdAt,
      states: {
        firing: mine.filter((s) => s.state === 'firing').length,
        pending: mine.filter((s) => s.state === 'pending').length,
        total: counts.get(row.id) ?? 0,
      },
      firing: mine
        .filter((s) => s.state === 'firing')
        .map((s) => ({
          stateId: s.id,
          alertId: s.id.slice(0, 8),
          scopeKey: s.scopeKey,
          firingSince: s.firingSince,
        })),
      lastEvaluated: last,
    };
  });
}
