import type { Breakdown } from '../core/query/index.ts';
import type { Prisma } from '../store/database.ts';

export interface KeyLabel {
  label: string;
  teamId: string | null;
}

/** Display names for breakdown keys: rep and team names, campaign names; channels and stages as imported. */
export async function breakdownLabels(
  prisma: Prisma,
  tenantId: string,
  by: Breakdown,
  keys: string[],
  lang: 'en' | 'fr',
): Promise<Map<string, KeyLabel>> {
  const ids = keys.filter((k) => k !== '' && k !== '*');
  const out = new Map<string, KeyLabel>();
  out.set('', { label: lang === 'fr' ? '(non renseigné)' : '(none)', teamId: null });
  if (ids.length === 0) return out;
  if (by === 'rep') {
    const reps = await prisma.rep.findMany({
      where: { tenantId, id: { in: ids } },
      select: { id: true, name: true, teamId: true },
    });
    for (const r of reps) out.set(r.id, { label: r.name, teamId: r.teamId });
  } else if (by === 'team') {
    const teams = await prisma.team.findMany({
      where: { tenantId, id: { in: ids } },
      select: { id: true, name: true },
    });
    for (const t of teams) out.set(t.id, { label: t.name, teamId: t.id });
  } else if (by === 'campaign') {
    const campaigns = await prisma.campaign.findMany({
      where: { tenantId, id: { in: ids } },
      select: { id: true, name: true },
    });
    for (const c of campaigns) out.set(c.id, { label: c.name, teamId: null });
  } else {
    for (const k of ids) out.set(k, { label: k, teamId: null });
  }
  return out;
}
