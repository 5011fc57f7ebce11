import type { ChatEntity } from './chat-entities.ts';
import { isNoiseWord, isSoftWord } from './lexicon.ts';
import type { TokenClaims } from './token-claims.ts';
import type { Token } from './tokenize.ts';
import type { KpiQuery, RepRef } from './types.ts';
import { matchLongest } from './word-pattern.ts';

export type Scope = KpiQuery['scope'];

export interface ScopeInput {
  claims: TokenClaims;
  /** Without the mentions to ignore (the bot's own). */
  entities: readonly ChatEntity[];
  /** The original text: values are returned as typed ("EMEA", "north-america"). */
  text: string;
  /** Stems of every metric phrase: "team conversion" must not make a team called "conversion". */
  isMetricWord: (stem: string) => boolean;
}

type ScopeField = 'team' | 'channel' | 'rep';

const VALUE_KEYWORDS: ReadonlyArray<readonly [string, ScopeField]> = [
  ['team|equipe|squad', 'team'],
  ['channel|canal|source|origin|origine', 'channel'],
  ['rep|commercial|commerciale|vendeur|vendeuse|salesperson|seller|owner|user', 'rep'],
];

const ME_PATTERNS: ReadonlyArray<readonly [string, 'me' | 'not_me']> = [
  ['for|pour|a me|moi', 'me'],
  ['my|mine|mes|mon|ma|perso|personal|personnel|personnels', 'me'],
  // "my team" means the asker's team, which only the app knows: leave the default scope.
  ['my|mon|notre|our team|equipe', 'not_me'],
];

const FOR_WORDS = new Set(['for', 'pour']);
/** "équipe de Paris", "équipe d'Anvers". */
const VALUE_LINKS = new Set(['de', 'du', 'd']);
const QUOTES: Record<string, string> = { '"': '"', '“': '”', '«': '»', "'": "'" };
const TRAILING_PUNCTUATION = /[?!.,;:)\]]+$/u;

/**
 * Finds who, which team and which channel the question is about; the first of each wins. Words that also name
 * metrics are not taken as values yet ("team conversion"), see completeScope.
 */
export function extractScope(input: ScopeInput): Scope {
  const scope: Scope = { rep: null, team: null, channel: null };
  readEntities(input, scope);
  readKeywords(input, scope, 'strict');
  return scope;
}

/**
 * Once the metric has taken its words: "conversion rate channel email" (email also names metrics) and
 * "leads for alice" (a word after "for" that is nothing else is a rep's name; done last, so that
 * "for convrsion" stays an unknown metric word).
 */
export function completeScope(input: ScopeInput, scope: Scope): void {
  readKeywords(input, scope, 'lenient');
  readRepAfterFor(input, scope);
}

function readEntities(input: ScopeInput, scope: Scope): void {
  const setRep = (rep: RepRef) => {
    scope.rep ??= rep;
  };
  for (const entity of input.entities) {
    switch (entity.kind) {
      case 'user':
        setRep({ kind: 'slack', userId: entity.userId });
        break;
      case 'person':
        if (entity.name) setRep({ kind: 'name', name: entity.name });
        break;
      case 'email':
        setRep({ kind: 'email', email: entity.email.toLowerCase() });
        break;
      case 'channel': {
        // A bare channel mention is where the question was asked, not a filter; "channel <#C…|x>" is a filter.
        const keyword = keywordRightBefore(input, entity.start);
        if (keyword && scope.channel === null) {
          scope.channel = entity.name ?? entity.id;
          input.claims.claim(keyword.index);
        }
        break;
      }
      case 'other':
        break;
    }
  }
}

function keywordRightBefore(input: ScopeInput, position: number): { index: number } | null {
  const tokens = input.claims.tokens;
  for (let i = tokens.length - 1; i >= 0; i -= 1) {
    const token = tokens[i];
    if (!token || token.end > position) continue;
    const between = input.text.slice(token.end, position);
    const isChannelWord = ['channel', 'canal', 'source'].includes(token.word);
    return isChannelWord && /^[\s:=]*$/.test(between) && input.claims.isFree(i) ? { index: i } : null;
  }
  return null;
}

type Strictness = 'strict' | 'lenient';
type ScopeValue = { text: string; start: number; end: number };

