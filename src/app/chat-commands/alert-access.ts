import { decideAccess, type RepVisibility, type Viewer } from '../../core/access/decide-access.ts';
import type { AlertRuleSpec, Lang } from '../../core/alerts/types.ts';
import type { Prisma } from '../../store/database.ts';
import { resolveScope } from '../resolve-scope.ts';

/**
 * What a rule or one of its alerts is about, as the access rules read it: one rep, one team, the company, and
 * whether the rule fans out over every rep or team of its scope.
 */
export interface AlertSubject {
  repId: string | null;
  teamId: string | null;
  everyRep: boolean;
  everyTeam: boolean;
}

/** A rule whose stored spec no longer reads: about the company as a whole. */
export const NO_SCOPE: Pick<AlertRuleSpec, 'scope' | 'fanOut'> = { scope: {}, fanOut: null };

export type AlertRight = { allowed: true } | { allowed: false; message: string };

const SYSTEM = {
  viewer: { repId: null, role: 'admin' as const, teamId: null, managedTeamIds: [] },
  rep: null,
};

/**
 * The subject of a rule (scopeKey '' or absent) or of one of its states (`rep:<id>`, `team:<id>`, `channel:<x>`).
 * Scope names that no longer resolve leave the subject company-wide: only admins and managers act on it then.
 */
export async function alertSubject(
  prisma: Prisma,
  tenantId: string,
  spec: Pick<AlertRuleSpec, 'scope' | 'fanOut'>,
  scopeKey = '',
): Promise<AlertSubject> {
  const rep = spec.scope.rep
    ? spec.scope.rep.includes('@')
      ? { kind: 'email' as const, email: spec.scope.rep }
      : { kind: 'name' as const, name: spec.scope.rep }
    : null;
  const resolved = await resolveScope(
    prisma,
    tenantId,
    { rep, team: spec.scope.team ?? null, channel: spec.scope.channel ?? null },
    SYSTEM,
    'en',
  );
  const scope = 'code' in resolved ? null : resolved;
  const subject: AlertSubject = {
    repId: scope?.rep?.id ?? null,
    teamId: scope?.team?.id ?? scope?.rep?.teamId ?? null,
    everyRep: spec.fanOut === 'rep',
    everyTeam: spec.fanOut === 'team',
  };
  const [dimension, id] = splitScopeKey(scopeKey);
  if (dimension === 'rep' && id) {
    const member = await prisma.rep.findFirst({ where: { tenantId, id }, select: { teamId: true } });
    return { repId: id, teamId: member?.teamId ?? subject.teamId, everyRep: false, everyTeam: false };
  }
  if (dimension === 'team' && id) return { ...subject, teamId: id, everyTeam: false };
  return dimension ? { ...subject, everyRep: false, everyTeam: false } : subject;
}

function splitScopeKey(key: string): [string | null, string | null] {
  const cut = key.indexOf(':');
  return cut < 0 ? [null, null] : [key.slice(0, cut), key.slice(cut + 1)];
}

/**
 * Who may create, mute, unmute or delete a rule (DESIGN §10):
 * - an admin, any rule;
 * - a manager, rules about the teams they manage and their reps, and company-wide figures (which everyone sees) —
 *   not another team's, nor every rep of the company unless rep figures are open to all;
 * - a rep, rules about their own figures only (they come to them by DM);
 * - a viewer (or a chat user mapped to no rep), none.
 * Whatever the role, the rule must watch figures the asker may see (decideAccess).
 */
export function mayManageRule(
  viewer: Viewer,
  visibility: RepVisibility,
  subject: AlertSubject,
  lang: Lang,
): AlertRight {
  if (viewer.role === 'admin') return { allowed: true };
  const fr = lang === 'fr';
  if (viewer.role === 'viewer' || viewer.repId === null) {
    return refuse(
      fr
        ? 'Seuls les managers et les admins créent ou modifient des règles d’alerte (un commercial, sur ses propres chiffres). Vous n’êtes associé à aucun commercial : un admin peut vous associer avec `/kpi map @vous email`.'
        : "Only managers and admins create or change alert rules (and reps, on their own figures). You're not mapped to a rep: an admin can map you with `/kpi map @you email`.",
    );
  }
  if (viewer.role === 'rep') {
    if (subject.repId === viewer.repId && !subject.everyRep && !subject.everyTeam) return { allowed: true };
    return refuse(
      fr
        ? 'En tant que commercial, vous pouvez poser des alertes sur vos propres chiffres seulement, par exemple `/kpi alertes ajouter mon CA signé rythme < 80 % mensuel`.'
        : 'As a rep you can set alerts on your own figures only, e.g. `/kpi alerts add my revenue signed pace < 80% monthly`.',
    );
  }
  if (managerMayAct(viewer, visibility, subject)) return { allowed: true };
  return refuse(
    fr
      ? 'En tant que manager, vous pouvez poser des alertes sur les équipes que vous encadrez, leurs commerciaux et les chiffres de la société.'
      : 'As a manager you can set alerts on the teams you manage, their reps and company-wide figures.',
  );
}

/** Ack and snooze: the rep the alert is about, a manager of its team (or any manager for a company-wide alert), an admin. */
export function mayActOnAlert(
  viewer: Viewer,
  visibility: RepVisibility,
  subject: AlertSubject,
  lang: Lang,
): AlertRight {
  if (viewer.role === 'admin') return { allowed: true };
  if (viewer.role === 'rep' && viewer.repId !== null && subject.repId === viewer.repId)
    return { allowed: true };
  if (viewer.role === 'manager' && managerMayAct(viewer, visibility, subject)) return { allowed: true };
  return refuse(
    lang === 'fr'
      ? 'Seuls le commercial concerné, un manager de son équipe ou un admin peuvent prendre en charge ou mettre en pause cette alerte.'
      : 'Only the rep concerned, a manager of their team or an admin can acknowledge or snooze this alert.',
  );
}

/** Reading a rule or an alert (`/kpi alerts`, `/kpi why`): whoever may see its figures. */
export function mayReadAlert(viewer: Viewer, visibility: RepVisibility, subject: AlertSubject): boolean {
  if (subject.everyRep) {
    return decideAccess(viewer, visibility, { rep: { id: '', teamId: subject.teamId } }).allowed;
  }
  return decideAccess(
    viewer,
    visibility,
    subject.repId ? { rep: { id: subject.repId, teamId: subject.teamId } } : { teamId: subject.teamId },
  ).allowed;
}

function managerMayAct(viewer: Viewer, visibility: RepVisibility, subject: AlertSubject): boolean {
  if (!mayReadAlert(viewer, visibility, subject)) return false;
  if (subject.teamId !== null) return viewer.managedTeamIds.includes(subject.teamId);
  if (subject.repId !== null) return false;
  // Company-wide: every team's figures side by side are fine unless teams may only see their own.
  return !(subject.everyTeam && visibility === 'self');
}

function refuse(message: string): AlertRight {
  return { allowed: false, message };
}
