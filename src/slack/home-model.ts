import type { WebClient } from '@slack/web-api';
import { ask } from '../app/ask.ts';
import { identifyChatUser } from '../app/chat-identity.ts';
import type { KpiAnswer } from '../core/answer.ts';
import { ensureTenant } from '../store/tenants.ts';
import type { HomeModel, HomeUser } from './blocks/index.ts';
import type { SlackDeps } from './deps.ts';
import { fetchSlackProfile } from './slack-user-profile.ts';

/** The figures the Home tab shows, as the questions a user would type (answered with their own access). */
const MY_QUESTIONS = {
  en: [
    'my revenue signed this week',
    'my revenue signed this month',
    'my deals won this week',
    'my deals won this month',
    'my meetings this week',
    'my meetings this month',
  ],
  fr: [
    'mon CA signé cette semaine',
    'mon CA signé ce mois-ci',
    'mes affaires gagnées cette semaine',
    'mes affaires gagnées ce mois-ci',
    'mes rendez-vous cette semaine',
    'mes rendez-vous ce mois-ci',
  ],
} as const;

const TEAM_QUESTIONS = {
  en: ['revenue signed this month', 'win rate this month', 'meetings this week', 'qualified leads this week'],
  fr: [
    'CA signé ce mois-ci',
    'taux de gain ce mois-ci',
    'rendez-vous cette semaine',
    'leads qualifiés cette semaine',
  ],
} as const;

/**
 * The App Home of one Slack user: who they are, their figures this week and month against target, their team's
 * headline KPIs (the whole company when they belong to no team). Alerts and subscriptions come in later releases.
 */
export async function buildHomeModel(
  deps: SlackDeps,
  client: WebClient,
  tenantId: string,
  userId: string,
): Promise<HomeModel> {
  const { ctx } = deps;
  const now = deps.now();
  const tenant = await ensureTenant(ctx.db.prisma, tenantId, ctx.tenantDefaults);
  const identity = await identifyChatUser(
    ctx,
    { platform: 'slack', tenantId, userId, lookup: () => fetchSlackProfile(client, userId) },
    now,
  );
  const lang = identity.lang ?? tenant.lang;
  const rep = identity.repId ? await ctx.db.prisma.rep.findUnique({ where: { id: identity.repId } }) : null;
  const team = rep?.teamId ? await ctx.db.prisma.team.findUnique({ where: { id: rep.teamId } }) : null;
  const user: HomeUser | null = rep ? { name: rep.name, role: rep.role, team: team?.name ?? null } : null;

  const answer = async (text: string): Promise<KpiAnswer | null> => {
    const result = await ask(ctx, {
      tenantId,
      text,
      user: rep ? { repId: rep.id } : { email: null },
      now,
      lang,
    });
    return result.kind === 'answer' ? result.answer : null;
  };
  const teamScope = team ? ` ${lang === 'fr' ? 'équipe' : 'team'} ${team.name}` : '';
  const [myFigures, teamFigures] = await Promise.all([
    rep ? Promise.all(MY_QUESTIONS[lang].map(answer)) : Promise.resolve([]),
    Promise.all(TEAM_QUESTIONS[lang].map((q) => answer(`${q}${teamScope}`))),
  ]);
  return {
    lang,
    user,
    myFigures: myFigures.filter((a): a is KpiAnswer => a !== null),
    teamFigures: teamFigures.filter((a): a is KpiAnswer => a !== null),
    alerts: [],
    subscriptions: [],
  };
}
