import { isIPv6 } from 'node:net';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { NodeErrorCodes, userError, type ApiErrorCode } from '../schema/errors.ts';
import {
  claimAttempt,
  recordFailure,
  releaseAttempt,
  type Claim,
  type LockoutRule,
  type LockoutState,
} from './login-lockout.ts';

/** The login limits (SCF_LOGIN_* in config.ts). */
export interface LoginLimits {
  /** Failed logins of one user name within the window that lock the account. */
  accountFailures: number;
  /** Failed logins from one client address within the window that hold the address back. */
  addressFailures: number;
  windowSeconds: number;
  /** The first lock; each further lock in a row lasts twice as long. */
  lockoutSeconds: number;
  maxLockoutSeconds: number;
}

/** The same values as config.ts's defaults, for directories built without a config (tests). */
export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  accountFailures: 5,
  addressFailures: 50,
  windowSeconds: 900,
  lockoutSeconds: 60,
  maxLockoutSeconds: 3_600,
};

export function loginLimitsOf(
  config: Pick<
    Config,
    | 'SCF_LOGIN_ACCOUNT_FAILURES'
    | 'SCF_LOGIN_ADDRESS_FAILURES'
    | 'SCF_LOGIN_WINDOW_SECONDS'
    | 'SCF_LOGIN_LOCKOUT_SECONDS'
    | 'SCF_LOGIN_MAX_LOCKOUT_SECONDS'
  >,
): LoginLimits {
  return {
    accountFailures: config.SCF_LOGIN_ACCOUNT_FAILURES,
    addressFailures: config.SCF_LOGIN_ADDRESS_FAILURES,
    windowSeconds: config.SCF_LOGIN_WINDOW_SECONDS,
    lockoutSeconds: config.SCF_LOGIN_LOCKOUT_SECONDS,
    maxLockoutSeconds: config.SCF_LOGIN_MAX_LOCKOUT_SECONDS,
  };
}

/** Why a login failed, as recorded in login_failures. */
export const LoginFailureReasons = {
  UnknownUser: 'UNKNOWN_USER',
  WrongPassword: 'WRONG_PASSWORD',
  InactiveUser: 'INACTIVE_USER',
  /** Refused unchecked: the account is locked. */
  AccountLocked: 'ACCOUNT_LOCKED',
  /** Refused unchecked: too many failures from the client's address. */
  AddressLimited: 'ADDRESS_LIMITED',
} as const;

export type LoginFailureReason = (typeof LoginFailureReasons)[keyof typeof LoginFailureReasons];

type Scope = 'account' | 'address';

/** User names are at most 64 characters; anything longer is kept to this (it cannot be a user). */
const MAX_KEY_LENGTH = 128;

/**
 * The throttle key of a client address: IPv6 clients by their /64, which one subscriber usually holds
 * whole (counting each of its addresses apart would give it 2^64 fresh allowances).
 */
export function addressKey(address: string): string {
  // IPv4, and IPv4 written inside IPv6 (::ffff:a.b.c.d), count per address.
  if (!isIPv6(address) || address.includes('.')) return address;
  const [head = '', tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * Per-account and per-address lockout of logins, kept in PostgreSQL (login_throttles) so that every
 * process of the node counts the same failures, and every failed login recorded (login_failures).
 */
export class LoginThrottle {
  private readonly db: Database;
  private readonly now: () => Date;
  private readonly rules: Record<Scope, LockoutRule>;

  constructor(db: Database, limits: LoginLimits, now: () => Date) {
    this.db = db;
    this.now = now;
    const rule = (maxFailures: number): LockoutRule => ({
      maxFailures,
      windowMs: limits.windowSeconds * 1_000,
      lockoutMs: limits.lockoutSeconds * 1_000,
      maxLockoutMs: limits.maxLockoutSeconds * 1_000,
    });
    this.rules = { account: rule(limits.accountFailures), address: rule(limits.addressFailures) };
  }

  /**
   * Claims one password check for `username` from `address`. Refuses, without any check, an address
   * over its limit (RATE_LIMITED) or a locked account (ACCOUNT_LOCKED), whatever the password: the
   * answer must not tell a right password from a wrong one.
   */
  async admit(username: string, address: string): Promise<void> {
    const now = this.now();
    const byAddress = await this.step('address', address, (state) =>
      claimAttempt(state, now, this.rules.address),
    );
    if (!byAddress.allowed) {
      await this.record(username, address, LoginFailureReasons.AddressLimited, now);
      throw refusal(
        NodeErrorCodes.RateLimited,
        'too many failed logins from your address',
        byAddress.retryAfterMs,
      );
    }
    const byAccount = await this.step('account', username, (state) =>
      claimAttempt(state, now, this.rules.account),
    );
    if (!byAccount.allowed) {
      await this.fail('address', address, now);
      await this.record(username, address, LoginFailureReasons.AccountLocked, now);
      throw refusal(
        NodeErrorCodes.AccountLocked,
        'too many failed logins for this account',
        byAccount.retryAfterMs,
      );
    }
  }

  /** The admitted check failed: it counts against the account and the address, and is recorded. */
  async failed(username: string, address: string, reason: LoginFailureReason): Promise<void> {
    const now = this.now();
    await this.fail('address', address, now);
    await this.fail('account', username, now);
    await this.record(username, address, reason, now);
  }

  /** The admitted check passed: the account starts afresh, and the address gets its claim back. */
  async succeeded(username: string, address: string): Promise<void> {
    await this.db.loginThrottle.deleteMany({ where: { scope: 'account', key: keyOf('account', username) } });
    await this.step('address', address, (state) => ({ allowed: true, state: releaseAttempt(state) }));
  }

  private async fail(scope: Scope, key: string, now: Date): Promise<void> {
    await this.step(scope, key, (state) => ({
      allowed: true,
      state: recordFailure(state, now, this.rules[scope]),
    }));
  }

  /** Applies `next` to the key's state under a row lock, so that concurrent logins of any process queue. */
  private step(scope: Scope, rawKey: string, next: (state: LockoutState) => Claim): Promise<Claim> {
    const key = keyOf(scope, rawKey);
    const now = this.now();
    return this.db.$transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO login_throttles (scope, key, attempts, window_started_at, lockouts)
        VALUES (${scope}, ${key}, 0, ${now}, 0) ON CONFLICT (scope, key) DO NOTHING`;
      await tx.$queryRaw`SELECT 1 FROM login_throttles WHERE scope = ${scope} AND key = ${key} FOR UPDATE`;
      const { attempts, windowStartedAt, lockedUntil, lockouts, lastFailureAt } =
        await tx.loginThrottle.findUniqueOrThrow({ where: { scope_key: { scope, key } } });
      const claim = next({ attempts, windowStartedAt, lockedUntil, lockouts, lastFailureAt });
      await tx.loginThrottle.update({ where: { scope_key: { scope, key } }, data: claim.state });
      return claim;
    });
  }

  private async record(
    username: string,
    address: string,
    reason: LoginFailureReason,
    at: Date,
  ): Promise<void> {
    await this.db.loginFailure.create({
      data: { username: username.slice(0, MAX_KEY_LENGTH), address, reason, at },
    });
  }
}

function keyOf(scope: Scope, key: string): string {
  return scope === 'address' ? addressKey(key) : key.slice(0, MAX_KEY_LENGTH);
}

function refusal(code: ApiErrorCode, message: string, retryAfterMs: number) {
  const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1_000));
  return userError(code, `${message}; try again in ${String(retryAfterSeconds)} s`, { retryAfterSeconds });
}
