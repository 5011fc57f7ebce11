import { describe, expect, it } from 'vitest';
import { ReplayCache } from '../../../src/slack/receiver/replay-cache.ts';

describe('ReplayCache', () => {
  it('accepts a key once until it expires, then again', () => {
    const cache = new ReplayCache();
    expect(cache.remember('v0=a', 1_000, 0)).toBe(true);
    expect(cache.remember('v0=a', 1_000, 999)).toBe(false);
    expect(cache.remember('v0=b', 1_000, 999)).toBe(true);
    expect(cache.remember('v0=a', 2_000, 1_000)).toBe(true);
  });

  it('forgets expired keys as new ones come, so its size follows recent traffic', () => {
    const cache = new ReplayCache();
    for (let i = 0; i < 100; i++) cache.remember(`k${i}`, 1_000 + i, i);
    expect(cache.size).toBe(100);
    cache.remember('late', 10_000, 5_000);
    expect(cache.size).toBe(1);
  });

  it('stays within its bound, dropping the oldest first', () => {
    const cache = new ReplayCache(100);
    for (let i = 0; i < 1_000; i++) expect(cache.remember(`k${i}`, 1e9, i)).toBe(true);
    expect(cache.size).toBeLessThanOrEqual(100);
    expect(cache.remember('k999', 1e9, 1_000)).toBe(false);
    expect(cache.remember('k0', 1e9, 1_000)).toBe(true);
  });
});
