import { describe, expect, it, vi } from 'vitest';
import { TtlCache } from './ttl-cache.js';

function clock(): { now: () => number; advance: (ms: number) => void } {
  let time = 0;
  return { now: () => time, advance: (ms) => void (time += ms) };
}

describe('TtlCache', () => {
  it('returns values until they expire and counts hits and misses', () => {
    const time = clock();
    const cache = new TtlCache<string>({ ttlMs: 1000, now: time.now });
    cache.set('sizes', 'catalog');
    expect(cache.get('sizes')).toBe('catalog');
    time.advance(999);
    expect(cache.get('sizes')).toBe('catalog');
    time.advance(1);
    expect(cache.get('sizes')).toBeUndefined();
    expect(cache.stats).toEqual({ hits: 2, misses: 1 });
  });

  it('shares one load between concurrent callers and caches its result', async () => {
    const time = clock();
    const cache = new TtlCache<number>({ ttlMs: 60_000, now: time.now });
    const load = vi.fn(async () => 42);
    const results = await Promise.all([cache.getOrLoad('k', load), cache.getOrLoad('k', load), cache.getOrLoad('k', load)]);
    expect(results).toEqual([42, 42, 42]);
    expect(await cache.getOrLoad('k', load)).toBe(42);
    expect(load).toHaveBeenCalledTimes(1);
    time.advance(60_000);
    await cache.getOrLoad('k', load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('does not cache a failed load', async () => {
    const cache = new TtlCache<number>({ ttlMs: 1000 });
    const load = vi.fn().mockRejectedValueOnce(new Error('boom')).mockResolvedValueOnce(7);
    await expect(cache.getOrLoad('k', load)).rejects.toThrow('boom');
    await expect(cache.getOrLoad('k', load)).resolves.toBe(7);
  });

  it('drops the oldest entries beyond maxEntries', () => {
    const cache = new TtlCache<number>({ ttlMs: 1000, maxEntries: 2 });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 3);
    cache.set('c', 4);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(3);
    expect(cache.get('c')).toBe(4);
  });

  it('forgets on delete and clear, including a load under way', async () => {
    const cache = new TtlCache<number>({ ttlMs: 1000 });
    cache.set('a', 1);
    cache.delete('a');
    expect(cache.get('a')).toBeUndefined();
    const pending = cache.getOrLoad('b', async () => 2);
    cache.clear();
    await pending;
    expect(cache.get('b')).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
