import { decideAccess, type RepVisibility, type Viewer } from '../../core/access/decide-access.ts';
import type { DigestAlertInput } from '../../core/digest/types.ts';
import { normalizePhrase } from '../../core/metrics/index.ts';
import type { AppContext } from '../context.ts';

export interface AlertAudience {
  lang: 'en' | 'fr';
  viewer: Viewer;
  visibility: RepVisibility;
  /** The conversation may see rep-level figures (a channel with rep detail, or open visibility). */
  repDetail: boolean;
  /** The digest's team, or its rep (a rep's own digest); neither: the whole tenant. */
  team: { id: string; name: string } | null;
  rep: { id: string; name: string; teamId: string | null } | null;
}

/**
 * The alerts firing now (AlertState 'firing' of live rules) that belong in a digest: about its scope (its team,
 * its rep, or company-wide) and visible to its audience — an alert about one rep is rep-level data, shown only
 * where rep figures may be (decideAccess, the channel's rep-detail setting, or the rep's own digest).
 */
export async function openAlertsFor(
  ctx: AppContext,
  tenantId: string,
  audience: AlertAudience,
): Promise<DigestAlertInput[]> {
  const p = ctx.db.prisma;
  const states = await p.alertState.findMany({
    where: { tenantId, state: 'firing' },
    orderBy: { firingSince: 'asc' },
    take: 200,
  });
  if (states.length === 0) return [];
  const rules = await p.alertRule.findMany({
    where: { tenantId, id: { in: [...new Set(states.map((s) => s.ruleId))] }, deletedAt: null },
  });
  const rulesById = new Map(rules.map((r) => [r.id, r]));
  const [teams, reps] = await Promise.all([
    p.team.findMany({ where: { tenantId }, select: { id: true, name: true } }),
    p.rep.findMany({ where: { tenantId }, select: { id: true, name: true, email: true, teamId: true } }),
  ]);
  const teamByName = new Map(teams.map((t) => [normalizePhrase(t.name), t]));
  const teamById = new Map(teams.map((t) => [t.id, t]));
  const repById = new Map(reps.map((r) => [r.id, r]));
  const repByRef = (ref: string) =>
    reps.find(
      (r) =>
        (r.email && r.email.toLowerCase() === ref.toLowerCase()) ||
        normalizePhrase(r.name) === normalizePhrase(ref),
    ) ?? null;
  const out: DigestAlertInput[] = [];
  for (const s of states) {
    const rule = rulesById.get(s.ruleId);
    if (!rule || !s.firingSince) continue;
    const scope = (rule.scope ?? {}) as { team?: string; rep?: string; channel?: string };
    const [dim, value] = splitScopeKey(s.scopeKey);
    const rep = dim === 'rep' ? (repById.get(value) ?? null) : scope.rep ? repByRef(scope.rep) : null;
    const teamId =
      dim === 'team'
        ? value
        : scope.team
          ? (teamByName.get(normalizePhrase(scope.team))?.id ?? null)
          : (rep?.teamId ?? null);
    const repLevel = dim === 'rep' || Boolean(scope.rep);
    if (!inScope(audience, { rep, teamId, repLevel })) continue;
    if (repLevel && !repVisible(audience, rep)) continue;
    const metric = ctx.catalog.get(rule.metric);
    const channel = dim === 'channel' ? value : (scope.channel ?? null);
    const scopeLabel = rep?.name ?? (teamId ? teamById.get(teamId)?.name : undefined) ?? channel;
    out.push({
      id: s.id.slice(0, 8),
      ruleName: rule.name,
      metricLabel: metric?.label[audience.lang] ?? rule.metric,
      scopeLabel: channel && scopeLabel !== channel ? `${scopeLabel} · ${channel}` : scopeLabel,
      firingSince: s.firingSince.toISOString(),
      lastValue: s.lastValue,
      format: metric?.format ?? 'number',
    });
  }
  return out;
}

function splitScopeKey(key: string): [string, string] {
  const i = key.indexOf(':');
  return i < 0 ? ['', ''] : [key.slice(0, i), key.slice(i + 1)];
}

function inScope(
  audience: AlertAudience,
  alert: { rep: { id: string; teamId: string | null } | null; teamId: string | null; repLevel: boolean },
): boolean {
  const companyWide = alert.teamId === null && alert.rep === null && !alert.repLevel;
  if (companyWide) return true;
  if (audience.rep) {
    return alert.rep?.id === audience.rep.id || (!alert.repLevel && alert.teamId === audience.rep.teamId);
  }
  if (audience.team) return alert.teamId === audience.team.id || alert.rep?.teamId === audience.team.id;
  return true;
}

function repVisible(audience: AlertAudience, rep: { id: string; teamId: string | null } | null): boolean {
  if (audience.repDetail) return true;
  if (!rep) return false;
  if (audience.rep?.id === rep.id) return true;
  return decideAccess(audience.viewer, audience.visibility, { rep }).allowed;
}
