import { type EvaluationSummary, evaluateAlerts, syncAlertRules } from '../app/alerts/index.ts';
import type { AppContext } from '../app/context.ts';
import { demoAlertRules } from '../connectors/demo/demo-alert-rules.ts';
import type { AlertRoute } from '../core/alerts/index.ts';

export interface DemoAlerts {
  summary: EvaluationSummary;
  /** What to print in the terminal. */
  lines: string[];
}

/**
 * `KPIBOT_DEMO_CHANNEL`: where the demo's alerts are posted — a Slack channel id (`C0123ABC` or `slack:C0123ABC`)
 * or a Teams conversation id (`teams:19:…@thread.tacv2`). A bare id goes to Slack when Slack is configured, else
 * to Teams. Unset: the alerts are only printed here (and DMed to reps who map themselves with /kpi map).
 */
export function demoChannel(
  value: string | undefined,
  configured: { slack: boolean; teams: boolean },
): { platform: 'slack' | 'teams'; id: string } | null {
  const text = value?.trim();
  if (!text) return null;
  const m = /^(slack|teams):(.+)$/.exec(text);
  if (m) return { platform: m[1] as 'slack' | 'teams', id: m[2]!.trim() };
  return { platform: configured.slack || !configured.teams ? 'slack' : 'teams', id: text };
}

/**
 * Installs the demo's alert rules (one per planted story; updated in place on the next start) and evaluates them
 * once, so the terminal shows what fired. The messages wait in the outbox for the worker's dispatch. When a demo
 * channel is given, it is allowed to show rep figures: the demo's rep alerts are meant to be seen there.
 */
export async function installDemoAlerts(
  ctx: AppContext,
  tenantId: string,
  env: Readonly<Record<string, string | undefined>>,
  now: Date,
): Promise<DemoAlerts> {
  const channel = demoChannel(env.KPIBOT_DEMO_CHANNEL, {
    slack: Boolean(ctx.config.slack.botToken || ctx.config.slack.clientId),
    teams: Boolean(ctx.config.teams.appId),
  });
  const routing: AlertRoute[] = channel
    ? [{ to: 'channel', platform: channel.platform, id: channel.id }]
    : [{ to: 'owner' }, { to: 'manager' }];
  if (channel) await allowRepDetail(ctx, tenantId, channel.id);
  const synced = await syncAlertRules(ctx, tenantId, demoAlertRules(routing), {
    source: 'demo',
    createdBy: 'kpibot demo',
  });
  const summary = await evaluateAlerts(ctx, tenantId, { now });
  const lines = [
    `Alert rules: ${synced.created.length + synced.updated.length + synced.unchanged} demo rules (kpibot alerts list), evaluated now:`,
  ];
  for (const a of summary.fired) lines.push(`  FIRING [${a.alertId}] ${a.scopeLabel}: ${a.headline}`);
  if (summary.fired.length === 0) {
    const open = await ctx.db.prisma.alertState.count({ where: { tenantId, state: 'firing' } });
    lines.push(
      open > 0
        ? `  nothing new: ${open} alert(s) already firing since an earlier start (kpibot alerts list).`
        : '  nothing fired.',
    );
  }
  // Why a story's rule said nothing (e.g. too early in the month for pace), once per rule.
  const told = new Set<string>();
  for (const x of summary.skipped) {
    if (told.has(x.ruleName) || x.code !== 'too_early') continue;
    told.add(x.ruleName);
    lines.push(`  not judged yet: ${x.ruleName} — ${x.reason}`);
  }
  for (const e of [...summary.errors, ...synced.problems.map((p) => ({ ruleName: 'demo', message: p }))]) {
    lines.push(`  problem: ${e.ruleName}: ${e.message}`);
  }
  lines.push(
    channel
      ? `  Posted to ${channel.platform} ${channel.id} by the worker (that channel may show rep figures in the demo).`
      : '  Set KPIBOT_DEMO_CHANNEL=<Slack channel id> (or teams:<conversation id>) to have them posted in chat.',
  );
  return { summary, lines };
}

/** Tenant setting `channels.<id>.repDetail = true`, leaving the other settings as they are. */
async function allowRepDetail(ctx: AppContext, tenantId: string, channelId: string): Promise<void> {
  const tenant = await ctx.db.prisma.tenant.findUnique({ where: { id: tenantId } });
  const settings = (tenant?.settings ?? {}) as { channels?: Record<string, Record<string, unknown>> };
  if (settings.channels?.[channelId]?.repDetail === true) return;
  const channels = {
    ...settings.channels,
    [channelId]: { ...settings.channels?.[channelId], repDetail: true },
  };
  await ctx.db.prisma.tenant.update({
    where: { id: tenantId },
    data: { settings: { ...settings, channels } as object },
  });
}
