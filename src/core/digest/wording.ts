import type { Lang, MoverDimension } from './types.ts';

const DIMENSION = {
  en: { rep: 'by rep', team: 'by team', channel: 'by channel' },
  fr: { rep: 'par commercial', team: 'par équipe', channel: 'par canal' },
} as const;

/** Every sentence of the digest, per language (French typography: a space before colons). */
export const DIGEST_WORDS = {
  en: {
    title: (scope: string) => `Weekly digest — ${scope}`,
    titleRep: (name: string) => `Your week — ${name}`,
    weekOf: (date: string) => `Week of ${date}`,
    vsPrevious: 'vs previous week',
    noPrevious: 'no figure the previous week',
    ofObjective: (share: string, target: string) => `${share} of the ${target} objective`,
    pace: (period: string, actual: string, share: string, target: string) =>
      `${period} to date: ${actual}, ${share} of pace (objective ${target})`,
    movers: (metric: string, by: MoverDimension) => `Top movers — ${metric}, ${DIMENSION.en[by]}`,
    leaderboard: (metric: string) => `Leaderboard — ${metric}`,
    leaderboardHidden:
      'Rep leaderboard not shown: this channel does not show rep figures (an admin can allow it in the channel settings).',
    alerts: (n: number) => (n === 0 ? 'Open alerts' : `Open alerts (${n})`),
    noAlerts: 'No open alert.',
    since: 'since',
    andMore: (n: number) => `… and ${n} more`,
    definitions: 'Definitions',
    chartTitle: (metric: string) => `${metric} by week vs objective`,
    chartActual: 'Actual',
    chartTarget: 'Objective',
    up: 'Up',
    down: 'Down',
  },
  fr: {
    title: (scope: string) => `Résumé de la semaine — ${scope}`,
    titleRep: (name: string) => `Votre semaine — ${name}`,
    weekOf: (date: string) => `Semaine du ${date}`,
    vsPrevious: 'vs semaine précédente',
    noPrevious: 'pas de chiffre la semaine précédente',
    ofObjective: (share: string, target: string) => `${share} de l’objectif de ${target}`,
    pace: (period: string, actual: string, share: string, target: string) =>
      `${period} à date : ${actual}, ${share} du rythme (objectif ${target})`,
    movers: (metric: string, by: MoverDimension) => `Plus fortes variations — ${metric}, ${DIMENSION.fr[by]}`,
    leaderboard: (metric: string) => `Classement — ${metric}`,
    leaderboardHidden:
      'Classement des commerciaux masqué : ce canal n’affiche pas les chiffres individuels (un admin peut l’autoriser dans les réglages du canal).',
    alerts: (n: number) => (n === 0 ? 'Alertes en cours' : `Alertes en cours (${n})`),
    noAlerts: 'Aucune alerte en cours.',
    since: 'depuis le',
    andMore: (n: number) => `… et ${n} de plus`,
    definitions: 'Définitions',
    chartTitle: (metric: string) => `${metric} par semaine vs objectif`,
    chartActual: 'Réalisé',
    chartTarget: 'Objectif',
    up: 'En hausse',
    down: 'En baisse',
  },
} as const satisfies Record<Lang, unknown>;
