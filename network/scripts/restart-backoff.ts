export interface BackoffOptions {
  /** The pause before the first restart. */
  firstMs: number;
  /** The longest pause: each restart in a row doubles it up to this. */
  maxMs: number;
  /** Healthy this long without a break, a process starts over at `firstMs`. */
  resetAfterMs: number;
}

/** 1 s, 2 s, 4 s … 60 s; back to 1 s after a minute of health. */
export const RESTART_BACKOFF: BackoffOptions = { firstMs: 1_000, maxMs: 60_000, resetAfterMs: 60_000 };

/**
 * The pauses before restarting one process: a process that keeps dying is restarted ever more slowly,
 * one that stayed healthy for a while is restarted quickly again.
 */
export class RestartBackoff {
  readonly #options: BackoffOptions;
  #restarts = 0;
  #healthySince: number | undefined;

  constructor(options: BackoffOptions = RESTART_BACKOFF) {
    this.#options = options;
  }

  /** The pause before the next restart, counted as one more restart in a row. */
  nextDelay(): number {
    const { firstMs, maxMs } = this.#options;
    const delay = Math.min(firstMs * 2 ** this.#restarts, maxMs);
    this.#restarts += 1;
    this.#healthySince = undefined;
    return delay;
  }

  /** The process was seen healthy at `now`. */
  healthy(now: number): void {
    this.#healthySince ??= now;
    if (now - this.#healthySince >= this.#options.resetAfterMs) this.#restarts = 0;
  }

  /** The process was seen not healthy: its healthy spell, if any, is broken. */
  unhealthy(): void {
    this.#healthySince = undefined;
  }
}
