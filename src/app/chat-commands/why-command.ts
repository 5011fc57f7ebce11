import { ensureTenant } from '../../store/tenants.ts';
import { explainAlert, findAlertRule } from '../alerts/index.ts';
import type { AskResult } from '../ask.ts';
import {
  alertFigures,
  alertRanges,
  alertStatus,
  chatLineMarkup,
  colon,
  contributorLines,
  formatInstant,
  formatJudged,
} from '../delivery/alert-wording.ts';
import { tenantCurrency } from '../tenant-currency.ts';
import { alertSubject, mayReadAlert, NO_SCOPE } from './alert-access.ts';
import { attempt, failure, info } from './replies.ts';
import type { ChatCommand, ChatCommandEnv } from './types.ts';

/**
 * `/kpi why <alert id | rule>` (`/kpi pourquoi …`): the decision and why — the figure against its bound, the ranges
 * compared, what explains it — and the recent evaluations, for whoever may see the alert's figures.
 */
export const whyCommand: ChatCommand = async (ctx, args, env) => {
  const { lang } = env;
  const fr = lang === 'fr';
  const ref = args
    .trim()
    .replace(/^[`"'«“]+|[`"'»”]+$/g, '')
    .trim();
  if (!ref) {
    return failure(
      lang,
      'bad_usage',
      fr
        ? 'Quelle alerte ? `/kpi pourquoi <id>` — l’identifiant est en bas de chaque message d’alerte, et `/kpi alertes` les liste.'
        : 'Which alert? `/kpi why <id>` — the id is at the bottom of each alert message, and `/kpi alerts` lists them.',
    );
  }
  const found = await attempt(() => explainAlert(ctx, env.tenantId, ref, { lang, limit: 8 }));
  if (!found.ok) return found.reply;
  const ex = found.value;
  if (!ex) {
    return failure(
      lang,
      'unknown_alert',
      fr
        ? `Aucune alerte ni règle « ${ref} ». \`/kpi alertes\` les liste avec leur identifiant.`
        : `No alert or rule “${ref}”. \`/kpi alerts\` lists them with their ids.`,
    );
  }
  const rule = await findAlertRule(ctx, env.tenantId, ex.rule.id, lang).catch(() => null);
  const spec = rule?.spec ?? NO_SCOPE;
  const tenant = await ensureTenant(ctx.db.prisma, env.tenantId, ctx.tenantDefaults);
  const subject = await alertSubject(ctx.db.prisma, env.tenantId, spec, ex.scopeKey ?? '');
  if (!mayReadAlert(env.identity.viewer, tenant.repVisibility, subject)) {
    return failure(
      lang,
      'not_allowed',
      fr
        ? 'Cette alerte porte sur des chiffres que vous ne pouvez pas voir.'
        : 'This alert is about figures you may not see.',
    );
  }
  const catalogMetric = rule?.spec ? ctx.catalog.get(rule.spec.metric) : undefined;
  const metric = ex.view?.metric ?? {
    format: catalogMetric?.format ?? 'number',
    ...(catalogMetric?.format === 'currency'
      ? { currency: await tenantCurrency(ctx.db.prisma, env.tenantId) }
      : {}),
  };
  return explanationReply(ex, { kind: ex.view?.kind ?? rule?.spec?.condition.kind, metric, lang }, env);
};

type Explanation = NonNullable<Awaited<ReturnType<typeof explainAlert>>>;

function explanationReply(
  ex: Explanation,
  judgedBy: Parameters<typeof formatJudged>[1],
  env: ChatCommandEnv,
): AskResult {
  const { lang } = env;
  const fr = lang === 'fr';
  const c = colon(lang);
  const view = ex.view;
  const tz = view?.tz;
  const m = chatLineMarkup({ lang, tz });
  const at = (d: Date | string) => formatInstant(typeof d === 'string' ? d : d.toISOString(), lang, tz);
  const lines: string[] = [];
  if (view) {
    lines.push(`*${view.headline}*`, alertStatus({ ...view, lang }, m));
    const figures = alertFigures({ ...view, lang });
    if (figures.length > 0) lines.push(figures.map((f) => `${f.label}${c} ${f.value}`).join(' · '));
    const ranges = alertRanges({ ...view, lang });
    if (ranges) lines.push(`📅 ${ranges}`);
    const contributors = contributorLines({ ...view, lang });
    if (contributors.length > 0) {
      lines.push(fr ? '*Ce qui l’explique*' : '*What explains it*');
      for (const k of contributors) lines.push(`• ${k.label}${c} ${k.figures}`);
    }
  } else {
    lines.push(fr ? 'Cette règle ne s’est pas déclenchée.' : 'This rule has not fired.');
  }
  if (ex.rule.muted)
    lines.push(
      fr ? '🔇 La règle est en pause : elle ne prévient personne.' : '🔇 The rule is muted: it tells nobody.',
    );
  if (ex.rule.problem) lines.push(`⚠️ ${ex.rule.problem}`);
  const latest = ex.latest;
  if (latest) {
    const when = latest.evaluatedAt ?? latest.at;
    lines.push(
      fr
        ? `*Dernière évaluation* (${at(when)})${c} \`${latest.decision}\` — ${latest.reason}`
        : `*Last evaluation* (${at(when)}): \`${latest.decision}\` — ${latest.reason}`,
    );
    const ranges = alertRanges({ lang, current: latest.current, compared: latest.compared, tz });
    if (ranges && !lines.includes(`📅 ${ranges}`)) lines.push(`📅 ${ranges}`);
  } else {
    lines.push(fr ? 'Pas encore évaluée.' : 'Not evaluated yet.');
  }
  if (ex.recent.length > 0) {
    lines.push(fr ? '*Historique récent*' : '*Recent history*');
    for (const e of ex.recent) {
      const figures =
        e.value !== null
          ? ` ${formatJudged(e.value, judgedBy)}${e.bound !== null ? ` (${fr ? 'seuil' : 'bound'} ${formatJudged(e.bound, judgedBy)})` : ''}`
          : '';
      const decision = e.decision && e.decision !== e.type ? ` \`${e.decision}\`` : '';
      const reason = e.reason ? ` — ${e.reason}` : '';
      lines.push(`• ${at(e.at)} · ${e.type}${decision}${figures}${reason}`);
    }
  }
  const id = ex.stateId ? ex.stateId.slice(0, 8) : ex.rule.id.slice(0, 8);
  return info(lang, `${fr ? 'Pourquoi' : 'Why'} ${id}${c} ${ex.rule.name}`, lines);
}
