import type { Period } from '../periods/index.ts';
import { findPeriod as findPeriodPhrase } from '../periods/index.ts';
import { extractBreakdown } from './breakdown.ts';
import { blankSpan, type ChatEntity, scanChatEntities } from './chat-entities.ts';
import { matchCommand } from './commands.ts';
import { extractComparisons } from './compare.ts';
import { decideLanguage, languageEvidence } from './detect-language.ts';
import { ambiguousMetricError, tooLongError, unknownMetricError } from './error-messages.ts';
import { isNoiseWord, isSoftWord } from './lexicon.ts';
import { locatePeriod } from './locate-period.ts';
import { matchMetric, type QueryWord } from './match-metric.ts';
import { indexVocabulary } from './metric-index.ts';
import { completeScope, extractScope, type ScopeInput } from './scope.ts';
import { suggestMetrics } from './suggest.ts';
import { TokenClaims } from './token-claims.ts';
import { tokenize } from './tokenize.ts';
import type { Lang, ParsedInput, ParseOptions } from './types.ts';

/** Longer input is refused before any work: chat questions are short, and the parser must stay cheap. */
export const MAX_INPUT_CHARS = 500;

/**
 * Reads a chat question ("/kpi win rate by rep this quarter", "combien de rdv hier ?") into a query, a
 * subcommand, or an error worth showing the user. Never throws.
 */
export function parseInput(text: string, opts: ParseOptions): ParsedInput {
  const source = (typeof text === 'string' ? text : '').trim();
  if (source.length > MAX_INPUT_CHARS) {
    const lang = decideLanguage(languageEvidence(source.slice(0, MAX_INPUT_CHARS)), opts.lang);
    return {
      kind: 'error',
      lang,
      error: tooLongError({ lang, vocabulary: opts.vocabulary }, MAX_INPUT_CHARS),
    };
  }
  const ignoreMentions = opts.ignoreMentions ?? [];
  const { entities: allEntities, masked } = scanChatEntities(source);
  const entities = allEntities.filter((e) => !isIgnoredMention(e, ignoreMentions));
  const tokens = tokenize(masked);
  const evidence = languageEvidence(masked);
  const lang = decideLanguage(evidence, opts.lang);

  if (tokens.length === 0 && !entities.some((e) => e.kind !== 'other')) {
    return { kind: 'command', name: 'help', args: '', lang };
  }
  const command = matchCommand(tokens, source);
  if (command) return { kind: 'command', ...command, lang };

  const index = indexVocabulary(opts.vocabulary);
  const claims = new TokenClaims(tokens);
  const compare = extractComparisons(claims);
  const breakdown = extractBreakdown(claims);
  const period = findPeriodIn(masked, claims, lang, opts);
  const scopeInput: ScopeInput = {
    claims,
    entities,
    text: source,
    isMetricWord: (stem) => index.stems.has(stem),
  };
  const scope = extractScope(scopeInput);

  const words: QueryWord[] = claims
    .freeIndexes()
    .flatMap((i) => (tokens[i] && !isNoiseWord(tokens[i].word) ? [{ token: i, stem: tokens[i].stem }] : []));
  const match = matchMetric(index, words);
  // The user's words from the first to the last one concerned, as typed ("leads and meetings").
  const rawOf = (indexes: readonly number[]) => {
    const spans = indexes.flatMap((i) => tokens[i] ?? []);
    const first = spans[0];
    const last = spans.at(-1);
    return first && last ? source.slice(first.start, last.end) : '';
  };

  if (match.kind === 'ambiguous') {
    const facts = { lang, vocabulary: opts.vocabulary, metrics: match.metrics, words: rawOf(match.tokens) };
    return { kind: 'error', lang, error: ambiguousMetricError(facts) };
  }
  if (match.kind === 'none') {
    const unknown = words.filter((w) => !isSoftWord(w.stem)).map((w) => w.token);
    const suggested = suggestMetrics(
      index,
      words.map((w) => w.stem),
    );
    const facts = { lang, vocabulary: opts.vocabulary, metrics: suggested, words: rawOf(unknown) };
    return { kind: 'error', lang, error: unknownMetricError(facts) };
  }

  for (const token of match.tokens) claims.claim(token);
  completeScope(scopeInput, scope);
  const ignoredWords = claims.freeIndexes().flatMap((i) => {
    const token = tokens[i];
    return token && !isNoiseWord(token.word) && !isSoftWord(token.stem) ? [token.raw] : [];
  });
  const metric = opts.vocabulary[match.metric];
  if (!metric)
    return {
      kind: 'error',
      lang,
      error: unknownMetricError({ lang, vocabulary: [], metrics: [], words: '' }),
    };
  const queryLang: Lang = evidence.en === evidence.fr ? (match.lang ?? lang) : lang;
  return {
    kind: 'query',
    query: {
      metric: metric.name,
      period,
      scope,
      breakdown,
      compare,
      lang: queryLang,
      text: source,
      ignoredWords,
    },
  };
}

function isIgnoredMention(entity: ChatEntity, ignore: readonly string[]): boolean {
  if (ignore.length === 0) return false;
  const keys = new Set(ignore.map((m) => m.toLowerCase()));
  if (entity.kind === 'user')
    return keys.has(entity.userId.toLowerCase()) || keys.has((entity.name ?? '').toLowerCase());
  if (entity.kind === 'person') return keys.has(entity.name.toLowerCase());
  return false;
}

/** Looks for the period in what the other clauses left, so "vs last year" is not taken for the period. */
function findPeriodIn(masked: string, claims: TokenClaims, lang: Lang, opts: ParseOptions): Period | null {
  let text = masked;
  claims.tokens.forEach((t, i) => {
    if (!claims.isFree(i)) text = blankSpan(text, t.start, t.end);
  });
  const match = locatePeriod(text, opts.periodContext, lang, opts.findPeriod ?? findPeriodPhrase);
  if (!match) return null;
  claims.claimSpan(match.index, match.index + match.length);
  return match.period;
}
