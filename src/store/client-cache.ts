/**
 * Values a process remembers for a while, per database client and key (a tenant id): per client, so that two
 * databases in one process (tests, a migration next to the app) never share a tenant's values.
 */
export class ClientCache<T> {
  private readonly byClient = new WeakMap<object, Map<string, { value: T; at: number }>>();

  constructor(readonly ttlMs: number) {}

  get(client: object, key: string, now: number): T | undefined {
    const hit = this.byClient.get(client)?.get(key);
    return hit && now - hit.at < this.ttlMs ? hit.value : undefined;
  }

  set(client: object, key: string, value: T, now: number): void {
    let byKey = this.byClient.get(client);
    if (!byKey) {
      byKey = new Map();
      this.byClient.set(client, byKey);
    }
    byKey.set(key, { value, at: now });
  }

  delete(client: object, key: string): void {
    this.byClient.get(client)?.delete(key);
  }
}
