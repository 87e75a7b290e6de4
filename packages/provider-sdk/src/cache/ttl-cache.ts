export interface TtlCacheOptions {
  /** How long an entry stays fresh (catalog reads: 1 hour). */
  readonly ttlMs: number;
  readonly now?: () => number;
  /** Oldest entries are dropped beyond this many. Default: unlimited. */
  readonly maxEntries?: number;
}

interface Entry<Value> {
  readonly value: Value;
  readonly expiresAt: number;
}

/** An in-memory cache whose entries expire, for catalog reads (sizes, images, regions). */
export class TtlCache<Value> {
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #maxEntries: number;
  readonly #entries = new Map<string, Entry<Value>>();
  readonly #loading = new Map<string, Promise<Value>>();
  readonly #stats = { hits: 0, misses: 0 };

  constructor(options: TtlCacheOptions) {
    if (!(options.ttlMs >= 0)) throw new RangeError(`TtlCache: ttlMs must be zero or more, got ${options.ttlMs}`);
    this.#ttlMs = options.ttlMs;
    this.#now = options.now ?? Date.now;
    this.#maxEntries = options.maxEntries ?? Number.POSITIVE_INFINITY;
  }

  /** Lookups answered from the cache (or from a load already under way) and lookups that were not. */
  get stats(): { hits: number; misses: number } {
    return { ...this.#stats };
  }

  get size(): number {
    this.#dropExpired();
    return this.#entries.size;
  }

  get(key: string): Value | undefined {
    const entry = this.#fresh(key);
    if (entry) this.#stats.hits += 1;
    else this.#stats.misses += 1;
    return entry?.value;
  }

  set(key: string, value: Value): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value, expiresAt: this.#now() + this.#ttlMs });
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }

  /**
   * The cached value, or the result of `load` (then cached). Concurrent calls for one key
   * share a single load; a failed load is not cached.
   */
  getOrLoad(key: string, load: () => Promise<Value>): Promise<Value> {
    const entry = this.#fresh(key);
    if (entry) {
      this.#stats.hits += 1;
      return Promise.resolve(entry.value);
    }
    const pending = this.#loading.get(key);
    if (pending) {
      this.#stats.hits += 1;
      return pending;
    }
    this.#stats.misses += 1;
    const loading: Promise<Value> = Promise.resolve().then(load).then(
      (value) => {
        // A delete/clear during the load means the caller no longer wants this value cached.
        if (this.#loading.get(key) === loading) {
          this.#loading.delete(key);
          this.set(key, value);
        }
        return value;
      },
      (error: unknown) => {
        if (this.#loading.get(key) === loading) this.#loading.delete(key);
        throw error;
      },
    );
    this.#loading.set(key, loading);
    return loading;
  }

  delete(key: string): void {
    this.#entries.delete(key);
    this.#loading.delete(key);
  }

  clear(): void {
    this.#entries.clear();
    this.#loading.clear();
  }

  #fresh(key: string): Entry<Value> | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  #dropExpired(): void {
    const now = this.#now();
    for (const [key, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(key);
  }
}
