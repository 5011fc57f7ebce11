import { wordSet } from '../query/word-set.ts';
import { MAX_RULE_NAME } from './rule-spec.ts';
import type { PaceGrain } from './types.ts';

/**
 * The words of an alert rule, as regular expressions over text folded to lower case without accents (see
 * foldText): EN and FR, in any order. parse-rule.ts takes each clause out of the text in turn.
 */

export const B = '(?<![\\p{L}\\p{N}_])';
export const E = '(?![\\p{L}\\p{N}_])';
/** "200", "0.8", "12,5", "10 000", "1,500" (a comma before exactly three digits groups thousands). */
export const NUM = '(\\d{1,3}(?:[ ,]\\d{3})+(?![\\d.,])|\\d+(?:[.,]\\d+)?)';
export const PCT = '\\s*(?:%|percent|pour ?cent|pct)';
export const re = (source: string, flags = 'u') => new RegExp(source, flags);

export const UNIT_DAYS: Record<string, number> = {
  day: 1,
  days: 1,
  jour: 1,
  jours: 1,
  journee: 1,
  veille: 1,
  yesterday: 1,
  hier: 1,
  week: 7,
  weeks: 7,
  semaine: 7,
  semaines: 7,
  month: 30,
  months: 30,
  mois: 30,
  quarter: 91,
  quarters: 91,
  trimestre: 91,
  trimestres: 91,
};
export const UNIT = 'days?|jours?|journee|weeks?|semaines?|months?|mois|quarters?|trimestres?';

export const CADENCES: ReadonlyArray<readonly [RegExp, PaceGrain | 'day']> = [
  [
    re(
      `${B}(?:daily|quotidiens?|quotidiennes?|journaliers?|journalieres?|(?:every|each|per|a|chaque|par) (?:day|jour))${E}`,
    ),
    'day',
  ],
  [
    re(`${B}(?:weekly|hebdo|hebdomadaires?|(?:every|each|per|a|chaque|par|this|cette) (?:week|semaine))${E}`),
    'week',
  ],
  [
    re(
      `${B}(?:monthly|mensuel|mensuelle|mensuels|mensuelles|(?:every|each|per|a|chaque|par|this|ce) (?:month|mois))${E}`,
    ),
    'month',
  ],
  [
    re(
      `${B}(?:quarterly|trimestriel|trimestrielle|trimestriels|(?:every|each|per|a|chaque|par|this|ce) (?:quarter|trimestre))${E}`,
    ),
    'quarter',
  ],
  [
    re(
      `${B}(?:yearly|annual|annually|annuel|annuelle|annuels|(?:every|each|per|a|chaque|par|this|cette) (?:year|annee))${E}`,
    ),
    'year',
  ],
];

export const WINDOW = re(
  `${B}(?:(?:over|in|during|within|for|on|sur|pendant|durant|en)\\s+(?:the\\s+|les\\s+|a\\s+)?(?:(?:last|past|previous|trailing|rolling)\\s+)?|(?:last|past|trailing|rolling)\\s+)${NUM}\\s+(${UNIT})(?:\\s+(?:derniers|dernieres|glissants|glissantes|ecoules|ecoulees))?${E}`,
);

export const FOR_EVALUATIONS = [
  re(
    `${B}(?:for|during|after|pendant|durant|apres|sur)\\s+${NUM}\\s+(?:consecutive\\s+|successive\\s+)?(?:checks?|evaluations?|evals?|runs?|times|verifications?|controles?|fois|cycles?)(?:\\s+(?:consecutives?|successives?|in a row|de suite|d'affilee))?${E}`,
  ),
  re(
    `${B}${NUM}\\s+(?:times|fois|checks?|evaluations?)\\s+(?:in a row|de suite|d'affilee|consecutives?)${E}`,
  ),
];

export const REPEAT_WORDS =
  'repeat|repeated|remind|reminder|renotify|re-notify|repeter|repete|rappeler|rappel|relancer|relance';
export const REPEAT_EVERY = re(
  `${B}(?:${REPEAT_WORDS})(?:\\s+me)?\\s+(?:every|each|toutes\\s+les|tous\\s+les|chaque|all)\\s+(?:${NUM}\\s*)?(minutes?|mins?|m|hours?|hrs?|h|heures?|days?|d|jours?|j|weeks?|semaines?)${E}`,
);
export const REPEAT_CADENCE = re(
  `${B}(?:${REPEAT_WORDS})\\s+(hourly|daily|weekly|toutes les heures|tous les jours|chaque jour|chaque semaine|quotidiennement)${E}`,
);
export const NO_REPEAT = re(
  `${B}(?:no|never|without|sans|jamais|pas de|ne pas|ne jamais)\\s+(?:${REPEAT_WORDS}|repeats|reminders|repetitions?|rappels|relances)${E}`,
);

