interface Waiting<V> {
  resolve: (value: V) => void;
  reject: (error: unknown) => void;
}

/**
 * Loads by key, collecting the keys asked for while GraphQL resolves one level of a result and
 * fetching them with a single call, so a page of 100 invoices costs one query for their sellers,
 * not 100. Caches for its lifetime: make one per request.
 */
export class BatchLoader<K, V> {
  private readonly cache = new Map<K, Promise<V>>();
  private waiting = new Map<K, Waiting<V>>();
  private readonly fetch: (keys: K[]) => Promise<Map<K, V>>;
  private readonly absent: V;

  /** `fetch` answers what it finds; keys it leaves out resolve to `absent`. */
  constructor(fetch: (keys: K[]) => Promise<Map<K, V>>, absent: V) {
    this.fetch = fetch;
    this.absent = absent;
  }

  load(key: K): Promise<V> {
    const cached = this.cache.get(key);
    if (cached) return cached;
    const promise = new Promise<V>((resolve, reject) => {
      if (this.waiting.size === 0) setImmediate(() => void this.flush());
      this.waiting.set(key, { resolve, reject });
    });
    this.cache.set(key, promise);
    return promise;
  }

  private async flush(): Promise<void> {
    const batch = this.waiting;
    this.waiting = new Map();
    try {
      const found = await this.fetch([...batch.keys()]);
      for (const [key, waiter] of batch) waiter.resolve(found.get(key) ?? this.absent);
    } catch (error) {
      for (const [key, waiter] of batch) {
        this.cache.delete(key);
        waiter.reject(error);
      }
    }
  }
}
