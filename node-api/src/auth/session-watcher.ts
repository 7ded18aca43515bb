export interface SessionWatcherOptions {
  /** Of the given token hashes, those whose sessions still hold (not ended, not expired, user active). */
  live: (tokenHashes: readonly string[]) => Promise<ReadonlySet<string>>;
  /** How often the watched sessions are checked together (SCF_SESSION_CHECK_SECONDS). */
  intervalMs: number;
}

/**
 * Tells long-lived requests (subscriptions) when the session they were opened with ends. A logout on this
 * process ends its watchers at once; anything else (a logout through another process of the node, expiry,
 * the user removed or disabled) is found by one query for all watched sessions every `intervalMs`.
 */
export class SessionWatcher {
  readonly #live: SessionWatcherOptions['live'];
  readonly #intervalMs: number;
  readonly #watchers = new Map<string, Set<() => void>>();
  #timer: NodeJS.Timeout | undefined;
  #checking = false;

  constructor(options: SessionWatcherOptions) {
    this.#live = options.live;
    this.#intervalMs = options.intervalMs;
  }

  /** Resolves when the session of `tokenHash` ends, or once `signal` aborts (the watcher left). */
  ended(tokenHash: string, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted) {
        resolve();
        return;
      }
      const done = (): void => {
        signal.removeEventListener('abort', done);
        const watchers = this.#watchers.get(tokenHash);
        watchers?.delete(done);
        if (watchers?.size === 0) this.#watchers.delete(tokenHash);
        resolve();
      };
      signal.addEventListener('abort', done);
      const watchers = this.#watchers.get(tokenHash) ?? new Set();
      watchers.add(done);
      this.#watchers.set(tokenHash, watchers);
      this.#start();
    });
  }

  /** The session ended on this process: its watchers learn now, not at the next check. */
  end(tokenHash: string): void {
    for (const done of [...(this.#watchers.get(tokenHash) ?? [])]) done();
  }

  /** Checks every watched session once, ending the watchers of those that no longer hold. */
  async check(): Promise<void> {
    const hashes = [...this.#watchers.keys()];
    if (hashes.length === 0) return;
    const live = await this.#live(hashes);
    for (const hash of hashes) if (!live.has(hash)) this.end(hash);
  }

  /** Stops checking (the node is stopping); watchers already waiting stay until their signal aborts. */
  close(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => {
      if (this.#watchers.size === 0) {
        this.close();
        return;
      }
      if (this.#checking) return;
      this.#checking = true;
      // A database hiccup must not cut every stream: the next check decides.
      this.check()
        .catch(() => undefined)
        .finally(() => {
          this.#checking = false;
        });
    }, this.#intervalMs);
    this.#timer.unref();
  }
}
