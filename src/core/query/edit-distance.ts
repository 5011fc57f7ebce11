const MAX_LENGTH = 32;

/** Optimal-string-alignment distance (Levenshtein + adjacent swaps), on at most 32 characters of each word. */
export function editDistance(a: string, b: string): number {
  const s = a.slice(0, MAX_LENGTH);
  const t = b.slice(0, MAX_LENGTH);
  const rows: number[][] = [];
  for (let i = 0; i <= s.length; i += 1) {
    const row: number[] = [i];
    for (let j = 1; j <= t.length; j += 1) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      const above = rows[i - 1] ?? [];
      let best = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      }
      row.push(best);
    }
    rows.push(row);
  }
  return rows[s.length]?.[t.length] ?? 0;
}

/** 1 for equal words, 0 for unrelated ones; a typed prefix ("conv", "opp") counts as close. */
export function wordSimilarity(typed: string, known: string): number {
  if (typed === known) return 1;
  const longest = Math.max(typed.length, known.length, 1);
  const similarity = 1 - editDistance(typed, known) / longest;
  const isPrefix = typed.length >= 3 && known.startsWith(typed);
  return isPrefix ? Math.max(similarity, 0.8) : similarity;
}