export const DM = '(?:dm|mp|pm|direct message|message prive|messages prives|en prive|privately)';
export const OWNER = '(?:owners?|reps?|proprietaires?|commercial|commerciaux|commerciale|vendeur|vendeuse)';
export const MANAGER = "(?:managers?|responsables?|team lead|chef d'equipe|chefs d'equipe)";
export const THE = "(?:the\\s+|le\\s+|la\\s+|les\\s+|l'|son\\s+|its\\s+|their\\s+|leur\\s+)?";
export const DM_ROUTE = re(
  `${B}(?:${DM}|notify|notifier|prevenir|alert|alerter|to|vers)\\s+(?:to\\s+|au\\s+|aux\\s+|a\\s+)?${THE}(${OWNER}|${MANAGER})(?:\\s*(?:and|et|\\+|,|&)\\s*(?:${DM}\\s+)?(?:to\\s+|au\\s+|aux\\s+|a\\s+)?${THE}(${OWNER}|${MANAGER}))?${E}`,
);
export const CHANNEL_ROUTE = re(
  `(?:${B}(?:to|vers|in|into|dans|sur|post to|send to|envoyer a|envoyer dans|poster dans|publier dans)\\s+)?(?<![\\p{L}\\p{N}_#])#([\\p{L}\\p{N}_.-]+)`,
  'du',
);

export const VS =
  '(?:vs\\.?|versus|v\\.?s\\.?|compared (?:to|with)|against|than|relative to|par rapport (?:a|au|aux)|contre|comparee? (?:a|au|aux)|face (?:a|au))';
export const LAST_YEAR = [
  re(
    `${B}${VS}\\s+(?:the\\s+|la\\s+|le\\s+)?(?:same (?:period|days?|weeks?|months?|time|dates?)\\s+|meme (?:periode|jour|jours|semaine|mois|dates?)\\s+(?:de\\s+)?)?(?:last year|a year ago|previous year|prior year|the year before|l'an dernier|l'an passe|l'annee (?:derniere|precedente|passee)|n-1|ly)${E}`,
  ),
  re(`${B}(?:yoy|year over year|year on year|sur un an|glissement annuel)${E}`),
];
export const PREVIOUS = [
  re(
    `${B}${VS}\\s+${THE}(?:(?:previous|prior|preceding|last)\\s+(?:${NUM}\\s+)?(${UNIT}|period|periode)|(?:${NUM}\\s+)?(${UNIT}|periode|period)\\s+(?:precedente?s?|precedents|derniere?s?|passee?s?|d'avant|before|earlier))${E}`,
  ),
  re(
    `${B}${VS}\\s+(?:the\\s+)?(?:previous|prior|preceding|before|yesterday|hier|la veille|la precedente|le precedent|precedente?)${E}`,
  ),
];
export const PREVIOUS_STANDALONE = re(
  `${B}(wow|week over week|week on week|mom|month over month|month on month|dod|day over day|qoq|quarter over quarter)${E}`,
);

export const ANOMALY = re(
  `${B}(?:anomaly|anomalies|anomalous|unusual|abnormal|outliers?|odd|weird|anomalie|anormale?s?|anormaux|inhabituel|inhabituelle|inhabituels|inhabituelles|atypiques?)${E}`,
);
export const SPIKES = re(`${B}(?:spikes?|surges?|jumps?|peaks?|pics?|bonds?|flambees?|envolees?)${E}`);
export const DIPS = re(`${B}(?:dips?|slumps?|plunges?|creux|effondrements?|trous?)${E}`);
/** Only with an anomaly word: alone, "leads drops" lacks the percentage of a change. */
export const FALLS = re(`${B}(?:drops?|falls?|chutes?|baisses?)${E}`);

export const PACE = re(
  `${B}(?:pace|run rate|on track|behind|rythme|cadence|trajectoire|en retard|retard)${E}`,
);
export const TARGET_WORDS =
  "(?:(?:the|its|their)\\s+)?(?:target|objective|goal|quota|plan)s?|(?:(?:de|du)\\s+)?(?:l'|son\\s+|leur\\s+)?(?:objectif|cible|quota)s?";
export const BELOW =
  '<=?|≤|<|below|under|less than|lower than|fewer than|sous|en[- ]dessous de|au[- ]dessous de|moins de|inferieure? a|inferieurs? a';
export const ABOVE =
  '>=?|≥|>|above|over|exceeds?|exceeding|more than|greater than|higher than|au[- ]dessus de|plus de|superieure? a|superieurs? a|depasse|depassent|excede';
