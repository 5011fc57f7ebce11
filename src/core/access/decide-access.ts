/**
 * Who may see which figures (DESIGN §10). This is the one place that decides: answers, alerts and digests all
 * ask it. Pure: callers resolve the viewer and the subject from the database first.
 *
 * repVisibility:
 *   open — everyone sees every figure;
 *   team — (default) a rep sees their own figures and team/company aggregates; a manager also sees the reps of
 *          the teams they manage; an admin sees everything;
 *   self — like team, but a rep sees no team aggregates except company-wide totals.
 * A viewer (or a chat user who maps to no rep) sees aggregates only, unless visibility is open.
 */
export type Role = 'admin' | 'manager' | 'rep' | 'viewer';
export type RepVisibility = 'open' | 'team' | 'self';

export interface Viewer {
  repId: string | null;
  role: Role;
  teamId: string | null;
  /** Teams this viewer manages (Team.managerRepId = viewer), plus their own team for a manager. */
  managedTeamIds: readonly string[];
}

export interface Subject {
  /** The figures of one rep (a rep-scoped question, or one row of a by-rep breakdown). */
  rep?: { id: string; teamId: string | null } | null;
  /** A team aggregate. */
  teamId?: string | null;
}

export type AccessDecision = { allowed: true } | { allowed: false; reason: 'rep_hidden' | 'team_hidden' };

export function decideAccess(viewer: Viewer, visibility: RepVisibility, subject: Subject): AccessDecision {
  if (visibility === 'open' || viewer.role === 'admin') return { allowed: true };
  const rep = subject.rep ?? null;
  if (rep) {
    if (viewer.repId !== null && rep.id === viewer.repId && viewer.role !== 'viewer')
      return { allowed: true };
    if (viewer.role === 'manager' && rep.teamId !== null && viewer.managedTeamIds.includes(rep.teamId)) {
      return { allowed: true };
    }
    return { allowed: false, reason: 'rep_hidden' };
  }
  const teamId = subject.teamId ?? null;
  if (teamId !== null && visibility === 'self') {
    const own = teamId === viewer.teamId || viewer.managedTeamIds.includes(teamId);
    if (!own || viewer.role === 'viewer') return { allowed: false, reason: 'team_hidden' };
  }
  return { allowed: true };
}

/** Whether any rep-level figure is involved: chat platforms answer those privately unless the channel allows. */
export function isRepLevel(subject: Subject, breakdownByRep: boolean): boolean {
  return Boolean(subject.rep) || breakdownByRep;
}
