/** Levenshtein distance; names here are short identifiers, so the quadratic table is cheap. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Up to `limit` known names that look like a misspelling of `typed`, closest first, for "did you mean". */
export function closestNames(typed: string, known: readonly string[], limit = 3): string[] {
  const lower = typed.toLowerCase();
  const tolerance = Math.max(2, Math.floor(lower.length / 3));
  return known
    .map((name) => {
      const contains = lower.length >= 3 && (name.includes(lower) || lower.includes(name));
      return { name, score: distance(lower, name), contains };
    })
    .filter((s) => s.score <= tolerance || s.contains)
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((s) => s.name);
}

/** " Did you mean a or b?" or "" when nothing is close. */
export function didYouMean(typed: string, known: readonly string[]): string {
  const names = closestNames(typed, known);
  if (names.length === 0) return '';
  return ` Did you mean ${names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`}?`;
}
