import { DateTime } from 'luxon';
import { formatValue } from '../core/format.ts';
import type { CommandName } from '../core/query/types.ts';
import type { TenantSettings } from '../store/tenants.ts';
import type { InfoReply } from './ask.ts';
import type { AppContext } from './context.ts';
import { syncStatusReply } from './sync-status-reply.ts';
import type { ViewerIdentity } from './viewer.ts';

interface InfoEnv {
  tenant: TenantSettings;
  identity: ViewerIdentity;
  lang: 'en' | 'fr';
  now: Date;
  tz: string;
}

/** help, list, targets, whoami, sync: answered here for every platform. Other commands return null (their callers). */
export async function runInfoCommand(
  ctx: AppContext,
  name: CommandName,
  _args: string,
  env: InfoEnv,
): Promise<InfoReply | null> {
  switch (name) {
    case 'help':
      return help(env.lang);
    case 'list':
      return list(ctx, env.lang);
    case 'targets':
      return targets(ctx, env);
    case 'whoami':
      return whoami(ctx, env);
    case 'sync':
      return syncStatusReply(ctx, env.tenant.id, env.lang, env.tz, env.now);
    default:
      return null;
  }
}

function help(lang: 'en' | 'fr'): InfoReply {
  return lang === 'fr'
    ? {
        kind: 'info',
        lang,
        title: 'kpibot — vos KPI commerciaux et marketing',
        lines: [
          'Posez une question : `/kpi taux de conversion la semaine dernière`',
          '`/kpi CA signé par commercial ce trimestre vs objectif` · `/kpi leads équipe Lyon les 30 derniers jours`',
          '`/kpi taux de réussite par canal en mars vs l’an dernier` · `/kpi mes rdv ce mois-ci`',
          'Ventilations : par commercial, équipe, canal, étape, campagne. Comparaisons : vs période précédente, vs l’an dernier, vs objectif.',
          'Alertes : `/kpi alertes ajouter taux de gain baisse de 20 % vs semaine précédente équipe Paris` · `/kpi alertes` · `/kpi pourquoi <id>`',
          '`/kpi liste` : toutes les métriques · `/kpi objectifs` · `/kpi qui suis-je`',
        ],
      }
    : {
        kind: 'info',
        lang,
        title: 'kpibot — your sales & marketing KPIs',
        lines: [
          'Ask a question: `/kpi conversion last week`',
          '`/kpi revenue signed by rep this quarter vs target` · `/kpi leads team Lyon last 30 days`',
          '`/kpi win rate by channel in March vs last year` · `/kpi my meetings this month`',
          'Breakdowns: by rep, team, channel, stage, campaign. Comparisons: vs previous, vs last year, vs target.',
          'Alerts: `/kpi alerts add win rate drops 20% vs previous week team Paris` · `/kpi alerts` · `/kpi why <id>`',
          '`/kpi list`: every metric · `/kpi targets` · `/kpi whoami`',
        ],
      };
}

function list(ctx: AppContext, lang: 'en' | 'fr'): InfoReply {
  const lines = ctx.catalog.metrics.map((m) => {
    const aliases = m.aliases[lang].slice(0, 3);
    return `*${m.label[lang]}*${aliases.length ? ` (${aliases.join(', ')})` : ''} — ${m.definition[lang]}`;
  });
  return {
    kind: 'info',
    lang,
    title: lang === 'fr' ? `${lines.length} métriques disponibles` : `${lines.length} metrics available`,
    lines,
  };
}

async function targets(ctx: AppContext, env: InfoEnv): Promise<InfoReply> {
  const { lang, tenant } = env;
  const monthStart = DateTime.fromJSDate(env.now, { zone: env.tz }).startOf('month').toISODate()!;
  const rows = await ctx.db.prisma.objective.findMany({
    where: { tenantId: tenant.id, grain: 'month', periodStart: new Date(`${monthStart}T00:00:00Z`) },
    orderBy: [{ scopeType: 'asc' }, { metric: 'asc' }],
  });
  const teamIds = rows.filter((r) => r.scopeType === 'team').map((r) => r.scopeId);
  const repIds = rows.filter((r) => r.scopeType === 'rep').map((r) => r.scopeId);
  const [teams, reps] = await Promise.all([
    ctx.db.prisma.team.findMany({ where: { tenantId: tenant.id, id: { in: teamIds } } }),
    ctx.db.prisma.rep.findMany({ where: { tenantId: tenant.id, id: { in: repIds } } }),
  ]);
  const names = new Map<string, string>([...teams, ...reps].map((x) => [x.id, x.name]));
  const viewer = env.identity.viewer;
  const visible = rows.filter(
    (r) =>
      r.scopeType !== 'rep' ||
      viewer.role === 'admin' ||
      tenant.repVisibility === 'open' ||
      r.scopeId === viewer.repId ||
      (viewer.role === 'manager' &&
        reps.some((p) => p.id === r.scopeId && p.teamId && viewer.managedTeamIds.includes(p.teamId))),
  );
  const lines = visible.slice(0, 40).map((r) => {
    const metric = ctx.catalog.get(r.metric);
    const label = metric?.label[lang] ?? r.metric;
    const who =
      r.scopeType === 'tenant'
        ? lang === 'fr'
          ? 'Société'
          : 'Company'
        : (names.get(r.scopeId) ?? r.scopeId);
    return `${who} — ${label}: ${formatValue(r.target, metric?.format ?? 'number', lang)}`;
  });
  const month = DateTime.fromISO(monthStart)
    .setLocale(lang === 'fr' ? 'fr' : 'en')
    .toFormat('LLLL yyyy');
  return {
    kind: 'info',
    lang,
    title: lang === 'fr' ? `Objectifs de ${month}` : `Targets for ${month}`,
    lines: lines.length
      ? [...lines, ...(visible.length > 40 ? [`… +${visible.length - 40}`] : [])]
      : [
          lang === 'fr'
            ? 'Aucun objectif ce mois-ci. Importez-en : `kpibot import objectives objectifs.csv`.'
            : 'No targets this month. Import some: `kpibot import objectives targets.csv`.',
        ],
  };
}

async function whoami(ctx: AppContext, env: InfoEnv): Promise<InfoReply> {
  const { lang, identity, tenant } = env;
  if (!identity.rep) {
    return {
      kind: 'info',
      lang,
      title: lang === 'fr' ? 'Vous n’êtes associé à aucun commercial' : "You're not mapped to a rep",
      lines: [
        lang === 'fr'
          ? `Vous voyez les chiffres d’équipe et de la société (rôle : lecteur). Visibilité des commerciaux : ${tenant.repVisibility}.`
          : `You see team and company figures (role: viewer). Rep visibility: ${tenant.repVisibility}.`,
      ],
    };
  }
  const team = identity.rep.teamId
    ? await ctx.db.prisma.team.findUnique({ where: { id: identity.rep.teamId } })
    : null;
  return {
    kind: 'info',
    lang,
    title: identity.rep.name,
    lines: [
      `${lang === 'fr' ? 'E-mail' : 'Email'}: ${identity.rep.email ?? '—'}`,
      `${lang === 'fr' ? 'Rôle' : 'Role'}: ${identity.viewer.role}`,
      `${lang === 'fr' ? 'Équipe' : 'Team'}: ${team?.name ?? '—'}`,
      `${lang === 'fr' ? 'Visibilité des commerciaux' : 'Rep visibility'}: ${tenant.repVisibility}`,
    ],
  };
}
