import type { Token } from './tokenize.ts';

interface Slot {
  words: ReadonlySet<string>;
  optional: boolean;
}

const compiled = new Map<string, Slot[]>();

function compile(pattern: string): Slot[] {
  const cached = compiled.get(pattern);
  if (cached) return cached;
  const slots = pattern
    .trim()
    .split(/\s+/)
    .map((slot) => {
      const optional = slot.endsWith('?');
      return { words: new Set((optional ? slot.slice(0, -1) : slot).split('|')), optional };
    });
  compiled.set(pattern, slots);
  return slots;
}

function matchSlots(tokens: readonly Token[], at: number, slots: readonly Slot[], s: number): number {
  if (s === slots.length) return 0;
  const slot = slots[s];
  if (!slot) return -1;
  const token = tokens[at];
  if (token && slot.words.has(token.word)) {
    const rest = matchSlots(tokens, at + 1, slots, s + 1);
    if (rest >= 0) return rest + 1;
  }
  return slot.optional ? matchSlots(tokens, at, slots, s + 1) : -1;
}

/**
 * A sequence of token slots written as text: slots are separated by spaces, alternatives by `|`, and a trailing
 * `?` makes a slot optional. `"the? previous|prior period|week?"` matches "previous", "the prior week"...
 *
 * Returns how many tokens from `at` the pattern matches (0 when every slot is optional and none matched), or -1.
 */
export function matchPattern(tokens: readonly Token[], at: number, pattern: string): number {
  return matchSlots(tokens, at, compile(pattern), 0);
}

/** The longest of several patterns matching at `at`, with the value attached to it. */
export function matchLongest<T>(
  tokens: readonly Token[],
  at: number,
  patterns: ReadonlyArray<readonly [string, T]>,
): { value: T; length: number } | null {
  let best: { value: T; length: number } | null = null;
  for (const [pattern, value] of patterns) {
    const length = matchPattern(tokens, at, pattern);
    if (length > 0 && (!best || length > best.length)) best = { value, length };
  }
  return best;
}
