import { wordSet } from './word-set.ts';

/**
 * Words that carry no metric meaning: question words, articles, politeness. They are dropped from both the query
 * and the catalog phrases, so "quel est notre taux de conversion" and "taux de conversion" meet on equal terms.
 * Accent-free, lower-case. Any one-letter word (l', d', s', à) is noise too.
 */
const NOISE = wordSet(`
  what whats which is are was were be been has have had do does did our my your their the an of to show me us we
  you it its give tell get display how many much please pls kpi kpis kpibot in on at for during over within and
  with so far there up now currently current this that these those last can could see hi hello hey thanks per
  quel quelle quels quelles est sont etait notre nos votre vos mon ma mes le la les un une de des du au aux en sur
  pour dans pendant et avec combien montre montrez affiche affichez donne donnez moi nous ai avons as il ils ce
  cette ces ci stp svp plait te qu que quoi actuel actuellement maintenant bonjour salut merci par
`);

/** Words that refine a metric phrase without naming it ("rate", "taux"): optional in a match, harmless if left. */
const SOFT = wordSet(`
  rate ratio taux number nombre nb count total amount montant value valeur percentage pourcentage
`);

export function isNoiseWord(word: string): boolean {
  return word.length <= 1 || NOISE.has(word);
}

/** Takes a stem (see stemWord). */
export function isSoftWord(stem: string): boolean {
  return SOFT.has(stem);
}
