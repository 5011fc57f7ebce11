/**
 * Says yes to exactly `share` of the calls, evenly spread (…yes, no, yes, yes, no…), with no random draw. Used
 * where the demo needs a rate that holds over a couple of weeks of a dozen events: a coin flip per event would make
 * the rate swing by ±15 points and invent drops of its own next to the planted one.
 */
export function createQuota(share: number): () => boolean {
  let calls = 0;
  return () => {
    const k = calls++;
    return Math.floor((k + 1) * share) > Math.floor(k * share);
  };
}
