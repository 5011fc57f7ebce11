import type { Lang } from '../../core/format.ts';

/** Every fixed phrase the Slack renderers show, in both languages. */
export const WORDING = {
  en: {
    byRep: 'By rep',
    byTeam: 'By team',
    byChannel: 'By channel',
    previousPeriod: 'Previous period',
    shareInChannel: 'Share in channel',
    noData: 'No data for this period.',
    comparisonNoData: 'no data',
    target: 'Target',
    attained: 'attained',
    expectedByNow: 'expected by now',
    ofPace: 'of pace',
    didYouMean: 'Did you mean:',
    listHint: '`/kpi list` shows every metric · `/kpi help` shows examples',
    helpHint: '`/kpi help` shows examples',
    comingSoon: (command: string) => `“${command}” is coming in a later kpibot release.`,
    rowsCut: (hidden: number, total: number) =>
      `… and ${hidden} more (${total} in all). Narrow the question to a team or a channel to see them.`,
    earlierRowsCut: (hidden: number) => `… ${hidden} earlier periods not shown. Ask for a shorter period.`,
    noRows: 'Nothing to break down in this period.',
    linesCut: (hidden: number) => `… and ${hidden} more lines.`,
    home: {
      title: 'kpibot',
      hello: (name: string) => `Hi *${name}*`,
      unmapped:
        "You're not mapped to a rep yet, so you see team figures. An admin can map you with `/kpi map @you email`.",
      myFigures: 'My figures',
      teamFigures: 'Team figures',
      alerts: 'Alerts',
      subscriptions: 'Digest subscriptions',
      noneYet: 'None yet.',
      noFigures: 'No figures yet: import data or connect your CRM.',
      roles: { admin: 'admin', manager: 'manager', rep: 'rep', viewer: 'viewer' } as Record<string, string>,
      askHint: 'Ask anything in a DM or with `/kpi`: `/kpi win rate by rep this quarter` · `/kpi help`',
    },
  },
  fr: {
    byRep: 'Par commercial',
    byTeam: 'Par équipe',
    byChannel: 'Par canal',
    previousPeriod: 'Période précédente',
    shareInChannel: 'Partager dans le canal',
    noData: 'Aucune donnée sur cette période.',
    comparisonNoData: 'pas de données',
    target: 'Objectif',
    attained: 'atteint',
    expectedByNow: 'attendu à date',
    ofPace: 'du rythme',
    didYouMean: 'Vouliez-vous dire :',
    listHint: '`/kpi liste` montre toutes les métriques · `/kpi aide` donne des exemples',
    helpHint: '`/kpi aide` donne des exemples',
    comingSoon: (command: string) => `« ${command} » arrive dans une prochaine version de kpibot.`,
    rowsCut: (hidden: number, total: number) =>
      `… et ${hidden} de plus (${total} au total). Précisez une équipe ou un canal pour les voir.`,
    earlierRowsCut: (hidden: number) =>
      `… ${hidden} périodes antérieures non affichées. Demandez une période plus courte.`,
    noRows: 'Rien à ventiler sur cette période.',
    linesCut: (hidden: number) => `… et ${hidden} lignes de plus.`,
    home: {
      title: 'kpibot',
      hello: (name: string) => `Bonjour *${name}*`,
      unmapped:
        'Vous n’êtes associé à aucun commercial : vous voyez les chiffres d’équipe. Un admin peut vous associer avec `/kpi map @vous email`.',
      myFigures: 'Mes chiffres',
      teamFigures: 'Chiffres de l’équipe',
      alerts: 'Alertes',
      subscriptions: 'Abonnements au récapitulatif',
      noneYet: 'Aucun pour l’instant.',
      noFigures: 'Pas encore de chiffres : importez des données ou connectez votre CRM.',
      roles: { admin: 'admin', manager: 'manager', rep: 'commercial', viewer: 'lecteur' } as Record<
        string,
        string
      >,
      askHint:
        'Posez vos questions en message privé ou avec `/kpi` : `/kpi taux de réussite par commercial ce trimestre` · `/kpi aide`',
    },
  },
} as const;

export function wording(lang: Lang): (typeof WORDING)[Lang] {
  return WORDING[lang];
}

export { breakdownTitle } from '../../core/breakdown-titles.ts';
