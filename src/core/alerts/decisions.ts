import type { Lang } from './types.ts';

const NBSP = '\u00a0';

type Words = Record<Lang, string>;

const FIXED: Record<string, Words> = {
  ok: { en: 'OK: nothing in breach', fr: `OK${NBSP}: rien à signaler` },
  'pending:reset': { en: 'Back to normal before it fired', fr: `Revenu à la normale avant l'alerte` },
  fired: { en: 'Fired: the alert was sent', fr: `Déclenchée${NBSP}: l'alerte a été envoyée` },
  firing: { en: 'Still firing', fr: 'Toujours en alerte' },
  'held:dead_band': {
    en: 'Still firing: better, but not yet past the recovery bound',
    fr: `Toujours en alerte${NBSP}: mieux, mais pas encore au seuil de rétablissement`,
  },
  repeated: { en: 'Still firing: reminder sent', fr: `Toujours en alerte${NBSP}: rappel envoyé` },
  'repeated:snooze_expired': {
    en: 'Snooze over and still firing: reminder sent',
    fr: `Fin de la mise en veille, toujours en alerte${NBSP}: rappel envoyé`,
  },
  'suppressed:muted': { en: 'Rule muted: nothing sent', fr: `Règle en sourdine${NBSP}: rien d'envoyé` },
  'suppressed:acked': { en: 'Acknowledged: no reminder', fr: `Prise en compte${NBSP}: pas de rappel` },
  'suppressed:snoozed': { en: 'Snoozed: no reminder', fr: `En veille${NBSP}: pas de rappel` },
  resolved: { en: 'Resolved: the thread was told', fr: `Rétablie${NBSP}: le fil a été prévenu` },
  'resolved:silent': {
    en: 'Resolved without a message (it had never been announced)',
    fr: `Rétablie sans message (elle n'avait jamais été annoncée)`,
  },
};

/** A lifecycle decision code (see lifecycle.ts) in words, for `/kpi why`; an unknown code is shown as is. */
export function decisionText(decision: string, lang: Lang): string {
  const fixed = FIXED[decision];
  if (fixed) return fixed[lang];
  const pending = /^pending:(\d+)\/(\d+)$/.exec(decision);
  if (pending) {
    const [, n = '0', of = '0'] = pending;
    return lang === 'fr'
      ? `En dépassement${NBSP}: ${n} évaluation${n === '1' ? '' : 's'} sur ${of} avant l'alerte`
      : `In breach: ${n} of ${of} evaluations before it fires`;
  }
  if (decision.startsWith('skipped:')) return lang === 'fr' ? 'Pas jugée' : 'Not judged';
  return decision;
}
