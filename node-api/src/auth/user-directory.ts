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
  /** Throws UserInputError UNAUTHENTICATED on a wrong name or password (same answer for both). */
  login: (username: string, password: string) => Promise<LoginResult>;
  logout: (token: string) => Promise<void>;
  /** The user of a live session token, or null. */
  authenticate: (token: string) => Promise<SessionUser | null>;
  /** Registers and enrolls the user at the org's CA, then stores it; nothing is stored if that fails. */
  create: (input: NewUser) => Promise<SessionUser>;
  list: () => Promise<SessionUser[]>;
  /** The user's enrolled certificate and decrypted private key. */
  identityOf: (userId: string) => Promise<LedgerIdentity>;
}
