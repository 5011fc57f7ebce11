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
  const by = user.repId ? 'r.id = $2' : user.email ? 'lower(r.email) = lower($2)' : null;
  if (!by) return anonymous;
  // The rep and the teams they manage in one round trip: this runs before every question a user asks.
  const [rep] = await prisma.$queryRawUnsafe<
    {
      id: string;
      name: string;
      email: string | null;
      teamId: string | null;
      role: Viewer['role'];
      managed: string[];
    }[]
  >(
    `SELECT r.id, r.name, r.email, r."teamId", r.role::text AS role,
       ARRAY(SELECT t.id FROM "Team" t WHERE t."tenantId" = r."tenantId" AND t."managerRepId" = r.id) AS managed
     FROM "Rep" r WHERE r."tenantId" = $1 AND ${by}
     LIMIT 1`,
    tenantId,
    user.repId ?? user.email!.trim(),
  );
  if (!rep) return anonymous;
  const managedTeamIds = [...rep.managed];
  if (rep.role === 'manager' && rep.teamId && !managedTeamIds.includes(rep.teamId))
    managedTeamIds.push(rep.teamId);
  return {
    viewer: { repId: rep.id, role: rep.role, teamId: rep.teamId, managedTeamIds },
    rep: { id: rep.id, name: rep.name, email: rep.email, teamId: rep.teamId },
  };
}
