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
const QUOTES: Record<string, string> = { '"': '"', '“': '”', '«': '»', "'": "'" };
const TRAILING_PUNCTUATION = /[?!.,;:)\]]+$/u;

/** Finds who, which team and which channel the question is about. The first of each wins. */
export function extractScope(input: ScopeInput): Scope {
  const scope: Scope = { rep: null, team: null, channel: null };
  readEntities(input, scope);
  readKeywords(input, scope);
  return scope;
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

function readKeywords(input: ScopeInput, scope: Scope): void {
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
    if (!keyword) continue;
    const value = readValue(input, i);
    if (!value || scope[keyword.value] !== null) continue;
    claims.claim(i);
    claims.claimSpan(value.start, value.end);
    if (keyword.value === 'rep') scope.rep = { kind: 'name', name: value.text };
    else scope[keyword.value] = value.text;
  }
}

/** The value after a scope keyword: `team:emea`, `team EMEA`, `équipe "Grands comptes"`. */
function readValue(
  input: ScopeInput,
  keywordIndex: number,
): { text: string; start: number; end: number } | null {
  const keyword = input.claims.tokens[keywordIndex];
  const next = input.claims.tokens[keywordIndex + 1];
  if (!keyword || !next || !input.claims.isFree(keywordIndex + 1)) return null;
  const gap = input.text.slice(keyword.end, next.start);
  const separator = /^\s*[:=]\s*$/.test(gap);
  const quote = gap.trim().slice(-1);
  const closing = QUOTES[quote];
  if (closing && /^\s*[:=]?\s*\S$/u.test(gap)) {
    const end = input.text.indexOf(closing, next.start);
    if (end > next.start) return scopeValueAt(input, next.start, end);
  }
  if (!separator && !/^\s+$/.test(gap)) return null;
  // The spaced form ("team emea") is a guess: refuse words that mean something else.
  if (!separator && !isPlainValue(input, next)) return null;
  const run = /^\S+/u.exec(input.text.slice(next.start))?.[0] ?? '';
  const text = run.replace(TRAILING_PUNCTUATION, '');
  return text ? scopeValueAt(input, next.start, next.start + text.length) : null;
}

function scopeValueAt(
  input: ScopeInput,
  start: number,
  end: number,
): { text: string; start: number; end: number } | null {
  const text = input.text.slice(start, end).trim();
  const covered = input.claims.tokens
    .map((t, i) => ({ t, i }))
    .filter(({ t }) => t.start < end && t.end > start);
  if (!text || covered.some(({ i }) => !input.claims.isFree(i))) return null;
  return { text, start, end };
}

function isPlainValue(input: ScopeInput, token: Token): boolean {
  return !isNoiseWord(token.word) && !isSoftWord(token.stem) && !input.isMetricWord(token.stem);
}

/**
 * "leads for alice": a word after "for"/"pour" that is nothing else is a rep's name. Run once the metric is
 * known, so that "for convrsion" stays an unknown metric word.
 */
export function readRepAfterFor(input: ScopeInput, scope: Scope): void {
  if (scope.rep) return;
  const { claims } = input;
  const tokens = claims.tokens;
  for (let i = 1; i < tokens.length; i += 1) {
    const token = tokens[i];
    if (!token || !FOR_WORDS.has(tokens[i - 1]?.word ?? '') || !claims.isFree(i)) continue;
    if (!isPlainValue(input, token) || /^\d+$/.test(token.word)) continue;
    let last = i;
    while (claims.isFree(last + 1) && tokens[last + 1] && isPlainValue(input, tokens[last + 1] as Token))
      last += 1;
    const end = tokens[last]?.end ?? token.end;
    claims.claim(i, last - i + 1);
    scope.rep = { kind: 'name', name: input.text.slice(token.start, end) };
    return;
  }
}
