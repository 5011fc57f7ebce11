import type { RepVisibility } from '../../core/access/decide-access.ts';
import type { AlertRuleSpec, Lang } from '../../core/alerts/types.ts';
import { ensureTenant } from '../../store/tenants.ts';
import {
  type AlertRuleRow,
  deleteAlertRule,
  findAlertRule,
  listAlertRules,
  setAlertRuleMuted,
} from '../alerts/index.ts';
import type { AskResult } from '../ask.ts';
import type { AppContext } from '../context.ts';
import { type AlertSubject, alertSubject, mayManageRule, mayReadAlert, NO_SCOPE } from './alert-access.ts';
import { describeRule } from './describe-rule.ts';
import { attempt, failure, info } from './replies.ts';
import type { ChatCommandEnv } from './types.ts';

/** More rules than this are summed up in one closing line: a chat message is no admin console. */
const MAX_LISTED = 40;
const MAX_ALERT_IDS = 5;

/** `/kpi alerts list`: the rules whose figures the asker may see, with their open alerts' ids for `/kpi why`. */
export async function listRules(ctx: AppContext, env: ChatCommandEnv): Promise<AskResult> {
  const { lang } = env;
  const fr = lang === 'fr';
  const tenant = await ensureTenant(ctx.db.prisma, env.tenantId, ctx.tenantDefaults);
  const rules = await listAlertRules(ctx, env.tenantId);
  const subjects = subjectsOf(ctx, env.tenantId);
  const visible: typeof rules = [];
  for (const rule of rules) {
    if (env.identity.viewer.role === 'admin') visible.push(rule);
    else if (mayReadAlert(env.identity.viewer, tenant.repVisibility, await subjects(rule.spec))) {
      visible.push(rule);
    }
  }
  if (visible.length === 0) {
    return info(lang, fr ? 'Aucune règle d’alerte' : 'No alert rules', [
      fr
        ? 'Créez-en une : `/kpi alertes ajouter taux de réussite baisse de 20 % vs semaine précédente` ou `/kpi alertes ajouter CA signé rythme < 80 % de l’objectif mensuel`.'
        : 'Create one: `/kpi alerts add win rate drops 20% vs previous week` or `/kpi alerts add revenue signed pace < 80% of target monthly`.',
    ]);
  }
  const lines = visible.slice(0, MAX_LISTED).map((rule) => {
    const metric = rule.spec ? ctx.catalog.get(rule.spec.metric) : undefined;
    const words = rule.spec
      ? describeRule(
          rule.spec,
          { label: metric?.label[lang] ?? rule.spec.metric, format: metric?.format ?? 'number' },
          lang,
        )
      : '';
    const status: string[] = [];
    if (rule.muted) status.push(fr ? '🔇 en pause' : '🔇 muted');
    if (rule.states.firing > 0) {
      const ids = rule.firing.slice(0, MAX_ALERT_IDS).map((f) => `\`${f.alertId}\``);
      const more = rule.firing.length > MAX_ALERT_IDS ? ' …' : '';
      status.push(`🔴 ${rule.states.firing} ${fr ? 'active(s)' : 'firing'} (${ids.join(', ')}${more})`);
    }
    if (rule.states.pending > 0) status.push(`🟡 ${rule.states.pending} ${fr ? 'en attente' : 'pending'}`);
    if (rule.problem) status.push(`⚠️ ${rule.problem}`);
    if (status.length === 0) status.push(fr ? '🟢 rien à signaler' : '🟢 all clear');
    return `*${rule.name}* \`${rule.id.slice(0, 8)}\` — ${words} ${status.join(' · ')}`.replace(/\s+/g, ' ');
  });
  if (visible.length > MAX_LISTED) {
    lines.push(
      fr
        ? `… et ${visible.length - MAX_LISTED} autres règles.`
        : `… and ${visible.length - MAX_LISTED} more rules.`,
    );
  }
  lines.push(
    fr
      ? '`/kpi pourquoi <id>` explique une alerte · `/kpi alertes pause|reprendre|supprimer <id>`'
      : '`/kpi why <id>` explains an alert · `/kpi alerts mute|unmute|delete <id>`',
  );
  const title = fr
    ? `${visible.length} règle(s) d’alerte`
    : `${visible.length} alert rule${visible.length > 1 ? 's' : ''}`;
  return info(lang, title, lines);
}

