import { type AlertRoute, type AlertRuleSpec, type Lang, parseAlertRule } from '../../core/alerts/index.ts';
import { ensureTenant } from '../../store/tenants.ts';
import { createAlertRule, previewAlertRule } from '../alerts/index.ts';
import type { AskResult } from '../ask.ts';
import type { AppContext } from '../context.ts';
import { alertSubject, mayManageRule } from './alert-access.ts';
import { changeRule, listRules } from './alert-rules.ts';
import { alertUsage, readAlertSubcommand } from './alert-subcommand.ts';
import { describeRule, lifecycleWords, routeWords } from './describe-rule.ts';
import { attempt, failure, info } from './replies.ts';
import type { ChatCommand, ChatCommandEnv } from './types.ts';

const PREVIEW_WEEKS = 8;

/** `/kpi alerts [add|list|mute|unmute|delete …]`, EN and FR (`/kpi alertes ajouter|liste|pause|reprendre|supprimer`). */
export const alertsCommand: ChatCommand = async (ctx, args, env) => {
  const { sub, rest } = readAlertSubcommand(args);
  switch (sub) {
    case 'add':
      return addRule(ctx, rest, env);
    case 'list':
      return listRules(ctx, env);
    case 'mute':
    case 'unmute':
    case 'delete':
      return changeRule(ctx, sub, rest, env);
    case 'help':
      return info(env.lang, env.lang === 'fr' ? 'Alertes' : 'Alerts', alertUsage(env.lang));
    case 'unknown':
      return failure(
        env.lang,
        'bad_usage',
        env.lang === 'fr'
          ? `Je ne connais pas « ${clip(rest)} » après \`/kpi alertes\`. Pour créer une règle : \`/kpi alertes ajouter ${clip(rest)}\`. Sinon : \`liste\`, \`pause\`, \`reprendre\`, \`supprimer\`.`
          : `I don't know “${clip(rest)}” after \`/kpi alerts\`. To create a rule: \`/kpi alerts add ${clip(rest)}\`. Otherwise: \`list\`, \`mute\`, \`unmute\`, \`delete\`.`,
      );
  }
};

function clip(text: string): string {
  const one = text.replace(/\s+/g, ' ').replace(/`/g, "'");
  return one.length > 120 ? `${one.slice(0, 119)}…` : one;
}

/**
 * `add <rule>`: parsed (EN/FR), checked against the asker's rights, stored, and answered with the rule in words
 * and what it would have done over the last 8 weeks. A rep's rule is about themselves and comes to them by DM;
 * others' rules are posted where they were typed unless they name a channel, the rep or the manager.
 */
async function addRule(ctx: AppContext, text: string, env: ChatCommandEnv): Promise<AskResult> {
  const parsed = parseAlertRule(text, {
    catalog: ctx.catalog,
    lang: env.lang,
    ...(env.platform ? { platform: env.platform } : {}),
  });
  if (!parsed.ok) return failure(parsed.lang, 'bad_rule', parsed.message);
  const lang = parsed.lang;
  const rep = await ruleRep(ctx, parsed.spec.scope.rep, env, lang);
  if (!rep.ok) return rep.reply;
  let spec: AlertRuleSpec = { ...parsed.spec, scope: { ...parsed.spec.scope, rep: rep.value } };
  if (spec.scope.rep === undefined) delete spec.scope.rep;
  const tenant = await ensureTenant(ctx.db.prisma, env.tenantId, ctx.tenantDefaults);
  const subject = await alertSubject(ctx.db.prisma, env.tenantId, spec);
  const right = mayManageRule(env.identity.viewer, tenant.repVisibility, subject, lang);
  if (!right.allowed) return failure(lang, 'not_allowed', right.message);
  const forcedDm = env.identity.viewer.role === 'rep';
  if (forcedDm) spec = { ...spec, routing: [{ to: 'owner' }] };
  const here: AlertRoute | undefined =
    env.platform && env.conversation
      ? { to: 'channel', platform: env.platform, id: env.conversation.id }
      : undefined;
  const created = await attempt(() =>
    createAlertRule(ctx, {
      tenantId: env.tenantId,
      spec,
      createdBy: env.actor,
      source: 'chat',
      ...(here ? { defaultRoute: here } : {}),
    }),
  );
  if (!created.ok) {
    const r = created.reply;
    // Only the terminal has no conversation to default to: say how to name one there.
    if (r.kind === 'error' && r.code === 'no_route') {
      return failure(
        lang,
        'no_route',
        lang === 'fr'
          ? `Ici, pas de conversation où prévenir : ajoutez \`vers #canal\`, \`dm owner\` (le commercial concerné) ou \`dm manager\`, par exemple \`alertes ajouter ${clip(text)} vers #ventes\`.`
          : `There is no conversation to tell here: add \`to #channel\`, \`dm owner\` (the rep concerned) or \`dm manager\`, e.g. \`alerts add ${clip(text)} to #sales\`.`,
      );
    }
    return r;
  }
  const rule = created.value;
  const stored = rule.spec ?? spec;
  const metric = ctx.catalog.get(stored.metric);
  const fr = lang === 'fr';
  const lines = [
    describeRule(
      stored,
      { label: metric?.label[lang] ?? stored.metric, format: metric?.format ?? 'number' },
      lang,
    ),
    `${fr ? 'Évaluation' : 'Checks'}${fr ? '\u00a0:' : ':'} ${lifecycleWords(stored, lang)}`,
    `${fr ? 'Prévient' : 'Tells'}${fr ? '\u00a0:' : ':'} ${routeWords(stored.routing, env.conversation?.id ?? null, lang)}`,
  ];
  if (forcedDm) {
    lines.push(
      fr
        ? 'Les alertes d’un commercial sur ses propres chiffres lui arrivent en message privé.'
        : "A rep's alerts on their own figures come to them by DM.",
    );
  }
  if (parsed.ignored.length > 0) {
    lines.push(
      `${fr ? 'Mots ignorés' : 'Words I ignored'}${fr ? '\u00a0:' : ':'} ${parsed.ignored.join(', ')}`,
    );
  }
  lines.push(...(await previewLines(ctx, env, stored, lang)));
  const id = rule.id.slice(0, 8);
  lines.push(
    fr
      ? `Identifiant \`${id}\` · \`/kpi alertes pause ${id}\` la met en pause, \`/kpi alertes supprimer ${id}\` la supprime.`
      : `Id \`${id}\` · \`/kpi alerts mute ${id}\` mutes it, \`/kpi alerts delete ${id}\` deletes it.`,
  );
  return info(lang, fr ? `Règle d’alerte créée : ${rule.name}` : `Alert rule created: ${rule.name}`, lines);
}