export const PACE_BOUND = re(
  `(?:${B}|(?=[<≤]))(?:${BELOW})\\s*${NUM}(${PCT})?(?:\\s+(?:of|de|du)?\\s*(?:${TARGET_WORDS}))?`,
);
export const TARGET_ALONE = re(`${B}(?:of\\s+|vs\\s+|de\\s+)?(?:${TARGET_WORDS})${E}`);
export const WORKING = re(`${B}(?:working days?|business days?|weekdays|jours? ouvres|jours? ouvrables)${E}`);
export const CALENDAR = re(`${B}(?:calendar days?|all days|jours? calendaires|tous les jours)${E}`);

export const DROP =
  'drops?|dropped|dropping|falls?|fell|falling|decreases?|decreased|declines?|declined|down|goes down|shrinks?|baisses?|baisse|baisser|chute|chutent|chuter|diminue|diminuent|recule|reculent|descend|descendent|perd|perdent|en baisse';
export const RISE =
  'rises?|rose|rising|increases?|increased|grows?|grew|jumps?|jumped|climbs?|climbed|up|goes up|surges?|hausses?|monte|montent|augmente|augmentent|progresse|progressent|grimpe|grimpent|bondit|en hausse';
export const BY =
  "(?:\\s+(?:by|of|de|more than|over|at least|plus de|d'au moins|au moins|de plus de|d'au|d'))*";
export const CHANGE = re(`${B}(${DROP}|${RISE})${BY}\\s*(?:[≥>]=?\\s*)?${NUM}${PCT}`);
export const SIGNED_CHANGE = re(`(?<![\\p{L}\\p{N}_])([-−+])\\s?${NUM}${PCT}`);

export const THRESHOLD = re(
  `(?:${B}(?:(?:is|goes|gets|falls?|drops?|rises?|est|passe|tombe|monte|reste)\\s+)?|(?=[<>≤≥]))(${ABOVE}|${BELOW})\\s*[€$£]?\\s*${NUM}\\s*(k|m)?(?![\\p{L}\\p{N}]|\\s*(?:${UNIT}|checks?|evaluations?|h|hours?|heures?|min)${E})(${PCT})?\\s*[€$£]?`,
);

export const NAME = re(
  `${B}(?:named|called|name|nom|nommee?|appelee?|intitulee?)\\s*[:=]?\\s*["“«']\\s*([^"”»']{1,${MAX_RULE_NAME}}?)\\s*["”»']`,
  'du',
);

/** Alert-rule words that are not the metric (the query lexicon knows the question words). */
export const ALERT_NOISE = wordSet(`
  alert alerts alerte alertes warn notify notifier tell me moi when whenever if si quand lorsque lorsqu it goes
  add ajouter ajoute create creer rule regle new nouvelle nouvel please vers dans into
`);

export const FRENCH_WORDS = wordSet(`
  baisse baisses hausse chute diminue augmente recule progresse rythme anomalie inhabituel inhabituelle sous
  pendant evaluations evaluation repeter toutes vers mp proprietaire semaine precedente objectif mensuel
  hebdomadaire quotidien jours equipe canal commercial dessus dessous veille quand alerte alertes pics creux
`);
export const ENGLISH_WORDS = wordSet(`
  drops drop falls rises increases decreases pace anomaly unusual spikes dips below above over under every
  repeat checks dm owner weekly daily monthly previous target week days team channel when alert
`);

export const SCOPE_KEYWORDS: Record<string, 'team' | 'channel' | 'rep'> = {
  team: 'team',
  equipe: 'team',
  squad: 'team',
  channel: 'channel',
  canal: 'channel',
  source: 'channel',
  from: 'channel',
  via: 'channel',
  rep: 'rep',
  commercial: 'rep',
  commerciale: 'rep',
  vendeur: 'rep',
  vendeuse: 'rep',
};

export function parseNumber(text: string | undefined, suffix?: string): number {
  if (!text) return Number.NaN;
  const grouped = /^\d{1,3}(?:[ ,]\d{3})+$/.test(text);
  const plain = grouped ? text.replace(/[ ,]/g, '') : text.replace(',', '.');
  const factor = suffix === 'k' ? 1_000 : suffix === 'm' ? 1_000_000 : 1;
  return Number(plain) * factor;
}

/** Minutes in one unit of a repeat interval ("4h", "30 min", "2 jours"). */
export function unitMinutes(unit: string): number {
  if (/^(?:m|mins?|minutes?)$/.test(unit)) return 1;
  if (/^(?:h|hrs?|hours?|heures?)$/.test(unit)) return 60;
  if (/^(?:d|days?|j|jours?)$/.test(unit)) return 1440;
  return 10_080;
}
