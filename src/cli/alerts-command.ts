import { DateTime } from 'luxon';
import {
  type EvaluationSummary,
  evaluateAlerts,
  type ListedAlertRule,
  listAlertRules,
  loadAlertsFile,
} from '../app/alerts/index.ts';
import type { AppContext } from '../app/context.ts';
import { type DeliverPendingSummary, deliverPending } from '../app/delivery/index.ts';
import { parseConfig } from '../config.ts';
import { createLogger } from '../runtime/logger.ts';
import { ensureTenant } from '../store/tenants.ts';
import { openContext } from './boot.ts';
import { type CliIo, say } from './io.ts';
import { parseCommandArgs, UsageError } from './usage.ts';

export const ALERTS_HELP = `Usage: kpibot alerts evaluate [--tenant T] [--now ISO] [--json]
       kpibot alerts list [--tenant T] [--json]

evaluate  judges every alert rule of the tenant now (or at --now, e.g. 2026-11-18T09:00:00+01:00), as the worker
          does every 15 minutes and after each sync: records each evaluation, writes what fires, repeats or
          resolves to the delivery outbox and sends it from here to Slack and Teams when they are configured.
          Evaluating twice at the same minute changes nothing. KPIBOT_ALERTS is loaded first when set.
list      the rules with their kind, scope, routes, open alerts and last evaluation.

Rules are made in chat (/kpi alerts add …) or listed in KPIBOT_ALERTS (README, "Alerts").
Exit codes: 0 ok; 1 a rule could not be evaluated or a message could not be sent; 2 bad usage.`;

/** kpibot alerts …: 0 ok, 1 a rule or a delivery failed, 2 bad usage. */
export async function runAlertsCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv);
  const action = positionals[0];
  if (values.help || action === undefined) {
    say(io.stdout, ALERTS_HELP);
    return action === undefined && !values.help ? 2 : 0;
  }
  if (!['evaluate', 'list'].includes(action) || positionals.length > 1) {
    throw new UsageError(`Unknown alerts action "${positionals.join(' ')}": use evaluate or list.`);
  }
  const now = values.now ? new Date(values.now) : new Date();
  if (Number.isNaN(now.getTime())) {
    throw new UsageError(`--now "${values.now}" is not an ISO instant (e.g. 2026-11-18T09:00:00+01:00).`);
  }
  const config = parseConfig(io.env);
  const tenantId = values.tenant ?? config.sync.tenant;
  const ctx = await openContext(config, createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel));
  try {
    const tenant = await ensureTenant(ctx.db.prisma, tenantId, ctx.tenantDefaults);
    if (action === 'list') {
      const rules = await listAlertRules(ctx, tenantId);
      say(io.stdout, values.json ? JSON.stringify(rules, null, 2) : formatRules(rules, tenantId, tenant.tz));
      return 0;
    }
    if (config.alertsFile) {
      const synced = await loadAlertsFile(ctx, config.alertsFile, { tenantId, now });
      for (const p of synced.problems) say(io.stderr, `KPIBOT_ALERTS: ${p}`);
    }
    const summary = await evaluateAlerts(ctx, tenantId, { now });
    const delivered = summary.deliveryIds.length > 0 ? await deliverHere(ctx, tenantId) : null;
    if (values.json) say(io.stdout, JSON.stringify({ ...summary, delivered }, null, 2));
    else say(io.stdout, formatSummary(summary, tenant.tz, delivered));
    return summary.errors.length > 0 || (delivered?.failed ?? 0) > 0 ? 1 : 0;
  } finally {
    await ctx.db.close();
  }
}

/**
 * Sends the tenant's outbox from this process with the platforms configured here (a running worker would too:
 * each delivery is claimed by one sender only). Null when neither Slack nor Teams is configured.
 */
async function deliverHere(ctx: AppContext, tenantId: string): Promise<DeliverPendingSummary | null> {
  const slack = (await import('../slack/delivery/slack-sender.ts')).createSlackSender(ctx) ?? undefined;
  const teams = ctx.config.teams.appId
    ? (await import('../teams/teams-sender.ts')).createWorkerTeamsSender(ctx)
    : undefined;
  if (!slack && !teams) return null;
  return deliverPending(ctx, { slack, teams }, { tenantId, maxWaitMs: 30_000 });
}