/** What the rule would have done over the last weeks; a failed preview never loses the rule just stored. */
async function previewLines(
  ctx: AppContext,
  env: ChatCommandEnv,
  spec: AlertRuleSpec,
  lang: Lang,
): Promise<string[]> {
  const fr = lang === 'fr';
  const heading = fr
    ? `*Sur les ${PREVIEW_WEEKS} dernières semaines, elle aurait :*`
    : `*Over the last ${PREVIEW_WEEKS} weeks it would have:*`;
  try {
    const preview = await previewAlertRule(ctx, env.tenantId, spec, { now: env.now, weeks: PREVIEW_WEEKS });
    return [heading, ...preview.lines];
  } catch (error) {
    ctx.log.warn({ err: (error as Error).message, tenantId: env.tenantId }, 'alert rule preview failed');
    return [
      fr
        ? 'Aperçu indisponible pour le moment : la règle est bien enregistrée.'
        : 'No preview for now: the rule is saved all the same.',
    ];
  }
}

/**
 * The rep a rule names, as the rule store resolves it (an email, else a name): "me" is the asker, a chat mention
 * is the rep mapped to that user.
 */
async function ruleRep(
  ctx: AppContext,
  rep: string | undefined,
  env: ChatCommandEnv,
  lang: Lang,
): Promise<{ ok: true; value: string | undefined } | { ok: false; reply: AskResult }> {
  if (rep === undefined) return { ok: true, value: undefined };
  const fr = lang === 'fr';
  const label = (r: { email: string | null; name: string }) => ({
    ok: true as const,
    value: r.email ?? r.name,
  });
  if (rep === 'me') {
    if (env.identity.rep) return label(env.identity.rep);
    return {
      ok: false,
      reply: failure(
        lang,
        'unmapped_user',
        fr
          ? 'Je ne sais pas encore quel commercial vous êtes. Un admin peut vous associer avec `/kpi map @vous email@société.fr`.'
          : "I don't know which rep you are yet. An admin can map you with `/kpi map @you you@company.com`.",
      ),
    };
  }
  const mention = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(rep);
  if (!mention?.[1]) return { ok: true, value: rep };
  const userId = mention[1];
  const repId = (await env.resolveMention?.(userId)) ?? null;
  const row = await ctx.db.prisma.rep.findFirst({
    where: { tenantId: env.tenantId, ...(repId ? { id: repId } : { slackUserId: userId }) },
    select: { email: true, name: true },
  });
  if (row) return label(row);
  return {
    ok: false,
    reply: failure(
      lang,
      'unknown_rep',
      fr
        ? `Je ne sais pas quel commercial est <@${userId}>. Un admin peut l’associer avec \`/kpi map <@${userId}> email\`.`
        : `I don't know which rep <@${userId}> is. An admin can map them with \`/kpi map <@${userId}> email\`.`,
    ),
  };
}
