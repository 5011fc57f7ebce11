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
      if (!row) return unknownRep(ref.kind === 'slack' ? `<@${ref.userId}>` : refText(ref), lang);
      rep = row;
    }
  }
  let team: ResolvedScope['team'] = null;
  if (scope.team) {
    const teams = await prisma.team.findMany({ where: { tenantId }, select: { id: true, name: true } });
    team = matchTeam(teams, scope.team);
    if (!team) return unknownTeam(scope.team, teams, lang);
  }
  return { rep, team, channel: scope.channel };
}

/**
 * resolveScope for a rep named by email or name, against the tenant's reps and teams already read (an alert
 * evaluation resolves thousands of rule scopes): the same matches, no query. Emails and names match ignoring case.
 */
export function resolveScopeIn(
  directory: {
    reps: ReadonlyArray<{ id: string; name: string; email: string | null; teamId: string | null }>;
    teams: ReadonlyArray<{ id: string; name: string }>;
  },
  scope: {
    rep: Extract<RepRef, { kind: 'email' | 'name' }> | null;
    team: string | null;
    channel: string | null;
  },
  lang: 'en' | 'fr',
): ResolvedScope | ScopeProblem {
  let rep: ResolvedScope['rep'] = null;
  if (scope.rep) {
    const ref = scope.rep;
    const wanted = refText(ref).toLowerCase();
    const row = directory.reps.find((r) =>
      ref.kind === 'email' ? r.email?.toLowerCase() === wanted : r.name.toLowerCase() === wanted,
    );
    if (!row) return unknownRep(refText(ref), lang);
    rep = { id: row.id, name: row.name, teamId: row.teamId };
  }
  let team: ResolvedScope['team'] = null;
  if (scope.team) {
    const found = matchTeam(directory.teams, scope.team);
    if (!found) return unknownTeam(scope.team, directory.teams, lang);
    team = { id: found.id, name: found.name };
  }
  return { rep, team, channel: scope.channel };
}

function refText(ref: Extract<RepRef, { kind: 'email' | 'name' }>): string {
  return ref.kind === 'email' ? ref.email : ref.name;
}

function unknownRep(who: string, lang: 'en' | 'fr'): ScopeProblem {
  return {
    code: 'unknown_rep',
    message: lang === 'fr' ? `Je ne connais pas le commercial « ${who} ».` : `I don't know the rep “${who}”.`,
  };
}

/** A team by name: the same name once folded (case, accents, punctuation), else the first it starts. */
function matchTeam<T extends { name: string }>(teams: readonly T[], name: string): T | null {
  const wanted = fold(name);
  return (
    teams.find((t) => fold(t.name) === wanted) ?? teams.find((t) => fold(t.name).startsWith(wanted)) ?? null
  );
}

function unknownTeam(name: string, teams: ReadonlyArray<{ name: string }>, lang: 'en' | 'fr'): ScopeProblem {
  const names = teams.map((t) => t.name).join(', ');
  return {
    code: 'unknown_team',
    message:
      lang === 'fr'
        ? `Je ne connais pas l'équipe « ${name} ». Équipes : ${names || 'aucune'}.`
        : `I don't know the team “${name}”. Teams: ${names || 'none yet'}.`,
  };
}

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
