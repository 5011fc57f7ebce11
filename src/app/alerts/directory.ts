import type { Viewer } from '../../core/access/decide-access.ts';
import type { Lang } from '../../core/alerts/index.ts';
import type { Platform } from '../../generated/prisma/client.ts';
import type { Prisma } from '../../store/database.ts';

export interface DirectoryRep {
  id: string;
  name: string;
  email: string | null;
  teamId: string | null;
  role: 'admin' | 'manager' | 'rep' | 'viewer';
  active: boolean;
}

export interface ChatUser {
  platform: Platform;
  userId: string;
}

/**
 * The tenant's teams and reps, read once per evaluation: fan-out members, labels, owners and managers come from
 * here instead of a query per rule.
 */
export class Directory {
  readonly repsById: ReadonlyMap<string, DirectoryRep>;
  readonly teamsById: ReadonlyMap<string, { id: string; name: string; managerRepId: string | null }>;

  private constructor(
    readonly reps: readonly DirectoryRep[],
    readonly teams: ReadonlyArray<{ id: string; name: string; managerRepId: string | null }>,
  ) {
    this.repsById = new Map(reps.map((r) => [r.id, r]));
    this.teamsById = new Map(teams.map((t) => [t.id, t]));
  }

  static async load(prisma: Prisma, tenantId: string): Promise<Directory> {
    const [reps, teams] = await Promise.all([
      prisma.rep.findMany({
        where: { tenantId },
        select: { id: true, name: true, email: true, teamId: true, role: true, active: true },
        orderBy: { name: 'asc' },
      }),
      prisma.team.findMany({
        where: { tenantId },
        select: { id: true, name: true, managerRepId: true },
        orderBy: { name: 'asc' },
      }),
    ]);
    return new Directory(reps, teams);
  }

  private readonly sellersByTeam = new Map<string | null, string[]>();

  /** Reps a by-rep fan-out watches: active sellers (reps and managers), of one team when the rule names it. */
  sellers(teamId: string | null): string[] {
    let ids = this.sellersByTeam.get(teamId);
    if (!ids) {
      ids = this.reps
        .filter((r) => r.active && (r.role === 'rep' || r.role === 'manager'))
        .filter((r) => teamId === null || r.teamId === teamId)
        .map((r) => r.id);
      this.sellersByTeam.set(teamId, ids);
    }
    return ids;
  }

  /** A team's managers: Team.managerRepId and the reps with role manager in it (as the access rules see them). */
  managersOf(teamId: string | null): string[] {
    if (!teamId) return [];
    const ids = new Set<string>();
    const team = this.teamsById.get(teamId);
    if (team?.managerRepId) ids.add(team.managerRepId);
    for (const r of this.reps) if (r.role === 'manager' && r.teamId === teamId && r.active) ids.add(r.id);
    return [...ids];
  }

  /** The access rules' view of a rep (as resolveViewer builds it, without a query). */
  viewerOf(repId: string): Viewer | null {
    const rep = this.repsById.get(repId);
    if (!rep) return null;
    const managed = this.teams.filter((t) => t.managerRepId === rep.id).map((t) => t.id);
    if (rep.role === 'manager' && rep.teamId && !managed.includes(rep.teamId)) managed.push(rep.teamId);
    return { repId: rep.id, role: rep.role, teamId: rep.teamId, managedTeamIds: managed };
  }

  teamLabel(teamId: string, lang: Lang): string {
    const name = this.teamsById.get(teamId)?.name ?? teamId;
    return lang === 'fr' ? `Équipe ${name}` : `Team ${name}`;
  }

  repLabel(repId: string): string {
    return this.repsById.get(repId)?.name ?? repId;
  }
}

/**
 * The chat accounts of reps (their DMs): ChatIdentity rows mapped to them, and the platform ids kept on the rep.
 * Slack user ids are DM targets as they are; Teams users are `user:<id>`, the personal chat's stored reference.
 */
export async function chatUsersOf(
  prisma: Prisma,
  tenantId: string,
  repIds: readonly string[],
): Promise<Map<string, ChatUser[]>> {
  const out = new Map<string, ChatUser[]>();
  if (repIds.length === 0) return out;
  const [identities, reps] = await Promise.all([
    prisma.chatIdentity.findMany({
      where: { tenantId, repId: { in: [...repIds] } },
      select: { platform: true, userId: true, repId: true },
    }),
    prisma.rep.findMany({
      where: { tenantId, id: { in: [...repIds] } },
      select: { id: true, slackUserId: true, teamsUserId: true },
    }),
  ]);
  const add = (repId: string, platform: Platform, userId: string) => {
    const list = out.get(repId) ?? [];
    if (!list.some((u) => u.platform === platform && u.userId === userId)) list.push({ platform, userId });
    out.set(repId, list);
  };
  for (const i of identities) if (i.repId) add(i.repId, i.platform, i.userId);
  for (const r of reps) {
    if (r.slackUserId) add(r.id, 'slack', r.slackUserId);
    if (r.teamsUserId) add(r.id, 'teams', r.teamsUserId);
  }
  return out;
}

/** The outbox target of a user's DM on their platform. */
export function dmTarget(user: ChatUser): string {
  return user.platform === 'teams' ? `user:${user.userId}` : user.userId;
}
