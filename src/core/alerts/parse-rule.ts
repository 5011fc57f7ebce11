import type { Catalog } from '../metrics/index.ts';
import { foldText } from '../periods/normalize-text.ts';
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
import {
  boundsProblem,
  finishCondition,
  groupText,
  readCondition,
  readFanOut,
  readLifecycle,
  readRoutes,
  readVersus,
  readWindow,
  take,
  type Working,
} from './rule-clauses.ts';
import { ALERT_NOISE, ENGLISH_WORDS, FRENCH_WORDS, NAME, SCOPE_KEYWORDS } from './rule-grammar.ts';
import { exampleRule, forExample, missingCondition, missingMetric, quote } from './rule-messages.ts';
import { alertRuleSpecSchema, describeSpecIssues } from './rule-spec.ts';
import type { AlertRuleSpec, Lang } from './types.ts';

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
    // "team:emea", "team emea", "équipe d'Anvers"; not "team, weekly".
    const gap = w.source.slice(tokens[i + link]?.end ?? next.start, next.start);
    if (!/^[\s:='’]*$/.test(gap)) continue;
    if (isNoiseWord(next.word) || ALERT_NOISE.has(next.word) || /^\d+$/.test(next.word)) continue;
    const runMatch = /^[\p{L}\p{N}_.\-’']+/u.exec(w.source.slice(next.start));
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