/** Rules share a few scopes: each is resolved once per listing. */
function subjectsOf(ctx: AppContext, tenantId: string) {
  const memo = new Map<string, Promise<AlertSubject>>();
  return (spec: AlertRuleSpec | null): Promise<AlertSubject> => {
    const s = spec ?? NO_SCOPE;
    const key = JSON.stringify([s.scope.team, s.scope.rep, s.scope.channel, s.fanOut]);
    let hit = memo.get(key);
    if (!hit) {
      hit = alertSubject(ctx.db.prisma, tenantId, s);
      memo.set(key, hit);
    }
    return hit;
  };
}

/**
 * `mute|unmute|delete <id or name>`: whoever could create the rule may change it, and its creator always may.
 * Muting keeps evaluating (and recording) without telling; deleting closes its open alerts silently.
 */
export async function changeRule(
  ctx: AppContext,
  change: 'mute' | 'unmute' | 'delete',
  ref: string,
  env: ChatCommandEnv,
): Promise<AskResult> {
  const { lang } = env;
  const fr = lang === 'fr';
  const verb = {
    mute: fr ? 'pause' : 'mute',
    unmute: fr ? 'reprendre' : 'unmute',
    delete: fr ? 'supprimer' : 'delete',
  }[change];
  if (!ref.trim()) {
    return failure(
      lang,
      'bad_usage',
      fr
        ? `Quelle règle ? \`/kpi alertes ${verb} <id ou nom>\` — \`/kpi alertes\` les liste avec leur identifiant.`
        : `Which rule? \`/kpi alerts ${verb} <id or name>\` — \`/kpi alerts\` lists them with their ids.`,
    );
  }
  const found = await attempt(() => findAlertRule(ctx, env.tenantId, ref, lang));
  if (!found.ok) return found.reply;
  const rule = found.value;
  if (!rule) {
    return failure(
      lang,
      'unknown_rule',
      fr
        ? `Aucune règle « ${ref.trim()} ». \`/kpi alertes\` les liste avec leur identifiant.`
        : `No rule “${ref.trim()}”. \`/kpi alerts\` lists them with their ids.`,
    );
  }
  const tenant = await ensureTenant(ctx.db.prisma, env.tenantId, ctx.tenantDefaults);
  const denied = await refusal(ctx, env, rule, tenant.repVisibility);
  if (denied) return denied;
  const id = rule.id.slice(0, 8);
  if (change === 'delete') {
    const done = await attempt(() => deleteAlertRule(ctx, env.tenantId, rule.id, { lang, now: env.now }));
    if (!done.ok) return done.reply;
    return info(lang, fr ? `Règle supprimée : ${rule.name}` : `Rule deleted: ${rule.name}`, [
      fr
        ? 'Ses alertes en cours sont closes sans message ; son historique reste lisible avec `/kpi pourquoi`.'
        : 'Its open alerts are closed without a message; its history stays readable with `/kpi why`.',
    ]);
  }
  const muted = change === 'mute';
  const already = rule.muted === muted;
  const done = await attempt(() => setAlertRuleMuted(ctx, env.tenantId, rule.id, muted, lang));
  if (!done.ok) return done.reply;
  const title = muted
    ? fr
      ? `Règle en pause : ${rule.name}`
      : `Rule muted: ${rule.name}`
    : fr
      ? `Règle réactivée : ${rule.name}`
      : `Rule unmuted: ${rule.name}`;
  const line = muted
    ? fr
      ? `Elle reste évaluée (et \`/kpi pourquoi\` le montre) mais ne prévient plus personne jusqu’à \`/kpi alertes reprendre ${id}\`.`
      : `It is still evaluated (\`/kpi why\` shows it) but tells nobody until \`/kpi alerts unmute ${id}\`.`
    : fr
      ? 'Elle prévient de nouveau à la prochaine évaluation.'
      : 'It tells again from its next evaluation.';
  const note = already ? [fr ? '(Elle l’était déjà.)' : '(It already was.)'] : [];
  return info(lang, title, [line, ...note]);
}

async function refusal(
  ctx: AppContext,
  env: ChatCommandEnv,
  rule: AlertRuleRow,
  visibility: RepVisibility,
): Promise<AskResult | null> {
  if (rule.createdBy !== null && rule.createdBy === env.actor) return null;
  const spec = rule.spec ?? NO_SCOPE;
  const subject = await alertSubject(ctx.db.prisma, env.tenantId, spec);
  const right = mayManageRule(env.identity.viewer, visibility, subject, env.lang as Lang);
  return right.allowed ? null : failure(env.lang, 'not_allowed', right.message);
}
