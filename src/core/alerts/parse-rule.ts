import type { Catalog } from '../metrics/index.ts';
import { foldText, sourceSpan } from '../periods/normalize-text.ts';
import { extractBreakdown } from '../query/breakdown.ts';
import { type ChatEntity, scanChatEntities } from '../query/chat-entities.ts';
import { decideLanguage, languageEvidence } from '../query/detect-language.ts';
import { isNoiseWord, isSoftWord } from '../query/lexicon.ts';
import { matchMetric, type QueryWord } from '../query/match-metric.ts';
import { indexVocabulary, labelOf, type MetricIndex } from '../query/metric-index.ts';
import { completeScope, extractScope, type ScopeInput } from '../query/scope.ts';
import { suggestMetrics } from '../query/suggest.ts';
import { TokenClaims } from '../query/token-claims.ts';
import { type Token, tokenize } from '../query/tokenize.ts';
import type { MetricVocabulary } from '../query/types.ts';
import { wordSet } from '../query/word-set.ts';
import { alertRuleSpecSchema, describeSpecIssues, MAX_RULE_NAME } from './rule-spec.ts';
import type { AlertCondition, AlertRoute, AlertRuleSpec, FanOut, Lang, PaceGrain } from './types.ts';

/** Same cap as a chat question: rules are one line. */
export const MAX_RULE_CHARS = 500;
const NAME_CHARS = 80;
const NBSP = '\u00a0';

export interface ParseRuleOptions {
  catalog: Pick<Catalog, 'metrics'>;
  /** The user's locale: decides the language when the words do not. */
  lang?: Lang | undefined;
  /** Where `#channel` routes are posted (the platform the rule was typed on). Default slack. */
  platform?: 'slack' | 'teams' | undefined;
}

export type ParseRuleResult =
  | {
      ok: true;
      spec: AlertRuleSpec;
      lang: Lang;
      /** Words understood as nothing: the confirmation should show them. */
      ignored: string[];
    }
  | { ok: false; lang: Lang; message: string; example: string };

// --- the grammar, on text folded to lower case without accents (see foldText) -------------------------------

const B = '(?<![\\p{L}\\p{N}_])';
const E = '(?![\\p{L}\\p{N}_])';
const NUM = '(\\d{1,3}(?: \\d{3})+(?!\\d)|\\d+(?:[.,]\\d+)?)';
const PCT = '\\s*(?:%|percent|pour ?cent|pct)';
const re = (source: string, flags = 'u') => new RegExp(source, flags);