export function formatSummary(
  s: EvaluationSummary,
  tz: string,
  delivered: DeliverPendingSummary | null,
): string {
  const at = DateTime.fromISO(s.at).setZone(tz).toFormat('yyyy-MM-dd HH:mm');
  const lines = [
    `Alerts of tenant ${s.tenantId} at ${at} (${tz}): ${s.rules} rule${s.rules === 1 ? '' : 's'}, ${s.states} evaluated in ${s.ms} ms.`,
  ];
  const section = (title: string, list: EvaluationSummary['fired']) => {
    if (list.length === 0) return;
    lines.push(`${title} (${list.length}):`);
    for (const a of list) {
      lines.push(`  [${a.alertId}] ${a.ruleName} — ${a.scopeLabel}: ${a.headline}`);
      lines.push(`      → ${a.sentTo.length > 0 ? a.sentTo.join(', ') : 'nobody'}`);
      for (const note of a.notes) lines.push(`      ${note}`);
    }
  };
  section('Fired', s.fired);
  section('Reminded', s.repeated);
  section('Resolved', s.resolved);
  if (s.fired.length + s.repeated.length + s.resolved.length === 0)
    lines.push('Nothing fired, repeated or resolved.');
  if (s.skipped.length > 0) {
    lines.push(`Not judged (${s.skipped.length}):`);
    for (const x of s.skipped.slice(0, 10)) lines.push(`  ${x.ruleName} — ${x.scopeLabel}: ${x.reason}`);
    if (s.skipped.length > 10) lines.push(`  … and ${s.skipped.length - 10} more`);
  }
  if (s.errors.length > 0) {
    lines.push(`Rules that could not be evaluated (${s.errors.length}):`);
    for (const e of s.errors) lines.push(`  ${e.ruleName} (${e.ruleId.slice(0, 8)}): ${e.message}`);
  }
  if (s.deliveryIds.length > 0) {
    lines.push(
      delivered
        ? `Messages: ${delivered.sent} sent, ${delivered.failed} failed, ${delivered.pending} left for the worker.`
        : `Messages: ${s.deliveryIds.length} written to the outbox; no Slack or Teams configured here to send them.`,
    );
  }
  return lines.join('\n');
}

function formatRules(rules: readonly ListedAlertRule[], tenantId: string, tz: string): string {
  if (rules.length === 0) {
    return `No alert rule in tenant ${tenantId}: add one in chat (/kpi alerts add …) or in KPIBOT_ALERTS.`;
  }
  const at = (d: Date | null) =>
    d ? DateTime.fromJSDate(d).setZone(tz).toFormat('yyyy-MM-dd HH:mm') : 'never';
  const lines = [`Alert rules of tenant ${tenantId} (times in ${tz}):`];
  for (const r of rules) {
    const spec = r.spec;
    const what = spec
      ? [
          spec.condition.kind,
          spec.metric,
          ...Object.entries(spec.scope).map(([k, v]) => `${k}:${v}`),
          ...(spec.fanOut ? [`by ${spec.fanOut}`] : []),
        ].join(' ')
      : 'invalid';
    const routes = spec
      ? spec.routing.map((x) => (x.to === 'channel' ? `${x.platform}:${x.id}` : x.to)).join(', ')
      : '';
    const status = `${r.states.firing} firing, ${r.states.pending} pending`;
    lines.push(
      `  ${r.id.slice(0, 8)}  ${r.name}${r.muted ? ' (muted)' : ''} [${r.source}] — ${what} → ${routes || '—'}; ${status}; last evaluated ${at(r.lastEvaluated)}`,
    );
    for (const f of r.firing)
      lines.push(`      firing [${f.alertId}] ${f.scopeKey || 'scope'} since ${at(f.firingSince)}`);
    if (r.problem) lines.push(`      problem: ${r.problem}`);
  }
  return lines.join('\n');
}

function parse(argv: string[]) {
  return parseCommandArgs('alerts', argv, {
    tenant: { type: 'string' },
    now: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
}
