import type { Viewer } from '../core/access/decide-access.ts';
import type { Prisma } from '../store/database.ts';

export interface ViewerIdentity {
  viewer: Viewer;
  rep: { id: string; name: string; email: string | null; teamId: string | null } | null;
}

const anonymous: ViewerIdentity = {
  viewer: { repId: null, role: 'viewer', teamId: null, managedTeamIds: [] },
  rep: null,
};

/** The asking user as the access rules see them: a rep (by id or email) with their role and managed teams; a
 * user who maps to no rep is a viewer. `system` (the CLI without --user, scheduled jobs) sees everything. */
export async function resolveViewer(
  prisma: Prisma,
  tenantId: string,
  user: { repId?: string | null; email?: string | null; system?: boolean },
): Promise<ViewerIdentity> {
  if (user.system)
    return { viewer: { repId: null, role: 'admin', teamId: null, managedTeamIds: [] }, rep: null };
  const where = user.repId
    ? { id: user.repId, tenantId }
    : user.email
      ? { tenantId, email: { equals: user.email.trim(), mode: 'insensitive' as const } }
      : null;
  if (!where) return anonymous;
  const rep = await prisma.rep.findFirst({ where });
  if (!rep) return anonymous;
  const managed = await prisma.team.findMany({
    where: { tenantId, managerRepId: rep.id },
    select: { id: true },
  });
  const managedTeamIds = managed.map((t) => t.id);
  if (rep.role === 'manager' && rep.teamId && !managedTeamIds.includes(rep.teamId))
    managedTeamIds.push(rep.teamId);
  return {
    viewer: { repId: rep.id, role: rep.role, teamId: rep.teamId, managedTeamIds },
    rep: { id: rep.id, name: rep.name, email: rep.email, teamId: rep.teamId },
  };
}
