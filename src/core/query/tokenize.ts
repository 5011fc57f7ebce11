/** A word of the input with its place in the original text, so clauses can be cut out by span. */
export interface Token {
  raw: string;
  /** Lower-cased, accent-free: what keyword lists are compared with. */
  word: string;
  /** `word` with a plural ending removed: what metric phrases are compared with. */
  stem: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+/gu;
const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss' };

/** Lower-case and strip accents, so "Réunions" and "reunions" compare equal. */
export function foldWord(raw: string): string {
  return raw
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[œæß]/g, (c) => LIGATURES[c] ?? c);
}

/** Plural-tolerant comparison key: "leads" → "lead", "réunions" → "reunion", "opportunities" → "opportunity". */
export function stemWord(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length >= 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const word = foldWord(m[0]);
    tokens.push({ raw: m[0], word, stem: stemWord(word), start: m.index, end: m.index + m[0].length });
  }
  return tokens;
}
