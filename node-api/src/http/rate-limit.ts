import { clientAddress } from './client-address.ts';

/** What a request costs against its caller's allowance. */
export interface RateDecision {
  allowed: boolean;
  /** Whole seconds until the next request would be allowed (0 when allowed). */
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Callers remembered at most; the longest unseen is forgotten first (it comes back with a full bucket). */
const MAX_CALLERS = 100_000;

/**
 * A token bucket per caller: up to `perMinute` requests at once, refilled evenly over a minute. A burst
 * such as a dashboard loading passes; a client that keeps on faster than the allowance is held to it.
 * Per process: each org node counts its own callers.
 */
export class RateLimiter {
  readonly #capacity: number;
  readonly #perMs: number;
  readonly #now: () => number;
  readonly #buckets = new Map<string, Bucket>();

  constructor(perMinute: number, now: () => number = Date.now) {
    this.#capacity = perMinute;
    this.#perMs = perMinute / 60_000;
    this.#now = now;
  }

  take(key: string): RateDecision {
    const now = this.#now();
    const bucket = this.#buckets.get(key) ?? { tokens: this.#capacity, at: now };
    bucket.tokens = Math.min(this.#capacity, bucket.tokens + (now - bucket.at) * this.#perMs);
    bucket.at = now;
    this.#remember(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, retryAfterSeconds: 0 };
    }
    return { allowed: false, retryAfterSeconds: Math.ceil((1 - bucket.tokens) / this.#perMs / 1000) };
  }

  /** Re-inserts, so the map's order is least recently seen first, and forgets past MAX_CALLERS. */
  #remember(key: string, bucket: Bucket): void {
    this.#buckets.delete(key);
    this.#buckets.set(key, bucket);
    if (this.#buckets.size > MAX_CALLERS) {
      const oldest = this.#buckets.keys().next();
      if (!oldest.done) this.#buckets.delete(oldest.value);
    }
  }
}

/** Who a request counts against: the logged-in user, else the client's address (see clientAddress). */
export function rateLimitKey(userId: string | null, serverContext: Record<string, unknown>): string {
  if (userId !== null) return `user:${userId}`;
  return `address:${clientAddress(serverContext)}`;
}
