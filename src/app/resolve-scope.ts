import type { RepRef } from '../core/query/index.ts';
import type { Prisma } from '../store/database.ts';
import type { ViewerIdentity } from './viewer.ts';

export interface ResolvedScope {
  rep: { id: string; name: string; teamId: string | null } | null;
  team: { id: string; name: string } | null;
  channel: string | null;
}

export type ScopeProblem = { code: 'unknown_rep' | 'unknown_team' | 'unmapped_user'; message: string };

/** Turns the words of a query's scope ("me", an email, "team emea") into rows of the tenant. */
export async function resolveScope(
  prisma: Prisma,
  tenantId: string,
  scope: { rep: RepRef | null; team: string | null; channel: string | null },
  identity: ViewerIdentity,
  lang: 'en' | 'fr',
  /** Maps a chat user mentioned in the question (<@U…>) to a rep id, asking the platform when needed. */
  resolveMention?: (userId: string) => Promise<string | null>,
): Promise<ResolvedScope | ScopeProblem> {
  let rep: ResolvedScope['rep'] = null;
  if (scope.rep) {
    const ref = scope.rep;
    if (ref.kind === 'me') {
      if (!identity.rep) {
        return {
          code: 'unmapped_user',
          message:
            lang === 'fr'
              ? 'Je ne sais pas encore quel commercial vous êtes. Un admin peut vous associer avec `/kpi map @vous email@société.fr`.'
              : "I don't know which rep you are yet. An admin can map you with `/kpi map @you you@company.com`.",
        };
      }
      rep = { id: identity.rep.id, name: identity.rep.name, teamId: identity.rep.teamId };
    } else {
      const mentioned = ref.kind === 'slack' && resolveMention ? await resolveMention(ref.userId) : null;
      const where = mentioned
        ? { tenantId, id: mentioned }
        : ref.kind === 'email'
          ? { tenantId, email: { equals: ref.email, mode: 'insensitive' as const } }
          : ref.kind === 'slack'
            ? { tenantId, slackUserId: ref.userId }
            : { tenantId, name: { equals: ref.name, mode: 'insensitive' as const } };
      const row = await prisma.rep.findFirst({ where, select: { id: true, name: true, teamId: true } });
      if (!row) {
        const who = ref.kind === 'email' ? ref.email : ref.kind === 'slack' ? `<@${ref.userId}>` : ref.name;
        return {
          code: 'unknown_rep',
          message:
            lang === 'fr' ? `Je ne connais pas le commercial « ${who} ».` : `I don't know the rep “${who}”.`,
        };
      }
      rep = row;
    }
  }
  let team: ResolvedScope['team'] = null;
  if (scope.team) {
    const teams = await prisma.team.findMany({ where: { tenantId }, select: { id: true, name: true } });
    const wanted = fold(scope.team);
    team =
      teams.find((t) => fold(t.name) === wanted) ??
      teams.find((t) => fold(t.name).startsWith(wanted)) ??
      null;
    if (!team) {
      const names = teams.map((t) => t.name).join(', ');
      return {
        code: 'unknown_team',
        message:
          lang === 'fr'
            ? `Je ne connais pas l'équipe « ${scope.team} ». Équipes : ${names || 'aucune'}.`
            : `I don't know the team “${scope.team}”. Teams: ${names || 'none yet'}.`,
      };
    }
  }
  return { rep, team, channel: scope.channel };
}

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
