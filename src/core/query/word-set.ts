/** A set from a whitespace-separated list: keeps long vocabularies readable (the formatter would put one a line). */
export function wordSet(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/).filter((w) => w.length > 0));
}
