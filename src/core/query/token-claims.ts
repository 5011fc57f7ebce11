import type { Token } from './tokenize.ts';

/** Which tokens a clause (comparison, breakdown, period, scope, metric) has already taken. */
export class TokenClaims {
  private readonly claimed: boolean[];

  constructor(readonly tokens: readonly Token[]) {
    this.claimed = tokens.map(() => false);
  }

  isFree(index: number, length = 1): boolean {
    if (index < 0 || index + length > this.tokens.length) return false;
    for (let i = index; i < index + length; i += 1) if (this.claimed[i]) return false;
    return true;
  }

  claim(index: number, length = 1): void {
    for (let i = index; i < index + length && i < this.tokens.length; i += 1) this.claimed[i] = true;
  }

  /** Claims every token overlapping the text span `[start, end)`. */
  claimSpan(start: number, end: number): void {
    this.tokens.forEach((t, i) => {
      if (t.start < end && t.end > start) this.claimed[i] = true;
    });
  }

  freeIndexes(): number[] {
    return this.tokens.flatMap((_, i) => (this.claimed[i] ? [] : [i]));
  }
}
