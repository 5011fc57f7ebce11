import { tokenize } from './tokenize.ts';
import type { Lang } from './types.ts';
import { wordSet } from './word-set.ts';

/** Words typical of one language in a KPI question; words both languages use ("leads", "pipeline", "vs") are absent. */
const FRENCH = wordSet(`
  quel quelle quels quelles est sont notre nos mes mon ma le la les des du de au aux combien par pour moi semaine
  mois trimestre annee an dernier derniere derniers dernieres hier aujourd hui ce cette ces depuis taux chiffre
  affaires rendez vous rdv equipe commercial commerciaux vendeur vendeurs canal canaux etape etapes campagne
  campagnes objectif objectifs aide liste qui suis je alertes alerte pourquoi precedente precedent signe signes
  envoyees envoyes moyen panier cout et sur avec periode devis reunion reunions ouverture rebond desabonnement
  reussite montre affiche donne jours semestre entre jusqu ventes propositions annees
`);

const ENGLISH = wordSet(`
  what whats which is are our my the show me how many much by for last this week weeks month months quarter year
  years today yesterday since from previous target targets rate revenue meetings meeting signed sent rep reps
  stage help list whoami alerts why sales average cost per and of in days won deals with proposals qualified
  open click unsubscribe bounce size cycle goal objective versus compared against past
`);

const ACCENTED = /[àâäçéèêëîïôöùûüÿœ]/i;

export interface LanguageEvidence {
  en: number;
  fr: number;
}

export function languageEvidence(text: string): LanguageEvidence {
  const evidence = { en: 0, fr: 0 };
  for (const token of tokenize(text)) {
    if (FRENCH.has(token.word)) evidence.fr += 1;
    if (ENGLISH.has(token.word)) evidence.en += 1;
    if (ACCENTED.test(token.raw)) evidence.fr += 1;
  }
  return evidence;
}

/** The language whose words dominate; on a tie (e.g. "pipeline"), the hint (user's locale), else English. */
export function decideLanguage(evidence: LanguageEvidence, hint?: Lang): Lang {
  if (evidence.fr > evidence.en) return 'fr';
  if (evidence.en > evidence.fr) return 'en';
  return hint ?? 'en';
}

export function detectLanguage(text: string, hint?: Lang): Lang {
  return decideLanguage(languageEvidence(text.slice(0, 500)), hint);
}
