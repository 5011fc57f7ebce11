/**
 * Signatures of Slack requests already accepted, until they would be refused as stale anyway. A captured request
 * replayed within its five-minute window is refused. In memory and per process: several web processes behind a
 * load balancer each keep their own, so there a replay landing on another process is stopped only by the
 * timestamp window (Slack's own guidance); a shared store (Redis SET NX EX) would close that gap.
 *
 * Only requests whose signature verified are remembered, so the size follows real Slack traffic; the bound is a
 * safety net: when full, the oldest entries go first.
 */
export class ReplayCache {
  private readonly seen = new Map<string, number>();

  constructor(private readonly maxEntries = 50_000) {}

  /** true the first time a key is seen (and remembers it until expiresAtMs); false for a replay. */
  remember(key: string, expiresAtMs: number, nowMs: number): boolean {
    const known = this.seen.get(key);
    if (known !== undefined && known > nowMs) return false;
    this.prune(nowMs);
    this.seen.delete(key);
    this.seen.set(key, expiresAtMs);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  private prune(nowMs: number): void {
    // Insertion order is close to expiry order (Slack signs at send time), so expired keys sit at the front.
    for (const [key, expires] of this.seen) {
      if (expires > nowMs) break;
      this.seen.delete(key);
    }
    if (this.seen.size < this.maxEntries) return;
    let drop = Math.max(1, Math.floor(this.maxEntries / 10));
    for (const key of this.seen.keys()) {
      if (drop-- <= 0) break;
      this.seen.delete(key);
    }
  }
}
