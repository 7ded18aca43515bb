/**
 * The lockout rule for one account or one client address, as pure steps over its stored state (the
 * login throttle keeps that state in PostgreSQL, one row per account and per address).
 *
 * Every password check is claimed before it runs, so that a burst of parallel guesses counts as what it
 * is. `maxFailures` claims within `windowMs` that did not succeed lock the key; the first lock lasts
 * `lockoutMs`, each further lock in a row twice the one before, up to `maxLockoutMs`. A day without a
 * failure forgets the locks in a row; a successful login forgets everything about its account.
 */
export interface LockoutRule {
  maxFailures: number;
  windowMs: number;
  lockoutMs: number;
  maxLockoutMs: number;
}

export interface LockoutState {
  /** Password checks claimed in the current window and not given back by a success. */
  attempts: number;
  windowStartedAt: Date;
  lockedUntil: Date | null;
  /** Locks in a row, which set the next lock's length. */
  lockouts: number;
  lastFailureAt: Date | null;
}

export type Claim =
  { allowed: true; state: LockoutState } | { allowed: false; state: LockoutState; retryAfterMs: number };

/** After this long without a failure, the next lock is a first lock again. */
const LOCKOUTS_FORGOTTEN_MS = 86_400_000;

/** Claims one password check: refused while locked, or when the window's checks are used up. */
export function claimAttempt(state: LockoutState, now: Date, rule: LockoutRule): Claim {
  if (state.lockedUntil && state.lockedUntil > now) return refused(state, now);
  let next: LockoutState = { ...state, lockedUntil: null };
  if (!next.lastFailureAt || now.getTime() - next.lastFailureAt.getTime() >= LOCKOUTS_FORGOTTEN_MS) {
    next.lockouts = 0;
  }
  if (now.getTime() - next.windowStartedAt.getTime() >= rule.windowMs) {
    next = { ...next, attempts: 0, windowStartedAt: now };
  }
  // Only parallel checks still running get here: each sequential failure locks on its own below.
  if (next.attempts >= rule.maxFailures) return refused(lock(next, now, rule), now);
  return { allowed: true, state: { ...next, attempts: next.attempts + 1 } };
}

/** A claimed check failed (or was refused elsewhere): the last one the window allows locks the key. */
export function recordFailure(state: LockoutState, now: Date, rule: LockoutRule): LockoutState {
  const next = { ...state, lastFailureAt: now };
  return next.attempts >= rule.maxFailures ? lock(next, now, rule) : next;
}

/** A claimed check succeeded: it does not count against the key (used for addresses). */
export function releaseAttempt(state: LockoutState): LockoutState {
  return { ...state, attempts: Math.max(0, state.attempts - 1) };
}

function lock(state: LockoutState, now: Date, rule: LockoutRule): LockoutState {
  const lockouts = state.lockouts + 1;
  const lockMs = Math.min(rule.lockoutMs * 2 ** (lockouts - 1), rule.maxLockoutMs);
  return {
    ...state,
    attempts: 0,
    windowStartedAt: now,
    lockouts,
    lockedUntil: new Date(now.getTime() + lockMs),
  };
}

function refused(state: LockoutState, now: Date): Claim {
  const retryAfterMs = (state.lockedUntil?.getTime() ?? now.getTime()) - now.getTime();
  return { allowed: false, state, retryAfterMs };
}
