/**
 * Text folded for matching: lower case, no accents, one kind of apostrophe and dash, single spaces.
 * `origin[i]` is the UTF-16 index in the source text of folded char i, so a match maps back to the user's words.
 */
export interface FoldedText {
  text: string;
  origin: number[];
  /** UTF-16 index just after each folded char in the source text. */
  originEnd: number[];
}

const APOSTROPHES = /['’‘ʼ`´]/u;
const DASHES = /[-‐‑‒–—―]/u;
const COMBINING_MARKS = /\p{M}/gu;

function foldChar(char: string): string {
  if (APOSTROPHES.test(char)) return "'";
  if (DASHES.test(char)) return '-';
  if (/\s/u.test(char)) return ' ';
  // Ligatures and letters NFD does not decompose, common in French text.
  if (char === 'œ' || char === 'Œ') return 'oe';
  if (char === 'æ' || char === 'Æ') return 'ae';
  return char.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase();
}

export function foldText(source: string): FoldedText {
  let text = '';
  const origin: number[] = [];
  const originEnd: number[] = [];
  let index = 0;
  for (const char of source) {
    const folded = foldChar(char);
    const next = index + char.length;
    for (const out of folded) {
      if (out === ' ' && (text.length === 0 || text.endsWith(' '))) continue;
      text += out;
      for (let unit = 0; unit < out.length; unit++) {
        origin.push(index);
        originEnd.push(next);
      }
    }
    index = next;
  }
  return { text, origin, originEnd };
}

/** Maps a span of the folded text back to the source text. */
export function sourceSpan(folded: FoldedText, index: number, length: number) {
  const start = folded.origin[index] ?? 0;
  const end = folded.originEnd[index + length - 1] ?? start;
  return { index: start, length: end - start };
}