const UNIT_DAYS: Record<string, number> = {
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
const UNIT = 'days?|jours?|journee|weeks?|semaines?|months?|mois|quarters?|trimestres?';

const CADENCES: ReadonlyArray<readonly [RegExp, PaceGrain | 'day']> = [
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

const WINDOW = re(
  `${B}(?:(?:over|in|during|within|for|on|sur|pendant|durant|en)\\s+(?:the\\s+|les\\s+|a\\s+)?(?:(?:last|past|previous|trailing|rolling)\\s+)?|(?:last|past|trailing|rolling)\\s+)${NUM}\\s+(${UNIT})(?:\\s+(?:derniers|dernieres|glissants|glissantes|ecoules|ecoulees))?${E}`,
);

const FOR_EVALUATIONS = [
  re(
    `${B}(?:for|during|after|pendant|durant|apres|sur)\\s+${NUM}\\s+(?:consecutive\\s+|successive\\s+)?(?:checks?|evaluations?|evals?|runs?|times|verifications?|controles?|fois|cycles?)(?:\\s+(?:consecutives?|successives?|in a row|de suite|d'affilee))?${E}`,
  ),
  re(
    `${B}${NUM}\\s+(?:times|fois|checks?|evaluations?)\\s+(?:in a row|de suite|d'affilee|consecutives?)${E}`,
  ),
];

const REPEAT_WORDS =
  'repeat|repeated|remind|reminder|renotify|re-notify|repeter|repete|rappeler|rappel|relancer|relance';
const REPEAT_EVERY = re(
  `${B}(?:${REPEAT_WORDS})(?:\\s+me)?\\s+(?:every|each|toutes\\s+les|tous\\s+les|chaque|all)\\s+(?:${NUM}\\s*)?(minutes?|mins?|m|hours?|hrs?|h|heures?|days?|d|jours?|j|weeks?|semaines?)${E}`,
);
const REPEAT_CADENCE = re(
  `${B}(?:${REPEAT_WORDS})\\s+(hourly|daily|weekly|toutes les heures|tous les jours|chaque jour|chaque semaine|quotidiennement)${E}`,
);
const NO_REPEAT = re(
  `${B}(?:no|never|without|sans|jamais|pas de|ne pas|ne jamais)\\s+(?:${REPEAT_WORDS}|repeats|reminders|repetitions?|rappels|relances)${E}`,
);

const DM = '(?:dm|mp|pm|direct message|message prive|messages prives|en prive|privately)';
const OWNER = '(?:owners?|reps?|proprietaires?|commercial|commerciaux|commerciale|vendeur|vendeuse)';
const MANAGER = "(?:managers?|responsables?|team lead|chef d'equipe|chefs d'equipe)";
const THE = "(?:the\\s+|le\\s+|la\\s+|les\\s+|l'|son\\s+|its\\s+|their\\s+|leur\\s+)?";
const DM_ROUTE = re(
  `${B}(?:${DM}|notify|notifier|prevenir|alert|alerter|to|vers)\\s+(?:to\\s+|au\\s+|aux\\s+|a\\s+)?${THE}(${OWNER}|${MANAGER})(?:\\s*(?:and|et|\\+|,|&)\\s*(?:${DM}\\s+)?(?:to\\s+|au\\s+|aux\\s+|a\\s+)?${THE}(${OWNER}|${MANAGER}))?${E}`,
);
const CHANNEL_ROUTE = re(
  `(?:${B}(?:to|vers|in|into|dans|sur|post to|send to|envoyer a|envoyer dans|poster dans|publier dans)\\s+)?(?<![\\p{L}\\p{N}_#])#([\\p{L}\\p{N}_.-]+)`,
  'du',
);

const VS =
  '(?:vs\\.?|versus|v\\.?s\\.?|compared (?:to|with)|against|than|relative to|par rapport (?:a|au|aux)|contre|comparee? (?:a|au|aux)|face (?:a|au))';
const LAST_YEAR = [
  re(
    `${B}${VS}\\s+(?:the\\s+|la\\s+|le\\s+)?(?:same (?:period|days?|weeks?|months?|time|dates?)\\s+|meme (?:periode|jour|jours|semaine|mois|dates?)\\s+(?:de\\s+)?)?(?:last year|a year ago|previous year|prior year|the year before|l'an dernier|l'an passe|l'annee (?:derniere|precedente|passee)|n-1|ly)${E}`,
  ),
  re(`${B}(?:yoy|year over year|year on year|sur un an|glissement annuel)${E}`),
];
const PREVIOUS = [
  re(
    `${B}${VS}\\s+${THE}(?:(?:previous|prior|preceding|last)\\s+(?:${NUM}\\s+)?(${UNIT}|period|periode)|(?:${NUM}\\s+)?(${UNIT}|periode|period)\\s+(?:precedente?s?|precedents|derniere?s?|passee?s?|d'avant|before|earlier))${E}`,
  ),
  re(
    `${B}${VS}\\s+(?:the\\s+)?(?:previous|prior|preceding|before|yesterday|hier|la veille|la precedente|le precedent|precedente?)${E}`,
  ),
];
const PREVIOUS_STANDALONE = re(
  `${B}(wow|week over week|week on week|mom|month over month|month on month|dod|day over day|qoq|quarter over quarter)${E}`,
);

const ANOMALY = re(
  `${B}(?:anomaly|anomalies|anomalous|unusual|abnormal|outliers?|odd|weird|anomalie|anormale?s?|anormaux|inhabituel|inhabituelle|inhabituels|inhabituelles|atypiques?)${E}`,
);
const SPIKES = re(`${B}(?:spikes?|surges?|jumps?|peaks?|pics?|bonds?|flambees?|envolees?)${E}`);
const DIPS = re(`${B}(?:dips?|slumps?|plunges?|creux|effondrements?|trous?)${E}`);
/** Only with an anomaly word: alone, "leads drops" lacks the percentage of a change. */
const FALLS = re(`${B}(?:drops?|falls?|chutes?|baisses?)${E}`);

const PACE = re(`${B}(?:pace|run rate|on track|behind|rythme|cadence|trajectoire|en retard|retard)${E}`);
const TARGET_WORDS =
  "(?:(?:the|its|their)\\s+)?(?:target|objective|goal|quota|plan)s?|(?:(?:de|du)\\s+)?(?:l'|son\\s+|leur\\s+)?(?:objectif|cible|quota)s?";
const BELOW =
  '<=?|≤|<|below|under|less than|lower than|fewer than|sous|en[- ]dessous de|au[- ]dessous de|moins de|inferieure? a|inferieurs? a';
const ABOVE =
  '>=?|≥|>|above|over|exceeds?|exceeding|more than|greater than|higher than|au[- ]dessus de|plus de|superieure? a|superieurs? a|depasse|depassent|excede';
const PACE_BOUND = re(
  `(?:${B}|(?=[<≤]))(?:${BELOW})\\s*${NUM}(${PCT})?(?:\\s+(?:of|de|du)?\\s*(?:${TARGET_WORDS}))?`,
);
const TARGET_ALONE = re(`${B}(?:of\\s+|vs\\s+|de\\s+)?(?:${TARGET_WORDS})${E}`);
const WORKING = re(`${B}(?:working days?|business days?|weekdays|jours? ouvres|jours? ouvrables)${E}`);
const CALENDAR = re(`${B}(?:calendar days?|all days|jours? calendaires|tous les jours)${E}`);

const DROP =
  'drops?|dropped|dropping|falls?|fell|falling|decreases?|decreased|declines?|declined|down|goes down|shrinks?|baisses?|baisse|baisser|chute|chutent|chuter|diminue|diminuent|recule|reculent|descend|descendent|perd|perdent|en baisse';
const RISE =
  'rises?|rose|rising|increases?|increased|grows?|grew|jumps?|jumped|climbs?|climbed|up|goes up|surges?|hausses?|monte|montent|augmente|augmentent|progresse|progressent|grimpe|grimpent|bondit|en hausse';
const BY = "(?:\\s+(?:by|of|de|more than|over|at least|plus de|d'au moins|au moins|de plus de|d'au|d'))*";
const CHANGE = re(`${B}(${DROP}|${RISE})${BY}\\s*(?:[≥>]=?\\s*)?${NUM}${PCT}`);
const SIGNED_CHANGE = re(`(?<![\\p{L}\\p{N}_])([-−+])\\s?${NUM}${PCT}`);

const THRESHOLD = re(
  `(?:${B}(?:(?:is|goes|gets|falls?|drops?|rises?|est|passe|tombe|monte|reste)\\s+)?|(?=[<>≤≥]))(${ABOVE}|${BELOW})\\s*[€$£]?\\s*${NUM}\\s*(k|m)?(?![\\p{L}\\p{N}]|\\s*(?:${UNIT}|checks?|evaluations?|h|hours?|heures?|min)${E})(${PCT})?\\s*[€$£]?`,
);

const NAME = re(
  `${B}(?:named|called|name|nom|nommee?|appelee?|intitulee?)\\s*[:=]?\\s*["“«']\\s*([^"”»']{1,${MAX_RULE_NAME}}?)\\s*["”»']`,
  'du',
);

/** Alert-rule words that are not the metric (the query lexicon knows the question words). */
const ALERT_NOISE = wordSet(`
  alert alerts alerte alertes warn notify notifier tell me moi when whenever if si quand lorsque lorsqu it goes
  add ajouter ajoute create creer rule regle new nouvelle nouvel please vers dans into
`);

const FRENCH_WORDS = wordSet(`
  baisse baisses hausse chute diminue augmente recule progresse rythme anomalie inhabituel inhabituelle sous
  pendant evaluations evaluation repeter toutes vers mp proprietaire semaine precedente objectif mensuel
  hebdomadaire quotidien jours equipe canal commercial dessus dessous veille quand alerte alertes
`);
const ENGLISH_WORDS = wordSet(`
  drops drop falls rises increases decreases pace anomaly unusual spikes dips below above over under every
  repeat checks dm owner weekly daily monthly previous target week days team channel when alert
`);

const SCOPE_KEYWORDS: Record<string, 'team' | 'channel' | 'rep'> = {
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

// --- parsing -----------------------------------------------------------------------------------------------

interface Working {
  source: string;
  folded: ReturnType<typeof foldText>;
  /** The folded text with the clauses already understood blanked out. */
  rest: string;
  claims: TokenClaims;
}

/** Finds a clause in what is left, blanks it and claims its words; null when absent. */
function take(w: Working, pattern: RegExp): RegExpExecArray | null {
  const m = pattern.exec(w.rest);
  if (!m) return null;
  w.rest = w.rest.slice(0, m.index) + ' '.repeat(m[0].length) + w.rest.slice(m.index + m[0].length);
  const span = sourceSpan(w.folded, m.index, m[0].length);
  w.claims.claimSpan(span.index, span.index + span.length);
  return m;
}

/** A capture group as the user typed it (case and accents kept); needs a pattern with the `d` flag. */
function groupText(w: Working, m: RegExpExecArray | null, group: number): string | undefined {
  const at = m?.indices?.[group];
  if (!at) return undefined;
  const span = sourceSpan(w.folded, at[0], at[1] - at[0]);
  return w.source.slice(span.index, span.index + span.length);
}

function takeFirst(w: Working, patterns: readonly RegExp[]): RegExpExecArray | null {
  for (const p of patterns) {
    const m = take(w, p);
    if (m) return m;
  }
  return null;
}

function parseNumber(text: string | undefined, suffix?: string): number {
  if (!text) return Number.NaN;
  const plain = text.replace(/ /g, '').replace(',', '.');
  const factor = suffix === 'k' ? 1_000 : suffix === 'm' ? 1_000_000 : 1;
  return Number(plain) * factor;
}

/**
 * Reads an alert rule typed in chat, EN or FR, words in any order:
 * `conversion meeting→proposal drops 20% vs previous week team:emea`, `CA signé rythme < 80 % de l'objectif
 * mensuel`, `leads canal web_form anomalie`, `… for 2 checks repeat every 4h to #sales`, `dm owner`.
 * "vs previous week" compares 7 days with the 7 before; "vs previous month" 30 days with the 30 before.
 * Never throws: anything it cannot read comes back as a message with an example.
 */
export function parseAlertRule(text: string, opts: ParseRuleOptions): ParseRuleResult {
  try {
    return parseRule(typeof text === 'string' ? text : '', opts);
  } catch {
    const lang = opts.lang ?? 'en';
    return { ok: false, lang, ...missingCondition(lang, opts.catalog.metrics) };
  }
}

function parseRule(text: string, opts: ParseRuleOptions): ParseRuleResult {
  const vocabulary: readonly MetricVocabulary[] = opts.catalog.metrics;
  const source = text.trim();
  const { entities, masked } = scanChatEntities(source);
  const lang = ruleLanguage(masked.slice(0, MAX_RULE_CHARS), opts.lang);
  if (source.length > MAX_RULE_CHARS) {
    const example = exampleRule(lang, vocabulary);
    return {
      ok: false,
      lang,
      example,
      message:
        lang === 'fr'
          ? `Règle trop longue (${MAX_RULE_CHARS} caractères au plus). Par exemple${NBSP}: \`${example}\``
          : `That rule is too long (${MAX_RULE_CHARS} characters at most). For example: \`${example}\``,
    };
  }
  const tokens = tokenize(masked);
  const folded = foldText(masked);
  const w: Working = { source, folded, rest: folded.text, claims: new TokenClaims(tokens) };
  if (tokens.length === 0) return { ok: false, lang, ...missingMetric(lang, vocabulary, [], '') };

  const name = groupText(w, take(w, NAME), 1)?.trim();
  const routing = readRoutes(w, entities, opts.platform ?? 'slack');
  const lifecycle = readLifecycle(w);
  const versus = readVersus(w);
  const window = readWindow(w);
  const fanOut = readFanOut(w);
  if (fanOut === 'unsupported') {
    const example = exampleRule(lang, vocabulary, 'by rep');
    return {
      ok: false,
      lang,
      example,
      message:
        lang === 'fr'
          ? `Une règle peut suivre chaque commercial, chaque équipe ou chaque canal (par commercial, par équipe, par canal). Par exemple${NBSP}: \`${example}\``
          : `A rule can watch each rep, team or channel (by rep, by team, by channel). For example: \`${example}\``,
    };
  }
  const conditionDraft = readCondition(w, versus, window);

  // Scope and metric, with the query layer: strict scope first, the metric, then the lenient scope.
  const index = indexVocabulary(vocabulary);
  const scopeInput: ScopeInput = {
    claims: w.claims,
    entities: entities.filter((e) => e.kind !== 'channel'),
    text: masked,
    isMetricWord: (stem) => index.stems.has(stem),
  };
  const scope = extractScope(scopeInput);
  claimKeywordsBeforeMentions(w.claims, tokens, entities);
  readExplicitScope(w, tokens, scope);
  const words: QueryWord[] = w.claims.freeIndexes().flatMap((i) => {
    const t = tokens[i];
    return t && !isNoiseWord(t.word) && !ALERT_NOISE.has(t.word) && !/^\d+$/.test(t.word)
      ? [{ token: i, stem: t.stem }]
      : [];
  });
  const match = matchMetric(index, words);
  const raw = (indexes: readonly number[]) => {
    const spans = indexes.flatMap((i) => tokens[i] ?? []);
    const first = spans[0];
    const last = spans.at(-1);
    return first && last ? masked.slice(first.start, last.end) : '';
  };
  if (match.kind === 'none') {
    const typed = words.filter((x) => !isSoftWord(x.stem));
    const suggested = suggestMetrics(
      index,
      words.map((x) => x.stem),
    );
    return { ok: false, lang, ...missingMetric(lang, vocabulary, suggested, raw(typed.map((x) => x.token))) };
  }
  if (match.kind === 'ambiguous') {
    const labels = match.metrics
      .slice(0, 3)
      .flatMap((i) => (vocabulary[i] ? [labelOf(vocabulary[i], lang)] : []));
    const first = vocabulary[match.metrics[0] ?? -1];
    const example = exampleRule(lang, vocabulary, undefined, first);
    const words = quote(raw(match.tokens), lang);
    const or = lang === 'fr' ? ' ou ' : ' or ';
    return {
      ok: false,
      lang,
      example,
      message:
        lang === 'fr'
          ? `${words} peut désigner ${labels.join(or)}. Lequel${NBSP}? Par exemple${NBSP}: \`${example}\``
          : `${words} could mean ${labels.join(or)}. Which one? For example: \`${example}\``,
    };
  }
  for (const t of match.tokens) w.claims.claim(t);
  claimMetricWords(w.claims, tokens, index, match.metric);
  completeScope(scopeInput, scope);
  const metric = vocabulary[match.metric];
  if (!metric) return { ok: false, lang, ...missingMetric(lang, vocabulary, [], '') };
  const format = (metric as { format?: string }).format;

  if (!conditionDraft) return { ok: false, lang, ...missingCondition(lang, vocabulary, metric) };
  const condition = finishCondition(conditionDraft, format === 'percent');
  if ('problem' in condition) {
    const example = exampleRule(lang, vocabulary, undefined, metric);
    return { ok: false, lang, example, message: `${condition.problem[lang]} ${forExample(lang, example)}` };
  }

  const ignored = w.claims.freeIndexes().flatMap((i) => {
    const t = tokens[i];
    return t && !isNoiseWord(t.word) && !ALERT_NOISE.has(t.word) && !isSoftWord(t.stem) ? [t.raw] : [];
  });
  const candidate = {
    name: name || defaultName(source, entities),
    metric: metric.name,
    scope: {
      ...(scope.team ? { team: scope.team } : {}),
      ...(scope.channel ? { channel: scope.channel } : {}),
      ...(scope.rep ? { rep: repText(scope.rep) } : {}),
    },
    fanOut,
    condition,
    lifecycle,
    routing,
    lang,
  };
  const outOfRange = boundsProblem(condition, lifecycle);
  if (outOfRange) {
    const example = exampleRule(lang, vocabulary, undefined, metric);
    return { ok: false, lang, example, message: `${outOfRange[lang]} ${forExample(lang, example)}` };
  }
  const parsed = alertRuleSpecSchema.safeParse(candidate);
  if (!parsed.success) {
    const example = exampleRule(lang, vocabulary, undefined, metric);
    const issues = describeSpecIssues(parsed.error).join('; ');
    return {
      ok: false,
      lang,
      example,
      message:
        lang === 'fr'
          ? `Cette règle ne tient pas${NBSP}: ${issues}. ${forExample(lang, example)}`
          : `That rule does not hold: ${issues}. ${forExample(lang, example)}`,
    };
  }
  return { ok: true, spec: parsed.data, lang, ignored };
}

/** "taux rdv→proposition" matched by the alias "taux de proposition": "rdv" belongs to the same metric. */
function claimMetricWords(
  claims: TokenClaims,
  tokens: readonly Token[],
  index: MetricIndex,
  metric: number,
): void {
  const stems = new Set(index.phrases.filter((p) => p.metric === metric).flatMap((p) => p.stems));
  for (const i of claims.freeIndexes()) {
    const t = tokens[i];
    if (t && stems.has(t.stem)) claims.claim(i);
  }
}

function ruleLanguage(text: string, hint: Lang | undefined): Lang {
  const evidence = languageEvidence(text);
  for (const t of tokenize(text)) {
    if (FRENCH_WORDS.has(t.word)) evidence.fr += 1;
    if (ENGLISH_WORDS.has(t.word)) evidence.en += 1;
  }
  return decideLanguage(evidence, hint);
}

function readRoutes(w: Working, entities: readonly ChatEntity[], platform: 'slack' | 'teams'): AlertRoute[] {
  const routes: AlertRoute[] = [];
  const add = (route: AlertRoute) => {
    const key = JSON.stringify(route);
    if (!routes.some((r) => JSON.stringify(r) === key)) routes.push(route);
  };
  for (const e of entities) {
    if (e.kind === 'channel') add({ to: 'channel', platform: 'slack', id: e.id });
  }
  for (let m = take(w, DM_ROUTE); m; m = take(w, DM_ROUTE)) {
    for (const who of [m[1], m[2]]) {
      if (!who) continue;
      add(re(`^${MANAGER}$`).test(who) ? { to: 'manager' } : { to: 'owner' });
    }
  }
  for (let m = take(w, CHANNEL_ROUTE); m; m = take(w, CHANNEL_ROUTE)) {
    const id = (groupText(w, m, 1) ?? '').replace(/[.-]+$/, '');
    if (id) add({ to: 'channel', platform, id });
  }
  return routes;
}

function readLifecycle(w: Working): { forEvaluations?: number; repeatEveryMinutes?: number } {
  const out: { forEvaluations?: number; repeatEveryMinutes?: number } = {};
  const forN = takeFirst(w, FOR_EVALUATIONS);
  if (forN) out.forEvaluations = parseNumber(forN[1]);
  const every = take(w, REPEAT_EVERY);
  if (every) {
    const n = every[1] ? parseNumber(every[1]) : 1;
    out.repeatEveryMinutes = Math.round(n * unitMinutes(every[2] ?? 'h'));
  } else {
    const cadence = take(w, REPEAT_CADENCE);
    if (cadence)
      out.repeatEveryMinutes = /hour|heure/.test(cadence[1] ?? '')
        ? 60
        : /week|semaine/.test(cadence[1] ?? '')
          ? 10_080
          : 1440;
    else if (take(w, NO_REPEAT)) out.repeatEveryMinutes = 0;
  }
  return out;
}

function unitMinutes(unit: string): number {
  if (/^(?:m|mins?|minutes?)$/.test(unit)) return 1;
  if (/^(?:h|hrs?|hours?|heures?)$/.test(unit)) return 60;
  if (/^(?:d|days?|j|jours?)$/.test(unit)) return 1440;
  return 10_080;
}

type Versus = { versus: 'previous' | 'last_year'; days: number | null } | null;

function readVersus(w: Working): Versus {
  if (takeFirst(w, LAST_YEAR)) return { versus: 'last_year', days: null };
  const previous = take(w, PREVIOUS[0] as RegExp);
  if (previous) {
    const n = parseNumber(previous[1] ?? previous[3]);
    const unit = previous[2] ?? previous[4] ?? '';
    if (/^(?:years?|annee)$/.test(unit)) return { versus: 'last_year', days: null };
    const perUnit = UNIT_DAYS[unit] ?? null;
    return { versus: 'previous', days: perUnit === null ? null : perUnit * (Number.isFinite(n) ? n : 1) };
  }
  if (take(w, PREVIOUS[1] as RegExp)) return { versus: 'previous', days: null };
  const standalone = take(w, PREVIOUS_STANDALONE);
  if (standalone) {
    const s = standalone[1] ?? '';
    const days = /^(?:dod|day)/.test(s)
      ? 1
      : /^(?:mom|month)/.test(s)
        ? 30
        : /^(?:qoq|quarter)/.test(s)
          ? 91
          : 7;
    return { versus: 'previous', days };
  }
  return null;
}

type Window = {
  /** The first "over N days|weeks" as days: a threshold's or a change's window. */
  days: number | null;
  /** The first window counted in days: an anomaly's lookback. */
  dayCount: number | null;
  /** The first window counted in weeks: an anomaly's history. */
  weeks: number | null;
  grain: PaceGrain | 'day' | null;
};

function readWindow(w: Working): Window {
  const out: Window = { days: null, dayCount: null, weeks: null, grain: null };
  for (let over = take(w, WINDOW); over; over = take(w, WINDOW)) {
    const n = parseNumber(over[1]);
    const unit = over[2] ?? 'days';
    out.days ??= n * (UNIT_DAYS[unit] ?? 1);
    if (/^(?:weeks?|semaines?)$/.test(unit)) out.weeks ??= n;
    else if (/^(?:days?|jours?)$/.test(unit)) out.dayCount ??= n;
  }
  for (const [pattern, grain] of CADENCES) {
    if (take(w, pattern)) out.grain ??= grain;
  }
  return out;
}

function readFanOut(w: Working): FanOut | 'unsupported' {
  const breakdown = extractBreakdown(w.claims);
  if (breakdown === 'rep' || breakdown === 'team' || breakdown === 'channel') return breakdown;
  if (
    breakdown === null ||
    breakdown === 'day' ||
    breakdown === 'week' ||
    breakdown === 'month' ||
    breakdown === 'quarter'
  )
    return null;
  return 'unsupported';
}

/** What the text says about the condition, before the metric's format tells what a bare number means. */
type ConditionDraft =
  | { kind: 'threshold'; op: 'above' | 'below'; value: number; percent: boolean; windowDays: number | null }
  | {
      kind: 'change';
      direction: 'drop' | 'rise';
      pct: number;
      versus: 'previous' | 'last_year';
      windowDays: number | null;
    }
  | { kind: 'pace'; below: number | null; percent: boolean; grain: PaceGrain; workingDays: boolean | null }
  | { kind: 'anomaly'; direction: 'up' | 'down' | 'both'; lookbackDays: number | null; weeks: number | null };

function readCondition(w: Working, versus: Versus, window: Window): ConditionDraft | null {
  const windowDays = window.days ?? (window.grain ? grainDays(window.grain) : null);
  const anomaly = take(w, ANOMALY);
  // "spikes"/"dips" alone mean an anomaly, unless a percentage makes "drops 20%" a change.
  const falls = anomaly && FALLS.test(w.rest);
  const direction = SPIKES.test(w.rest) ? 'up' : DIPS.test(w.rest) || falls ? 'down' : 'both';
  if (anomaly || (direction !== 'both' && !versus && !re(`${NUM}${PCT}`).test(w.rest))) {
    if (direction !== 'both') take(w, direction === 'up' ? SPIKES : DIPS.test(w.rest) ? DIPS : FALLS);
    return { kind: 'anomaly', direction, lookbackDays: window.dayCount, weeks: window.weeks };
  }
  if (take(w, PACE)) {
    while (take(w, PACE));
    const bound = take(w, PACE_BOUND);
    take(w, TARGET_ALONE);
    const working = take(w, WORKING) ? true : take(w, CALENDAR) ? false : null;
    const grain = window.grain && window.grain !== 'day' ? window.grain : 'month';
    return {
      kind: 'pace',
      below: bound ? parseNumber(bound[1]) : null,
      percent: !!bound?.[2],
      grain,
      workingDays: working,
    };
  }
  const change = take(w, CHANGE);
  const signed = change ? null : take(w, SIGNED_CHANGE);
  if (change || signed) {
    const drop = change ? re(`^(?:${DROP})$`).test(change[1] ?? '') : signed?.[1] !== '+';
    const pct = parseNumber(change ? change[2] : signed?.[2]) / 100;
    return {
      kind: 'change',
      direction: drop ? 'drop' : 'rise',
      pct,
      versus: versus?.versus ?? 'previous',
      windowDays: versus?.days ?? windowDays,
    };
  }
  const threshold = take(w, THRESHOLD);
  if (threshold) {
    const op = re(`^(?:${ABOVE})$`).test(threshold[1] ?? '') ? 'above' : 'below';
    return {
      kind: 'threshold',
      op,
      value: parseNumber(threshold[2], threshold[3]),
      percent: !!threshold[4],
      windowDays,
    };
  }
  return null;
}

function grainDays(grain: PaceGrain | 'day'): number {
  return { day: 1, week: 7, month: 30, quarter: 91, year: 365 }[grain];
}

interface Problem {
  problem: { en: string; fr: string };
}

/** The schema's bounds, said in the user's words and language (the schema's messages name YAML fields). */
function boundsProblem(
  c: AlertCondition,
  lifecycle: { forEvaluations?: number; repeatEveryMinutes?: number },
): Problem['problem'] | null {
  if (c.kind === 'change' && !(c.pct > 0 && c.pct <= 10))
    return {
      en: 'The change must be more than 0% and at most 1,000%.',
      fr: `La variation doit être supérieure à 0${NBSP}% et d'au plus 1${NBSP}000${NBSP}%.`,
    };
  if (c.kind === 'pace' && !(c.below > 0 && c.below <= 10))
    return {
      en: 'The pace bound must be more than 0% and at most 1,000% of the objective.',
      fr: `Le seuil de rythme doit être supérieur à 0${NBSP}% et d'au plus 1${NBSP}000${NBSP}% de l'objectif.`,
    };
  if ((c.kind === 'threshold' || c.kind === 'change') && !(c.windowDays >= 1 && c.windowDays <= 366))
    return {
      en: 'The window must be 1 to 366 days.',
      fr: 'La fenêtre doit faire de 1 à 366 jours.',
    };
  if (c.kind === 'anomaly' && !(c.weeks >= 3 && c.weeks <= 52 && c.lookbackDays >= 1))
    return {
      en: 'An anomaly compares with 3 to 52 weeks of history, over at least the last day.',
      fr: `Une anomalie se compare à 3 à 52 semaines d'historique, sur au moins le dernier jour.`,
    };
  const n = lifecycle.forEvaluations;
  if (n !== undefined && !(Number.isInteger(n) && n >= 1 && n <= 100))
    return {
      en: 'The number of checks in a row must be 1 to 100 (1 alerts at once).',
      fr: "Le nombre d'évaluations de suite doit être de 1 à 100 (1 alerte tout de suite).",
    };
  const every = lifecycle.repeatEveryMinutes;
  if (every !== undefined && !(every >= 0 && every <= 60 * 24 * 90))
    return {
      en: 'Reminders can repeat at most every 90 days (or say "no repeat").',
      fr: 'Les rappels peuvent se répéter au plus tous les 90 jours (ou dites « sans répétition »).',
    };
  return null;
}

function finishCondition(d: ConditionDraft, percentMetric: boolean): AlertCondition | Problem {
  switch (d.kind) {
    case 'threshold': {
      if (d.percent && !percentMetric)
        return {
          problem: {
            en: 'A percentage threshold only makes sense for a rate; write a plain number for this metric.',
            fr: `Un seuil en pourcentage ne vaut que pour un taux${NBSP}; indiquez un nombre pour cet indicateur.`,
          },
        };
      const value = d.percent || (percentMetric && d.value > 1) ? d.value / 100 : d.value;
      return { kind: 'threshold', op: d.op, value, windowDays: d.windowDays ?? 7 };
    }
    case 'change':
      return {
        kind: 'change',
        direction: d.direction,
        pct: d.pct,
        versus: d.versus,
        windowDays: d.windowDays ?? 7,
        minVolume: 10,
      };
    case 'pace': {
      const below = d.below === null ? 0.8 : d.percent || d.below > 2 ? d.below / 100 : d.below;
      return {
        kind: 'pace',
        below,
        grain: d.grain,
        minElapsed: 0.2,
        workingDays: d.workingDays ?? true,
      };
    }
    case 'anomaly':
      return {
        kind: 'anomaly',
        direction: d.direction,
        weeks: d.weeks ?? 8,
        lookbackDays: Math.min(31, d.lookbackDays ?? 1),
        sensitivity: 3,
        minChange: 0.5,
        minVolume: 5,
      };
  }
}

/** `channel web_form`, `team:Lyon`, `from web_form`: values the query layer leaves when they are metric words too. */
function readExplicitScope(
  w: Working,
  tokens: readonly Token[],
  scope: ReturnType<typeof extractScope>,
): void {
  for (let i = 0; i < tokens.length - 1; i += 1) {
    const keyword = tokens[i];
    const field = keyword ? SCOPE_KEYWORDS[keyword.word] : undefined;
    if (!keyword || !field || !w.claims.isFree(i) || scope[field] !== null) continue;
    const link = ['de', 'du', 'd'].includes(tokens[i + 1]?.word ?? '') ? 1 : 0;
    const next = tokens[i + 1 + link];
    if (!next || !w.claims.isFree(i + 1, link + 1)) continue;
    const gap = w.source.length >= next.start ? maskedGap(tokens, i + link, next) : '';
    if (!/^[\s:='’]*$/.test(gap)) continue;
    if (isNoiseWord(next.word) || ALERT_NOISE.has(next.word) || /^\d+$/.test(next.word)) continue;
    const runMatch = /^[\p{L}\p{N}_.\-’']+/u.exec(textFrom(w, next.start));
    const value = (runMatch?.[0] ?? next.raw).replace(/[.\-’']+$/u, '');
    w.claims.claim(i, 1 + link);
    w.claims.claimSpan(next.start, next.start + value.length);
    if (field === 'rep') scope.rep = { kind: 'name', name: value };
    else scope[field] = value;
  }
}

/** "rep alice@acme.com", "commercial <@U42>": the mention is the rep, the keyword before it is understood too. */
function claimKeywordsBeforeMentions(
  claims: TokenClaims,
  tokens: readonly Token[],
  entities: readonly ChatEntity[],
): void {
  for (const e of entities) {
    if (e.kind !== 'user' && e.kind !== 'email' && e.kind !== 'person') continue;
    const before = tokens.findLastIndex((t) => t.end <= e.start);
    const word = tokens[before]?.word ?? '';
    if (SCOPE_KEYWORDS[word] === 'rep' || word === 'owner') claims.claim(before);
  }
}

function maskedGap(tokens: readonly Token[], before: number, next: Token): string {
  const prev = tokens[before];
  return prev ? ' '.repeat(Math.max(0, next.start - prev.end)) : '';
}

function textFrom(w: Working, start: number): string {
  return w.source.slice(start);
}

function repText(rep: NonNullable<ReturnType<typeof extractScope>['rep']>): string {
  switch (rep.kind) {
    case 'me':
      return 'me';
    case 'slack':
      return `<@${rep.userId}>`;
    case 'email':
      return rep.email;
    case 'name':
      return rep.name;
  }
}

/** The rule as typed, made readable: mentions by name, one line, at most 80 characters. */
function defaultName(source: string, entities: readonly ChatEntity[]): string {
  let text = '';
  let at = 0;
  for (const e of entities) {
    text += source.slice(at, e.start);
    const raw = source.slice(e.start, e.end);
    if (e.kind === 'channel') text += `#${e.name ?? e.id}`;
    else if (e.kind === 'user') text += `@${e.name ?? e.userId}`;
    else if (e.kind === 'person') text += `@${e.name}`;
    else if (e.kind === 'email') text += e.email;
    else text += raw.replace(/[<>]/g, '');
    at = e.end;
  }
  text = (text + source.slice(at)).replace(/\s+/g, ' ').trim();
  if (text.length <= NAME_CHARS) return text;
  return `${text.slice(0, NAME_CHARS - 1).trimEnd()}…`;
}

// --- messages ----------------------------------------------------------------------------------------------

function spoken(metric: MetricVocabulary | undefined, lang: Lang): string {
  if (!metric) return lang === 'fr' ? 'leads' : 'leads';
  const label = labelOf(metric, lang)
    .replace(/\s*\([^()]*\)/g, '')
    .trim();
  return /^\p{Lu}\p{Ll}/u.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

function exampleRule(
  lang: Lang,
  vocabulary: readonly MetricVocabulary[],
  extra?: string,
  metric?: MetricVocabulary,
): string {
  const m = spoken(metric ?? vocabulary.find((v) => v.name === 'leads') ?? vocabulary[0], lang);
  const base =
    lang === 'fr'
      ? `/kpi alerts add ${m} baisse de 20 % vs semaine précédente`
      : `/kpi alerts add ${m} drops 20% vs previous week`;
  return extra ? `${base} ${lang === 'fr' && extra === 'by rep' ? 'par commercial' : extra}` : base;
}

function forExample(lang: Lang, example: string): string {
  return lang === 'fr' ? `Par exemple${NBSP}: \`${example}\`` : `For example: \`${example}\``;
}

function quote(words: string, lang: Lang): string {
  const short = words.length > 40 ? `${words.slice(0, 39).trimEnd()}…` : words;
  return lang === 'fr' ? `«${NBSP}${short}${NBSP}»` : `“${short}”`;
}

function missingMetric(
  lang: Lang,
  vocabulary: readonly MetricVocabulary[],
  suggested: readonly number[],
  words: string,
): { message: string; example: string } {
  const labels = suggested.slice(0, 3).flatMap((i) => (vocabulary[i] ? [labelOf(vocabulary[i], lang)] : []));
  const example = exampleRule(lang, vocabulary, undefined, vocabulary[suggested[0] ?? -1]);
  const seeAll = lang === 'fr' ? '`/kpi liste` les montre tous.' : '`/kpi list` shows them all.';
  let message: string;
  if (!words) {
    message =
      lang === 'fr'
        ? `Quel indicateur surveiller${NBSP}? ${forExample(lang, example)} — ${seeAll}`
        : `Which metric should the alert watch? ${forExample(lang, example)} — ${seeAll}`;
  } else if (labels.length === 0) {
    message =
      lang === 'fr'
        ? `Je ne connais pas l'indicateur ${quote(words, lang)}. ${forExample(lang, example)} — ${seeAll}`
        : `I don't know the metric ${quote(words, lang)}. ${forExample(lang, example)} — ${seeAll}`;
  } else {
    message =
      lang === 'fr'
        ? `Je ne connais pas l'indicateur ${quote(words, lang)}. Vouliez-vous dire${NBSP}: ${labels.join(', ')}${NBSP}? ${forExample(lang, example)}`
        : `I don't know the metric ${quote(words, lang)}. Did you mean: ${labels.join(', ')}? ${forExample(lang, example)}`;
  }
  return { message, example };
}

/** No condition: the four kinds, one example each, on the metric the user named when there is one. */
function missingCondition(
  lang: Lang,
  vocabulary: readonly MetricVocabulary[],
  metric?: MetricVocabulary,
): { message: string; example: string } {
  const m = spoken(metric ?? vocabulary.find((v) => v.name === 'leads') ?? vocabulary[0], lang);
  const lines =
    lang === 'fr'
      ? [
          `Quand alerter${NBSP}? Une règle dit l'une de ces quatre choses${NBSP}:`,
          `• seuil${NBSP}: \`/kpi alerts add ${m} sous 20 sur 7 jours\``,
          `• variation${NBSP}: \`/kpi alerts add ${m} baisse de 20 % vs semaine précédente\``,
          `• rythme de l'objectif${NBSP}: \`/kpi alerts add ${m} rythme < 80 % de l'objectif mensuel\``,
          `• anomalie${NBSP}: \`/kpi alerts add ${m} anomalie\``,
        ]
      : [
          'When should it alert? A rule says one of these four things:',
          `• threshold: \`/kpi alerts add ${m} below 20 over 7 days\``,
          `• change: \`/kpi alerts add ${m} drops 20% vs previous week\``,
          `• objective pace: \`/kpi alerts add ${m} pace < 80% of target monthly\``,
          `• anomaly: \`/kpi alerts add ${m} anomaly\``,
        ];
  const example =
    lang === 'fr'
      ? `/kpi alerts add ${m} baisse de 20 % vs semaine précédente`
      : `/kpi alerts add ${m} drops 20% vs previous week`;
  return { message: lines.join('\n'), example };
}
