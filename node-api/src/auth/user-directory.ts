import type { LedgerIdentity } from '../ledger/connection.ts';
import type { Role, SessionUser } from './session-user.ts';

export interface NewUser {
  username: string;
  password: string;
  displayName: string;
  role: Role;
  enterpriseId: string;
}

export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: SessionUser;
}

/** The org's users: passwords, sessions, and each user's Fabric identity (key encrypted at rest). */
export interface UserDirectory {
  /**
   * Throws UNAUTHENTICATED on a wrong name or password (same answer for both); ACCOUNT_LOCKED or
   * RATE_LIMITED (with `retryAfterSeconds`) after too many failures for the name or from `address`.
   */
  login: (username: string, password: string, address?: string) => Promise<LoginResult>;
  logout: (token: string) => Promise<void>;
  /** The user of a live session token, or null. */
  authenticate: (token: string) => Promise<SessionUser | null>;
  /**
   * Resolves when the session of `token` ends (logout, expiry, its user removed or disabled), within
   * the directory's check interval; or once `signal` aborts.
   */
  sessionEnds: (token: string, signal: AbortSignal) => Promise<void>;
  /** Registers and enrolls the user at the org's CA, then stores it; nothing is stored if that fails. */
  create: (input: NewUser) => Promise<SessionUser>;
  list: () => Promise<SessionUser[]>;
  /** The user's enrolled certificate and decrypted private key. */
  identityOf: (userId: string) => Promise<LedgerIdentity>;
}