function readKeywords(input: ScopeInput, scope: Scope, strictness: Strictness): void {
  const { claims } = input;
  const tokens = claims.tokens;
  for (let i = 0; i < tokens.length; i += 1) {
    if (!claims.isFree(i)) continue;
    const me = matchLongest(tokens, i, ME_PATTERNS);
    if (me && claims.isFree(i, me.length)) {
      claims.claim(i, me.length);
      if (me.value === 'me') scope.rep ??= { kind: 'me' };
      continue;
    }
    const keyword = matchLongest(tokens, i, VALUE_KEYWORDS);
    if (!keyword || scope[keyword.value] !== null) continue;
    const value =
      valueAfter(input, i, strictness) ??
      (keyword.value === 'rep' ? null : valueBefore(input, i, strictness));
    if (!value) continue;
    claims.claim(i);
    claims.claimSpan(value.start, value.end);
    if (keyword.value === 'rep') scope.rep = { kind: 'name', name: value.text };
    else scope[keyword.value] = value.text;
  }
}

/** The value after a scope keyword: `team:emea`, `team EMEA`, `équipe de Paris`, `équipe "Grands comptes"`. */
function valueAfter(input: ScopeInput, keywordIndex: number, strictness: Strictness): ScopeValue | null {
  const { tokens } = input.claims;
  const keyword = tokens[keywordIndex];
  let valueIndex = keywordIndex + 1;
  if (VALUE_LINKS.has(tokens[valueIndex]?.word ?? '')) valueIndex += 1;
  const next = tokens[valueIndex];
  if (!keyword || !next || !input.claims.isFree(keywordIndex + 1, valueIndex - keywordIndex)) return null;
  const gap = input.text.slice(tokens[valueIndex - 1]?.end ?? keyword.end, next.start);
  const quote = gap.trim().slice(-1);
  const closing = QUOTES[quote];
  if (closing && /^\s*[:=]?\s*\S$/u.test(gap)) {
    const end = input.text.indexOf(closing, next.start);
    if (end > next.start)
      return scopeValueAt(input, tokens[keywordIndex + 1]?.start ?? next.start, end, next.start);
  }
  const separator = valueIndex === keywordIndex + 1 && /^\s*[:=]\s*$/.test(gap);
  if (!separator && !/^[\s']+$/.test(gap)) return null;
  // The spaced form ("team emea") is a guess: refuse words that mean something else.
  if (!separator && !isPlainValue(input, next, strictness)) return null;
  const run = /^\S+/u.exec(input.text.slice(next.start))?.[0] ?? '';
  const text = run.replace(TRAILING_PUNCTUATION, '');
  const claimFrom = tokens[keywordIndex + 1]?.start ?? next.start;
  return text ? scopeValueAt(input, claimFrom, next.start + text.length, next.start) : null;
}

/** "the emea team", "linkedin channel": one plain word right before the keyword. */
function valueBefore(input: ScopeInput, keywordIndex: number, strictness: Strictness): ScopeValue | null {
  const previous = input.claims.tokens[keywordIndex - 1];
  const keyword = input.claims.tokens[keywordIndex];
  if (!previous || !keyword || !input.claims.isFree(keywordIndex - 1)) return null;
  if (!/^\s+$/.test(input.text.slice(previous.end, keyword.start))) return null;
  if (!isPlainValue(input, previous, strictness)) return null;
  return scopeValueAt(input, previous.start, previous.end, previous.start);
}

/** The value is `text[valueStart, end)`; every token of `[claimFrom, end)` must still be free. */
function scopeValueAt(
  input: ScopeInput,
  claimFrom: number,
  end: number,
  valueStart: number,
): ScopeValue | null {
  const text = input.text.slice(valueStart, end).trim();
  const covered = input.claims.tokens.flatMap((t, i) => (t.start < end && t.end > claimFrom ? [i] : []));
  if (!text || covered.some((i) => !input.claims.isFree(i))) return null;
  return { text, start: claimFrom, end };
}

function isPlainValue(input: ScopeInput, token: Token, strictness: Strictness): boolean {
  if (isNoiseWord(token.word) || isSoftWord(token.stem) || /^\d+$/.test(token.word)) return false;
  return strictness === 'lenient' || !input.isMetricWord(token.stem);
}

function readRepAfterFor(input: ScopeInput, scope: Scope): void {
  if (scope.rep) return;
  const { claims } = input;
  const tokens = claims.tokens;
  const isNamePart = (i: number) => {
    const token = tokens[i];
    return token !== undefined && claims.isFree(i) && isPlainValue(input, token, 'strict');
  };
  for (let i = 1; i < tokens.length; i += 1) {
    const token = tokens[i];
    if (!token || !FOR_WORDS.has(tokens[i - 1]?.word ?? '') || !isNamePart(i)) continue;
    let last = i;
    while (isNamePart(last + 1)) last += 1;
    claims.claim(i, last - i + 1);
    scope.rep = { kind: 'name', name: input.text.slice(token.start, tokens[last]?.end ?? token.end) };
    return;
  }
}
