import { DateTime } from 'luxon';
import type { InfoReply } from './ask.ts';
import type { AppContext } from './context.ts';
import { type SourceStatus, sourceStatuses } from './sync/sync-status.ts';

/** `/kpi sync` in chat: each source of the tenant, its last success, last error and (when scheduled) next run. */
export async function syncStatusReply(
  ctx: AppContext,
  tenantId: string,
  lang: 'en' | 'fr',
  tz: string,
  now: Date,
): Promise<InfoReply> {
  const fr = lang === 'fr';
  const statuses = await sourceStatuses(ctx.db.prisma, tenantId, []);
  const every = ctx.config.sync.everyMinutes;
  if (statuses.length === 0) {
    return {
      kind: 'info',
      lang,
      title: fr ? 'Aucune source synchronisée' : 'No source synced yet',
      lines: [
        fr
          ? 'Configurez un connecteur (HubSpot, Salesforce, Pipedrive, GA4 ou un dossier CSV) : voir le README, « Keeping data fresh ».'
          : 'Configure a connector (HubSpot, Salesforce, Pipedrive, GA4 or a CSV folder): see the README, "Keeping data fresh".',
      ],
    };
  }
  const when = (d: Date | null) =>
    d
      ? DateTime.fromJSDate(d, { zone: tz })
          .setLocale(fr ? 'fr' : 'en-GB')
          .toFormat('d LLL HH:mm')
      : '—';
  const lines = statuses.map((s) => line(s, { fr, when, every, now }));
  return {
    kind: 'info',
    lang,
    title: fr ? 'Synchronisation des sources' : 'Data sources',
    lines: [
      ...lines,
      every > 0
        ? fr
          ? `Synchronisation automatique toutes les ${every} min.`
          : `Synced automatically every ${every} min.`
        : fr
          ? 'Pas de synchronisation planifiée (KPIBOT_SYNC_EVERY=0) : `kpibot sync` la lance.'
          : 'No scheduled sync (KPIBOT_SYNC_EVERY=0): run `kpibot sync`.',
    ],
  };
}

function line(
  s: SourceStatus,
  o: { fr: boolean; when: (d: Date | null) => string; every: number; now: Date },
): string {
  const { fr, when } = o;
  const parts = [`*${s.source}*`];
  parts.push(`${fr ? 'dernier succès' : 'last success'} ${when(s.lastSuccessAt)}`);
  if (s.lastRun) {
    const r = s.lastRun;
    parts.push(
      fr
        ? `dernier passage : ${r.status}, ${r.inserted} ajoutés, ${r.updated} mis à jour, ${r.deleted} supprimés${r.rejected ? `, ${r.rejected} rejetés` : ''}`
        : `last run: ${r.status}, ${r.inserted} new, ${r.updated} updated, ${r.deleted} deleted${r.rejected ? `, ${r.rejected} rejected` : ''}`,
    );
    if (o.every > 0) {
      const next = new Date(Math.max(r.startedAt.getTime() + o.every * 60_000, o.now.getTime()));
      parts.push(`${fr ? 'prochain' : 'next'} ≈ ${when(next)}`);
    }
  }
  if (s.lastError && (!s.lastSuccessAt || s.lastError.at > s.lastSuccessAt)) {
    parts.push(
      `:warning: ${fr ? 'erreur' : 'error'} ${when(s.lastError.at)}: ${s.lastError.message.slice(0, 200)}`,
    );
  }
  return parts.join(' · ');
}
