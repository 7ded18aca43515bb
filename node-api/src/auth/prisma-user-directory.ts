import { randomBytes, randomUUID } from 'node:crypto';
import type { Database } from '../db/client.ts';
import { Prisma, type User } from '../db/generated/client.ts';
import type { LedgerIdentity } from '../ledger/connection.ts';
import { NodeErrorCodes, userError } from '../schema/errors.ts';
import { CaError, CaErrorCodes, type CaRegistrar, type Enrollment } from './ca-registrar.ts';
import type { KeyVault } from './key-vault.ts';
import { parseNewUser } from './new-user.ts';
import {
  DEFAULT_LOGIN_LIMITS,
  LoginFailureReasons,
  LoginThrottle,
  type LoginFailureReason,
  type LoginLimits,
} from './login-throttle.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { hashSessionToken, newSessionToken } from './session-tokens.ts';
import { SessionWatcher } from './session-watcher.ts';
import type { EnterpriseKind, SessionUser } from './session-user.ts';
import type { LoginResult, NewUser, UserDirectory } from './user-directory.ts';
import { isEnterpriseKind, toSessionUser } from './user-row.ts';

export interface PrismaUserDirectoryOptions {
  db: Database;
  ca: CaRegistrar;
  vault: KeyVault;
  /** This org's MSP (SCF_MSP_ID): the CA issues its identities, and users act only for enterprises it hosts. */
  mspId: string;
  /**
   * The enterprise that runs this org's node (SCF_ADMIN_ENTERPRISE_ID). Only its users may hold the
   * admin role: on the ledger an admin acts for the whole org (registers enterprises, votes charter
   * amendments), which a tenant enterprise of a shared node, say one SME of the alliance, must not.
   */
  operatorEnterpriseId: string;
  sessionHours: number;
  /** When failed logins lock an account or hold an address back; DEFAULT_LOGIN_LIMITS when absent. */
  loginLimits?: LoginLimits;
  /** How often sessions watched by subscriptions are re-checked (SCF_SESSION_CHECK_SECONDS). */
  sessionCheckMs?: number;
  /** The clock; tests move it to expire sessions. */
  now?: () => Date;
}

const HOUR_MS = 3_600_000;
const DEFAULT_SESSION_CHECK_MS = 5_000;
const WRONG_LOGIN = 'wrong username or password';
/** The address of a login that came with none (in-process callers). */
const NO_ADDRESS = 'unknown';

/**
 * The CA identity of a user: its username plus part of its id. The id part keeps names unique at the CA
 * even when a username is reused after the database was reset, or clashes with an identity the network
 * registered itself (the org's `admin`). At most 64 characters, the limit of a certificate's CN.
 */
export function caIdentityName(username: string, userId: string): string {
  return `${username.slice(0, 55)}.${userId.replaceAll('-', '').slice(0, 8)}`;
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

/** Why a login fails: no such user, a wrong password, or a user no longer active; null when it passes. */
function failureOf(row: User | null, passwordMatches: boolean): LoginFailureReason | null {
  if (!row) return LoginFailureReasons.UnknownUser;
  if (!passwordMatches) return LoginFailureReasons.WrongPassword;
  if (row.status !== 'ACTIVE') return LoginFailureReasons.InactiveUser;
  return null;
}

const alreadyExists = (username: string) =>
  userError(NodeErrorCodes.AlreadyExists, `a user named ${username} already exists`);

/** A session's user as `authenticate` reads it, and whether the session has expired at `now`. */
interface SessionRow {
  id: string;
  username: string;
  displayName: string;
  role: string;
  enterpriseId: string;
  enterpriseKind: string;
  status: string;
  expired: boolean;
}

// Every request with a token runs it: one statement of fixed text ($1 token hash, $2 now).
const SESSION_OF = `SELECT u."id", u."username", u."display_name" AS "displayName", u."role",
    u."enterprise_id" AS "enterpriseId", u."enterprise_kind" AS "enterpriseKind", u."status",
    s."expires_at" <= $2::timestamp(3) AS "expired"
  FROM "sessions" s JOIN "users" u ON u."id" = s."user_id" WHERE s."token_hash" = $1`;

/** The org's users in its PostgreSQL; identities from its Fabric CA; private keys sealed by the KeyVault. */
export class PrismaUserDirectory implements UserDirectory {
  private readonly db: Database;
  private readonly ca: CaRegistrar;
  private readonly vault: KeyVault;
  private readonly mspId: string;
  private readonly operatorEnterpriseId: string;
  private readonly sessionMs: number;
  private readonly now: () => Date;
  private readonly throttle: LoginThrottle;
  private readonly watcher: SessionWatcher;
  /** Verified against when the username is unknown, so that a miss costs what a hit costs. */
  private dummyHash: Promise<string> | undefined;

  constructor(options: PrismaUserDirectoryOptions) {
    this.db = options.db;
    this.ca = options.ca;
    this.vault = options.vault;
    this.mspId = options.mspId;
    this.operatorEnterpriseId = options.operatorEnterpriseId;
    this.sessionMs = options.sessionHours * HOUR_MS;
    const now = options.now ?? (() => new Date());
    this.now = now;
    this.throttle = new LoginThrottle(options.db, options.loginLimits ?? DEFAULT_LOGIN_LIMITS, now);
    this.watcher = new SessionWatcher({
      live: (tokenHashes) => this.liveSessions(tokenHashes),
      intervalMs: options.sessionCheckMs ?? DEFAULT_SESSION_CHECK_MS,
    });
  }

  /**
   * Checks the password only once the throttle admits the attempt: a locked account or an address
   * held back is refused whatever the password, so the lock is no oracle. Every failure is recorded.
   */
  async login(username: string, password: string, address = NO_ADDRESS): Promise<LoginResult> {
    await this.throttle.admit(username, address);
    const row = await this.db.user.findUnique({ where: { username } });
    this.dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    const matches = await verifyPassword(row?.passwordHash ?? (await this.dummyHash), password);
    const failure = failureOf(row, matches);
    if (failure !== null || !row) {
      await this.throttle.failed(username, address, failure ?? LoginFailureReasons.UnknownUser);
      throw userError(NodeErrorCodes.Unauthenticated, WRONG_LOGIN);
    }
    await this.throttle.succeeded(username, address);
    const now = this.now();
    const { token, tokenHash } = newSessionToken();
    const expiresAt = new Date(now.getTime() + this.sessionMs);
    await this.db.$transaction([
      // Sweeps this user's dead sessions, so the table does not grow with every login.
      this.db.session.deleteMany({ where: { userId: row.id, expiresAt: { lte: now } } }),
      this.db.session.create({ data: { tokenHash, userId: row.id, expiresAt, createdAt: now } }),
    ]);
    return { token, expiresAt, user: toSessionUser(row) };
  }

  async logout(token: string): Promise<void> {
    const tokenHash = hashSessionToken(token);
    await this.db.session.deleteMany({ where: { tokenHash } });
    this.watcher.end(tokenHash);
  }

  sessionEnds(token: string, signal: AbortSignal): Promise<void> {
    return this.watcher.ended(hashSessionToken(token), signal);
  }

  /** Stops re-checking watched sessions (the node is stopping). */
  close(): void {
    this.watcher.close();
  }

  /** Of `tokenHashes`, those of sessions that have not expired and whose user is still active. */
  private async liveSessions(tokenHashes: readonly string[]): Promise<Set<string>> {
    const rows = await this.db.session.findMany({
      where: {
        tokenHash: { in: [...tokenHashes] },
        expiresAt: { gt: this.now() },
        user: { status: 'ACTIVE' },
      },
      select: { tokenHash: true },
    });
    return new Set(rows.map((row) => row.tokenHash));
  }

  async authenticate(token: string): Promise<SessionUser | null> {
    const tokenHash = hashSessionToken(token);
    const [session] = await this.db.$queryRawUnsafe<SessionRow[]>(
      SESSION_OF,
      tokenHash,
      this.now().toISOString(),
    );
    if (!session) return null;
    if (session.expired) {
      await this.db.session.deleteMany({ where: { tokenHash } });
      return null;
    }
    return session.status === 'ACTIVE' ? toSessionUser(session) : null;
  }

  /** A user of an enterprise this org hosts, active in the read model. */
  async create(input: NewUser): Promise<SessionUser> {
    const user = parseNewUser(input);
    const enterprise = await this.db.enterprise.findUnique({ where: { id: user.enterpriseId } });
    if (!enterprise)
      throw userError(NodeErrorCodes.NotFound, `enterprise ${user.enterpriseId} is not registered`);
    if (enterprise.hostMsp !== this.mspId) {
      throw userError(
        NodeErrorCodes.Forbidden,
        `enterprise ${enterprise.id} is hosted by ${enterprise.hostMsp}; its users belong to that org's node`,
      );
    }
    if (user.role === 'admin' && enterprise.id !== this.operatorEnterpriseId) {
      throw userError(
        NodeErrorCodes.Forbidden,
        `only users of ${this.operatorEnterpriseId}, which runs this org's node, may be admins; ` +
          `an admin acts for the whole org on the ledger`,
      );
    }
    if (enterprise.status !== 'ACTIVE') {
      throw userError(NodeErrorCodes.InvalidArgument, `enterprise ${enterprise.id} is ${enterprise.status}`);
    }
    if (!isEnterpriseKind(enterprise.kind))
      throw new Error(`enterprise ${enterprise.id} has kind ${enterprise.kind}`);
    return this.enrollAndStore(user, enterprise.kind);
  }

  /**
   * Enrolls the user at the CA, then stores it; skips the read model's enterprise check, which only
   * the bootstrap admin may (its enterprise is registered on the ledger after it exists). A CA failure
   * stores nothing; a CA identity left behind by a failed insert is harmless (never used, names unique).
   */
  async enrollAndStore(input: NewUser, enterpriseKind: EnterpriseKind): Promise<SessionUser> {
    const user = parseNewUser(input);
    if (await this.db.user.findUnique({ where: { username: user.username }, select: { id: true } })) {
      throw alreadyExists(user.username);
    }
    const id = randomUUID();
    const passwordHash = await hashPassword(user.password);
    const enrollment = await this.enrollAtCa(caIdentityName(user.username, id), user);
    const now = this.now();
    try {
      const row = await this.db.user.create({
        data: {
          id,
          username: user.username,
          displayName: user.displayName,
          passwordHash,
          role: user.role,
          enterpriseId: user.enterpriseId,
          enterpriseKind,
          mspId: this.mspId,
          certificatePem: enrollment.certificatePem,
          encryptedKey: this.vault.seal(enrollment.privateKeyPem),
          createdAt: now,
          updatedAt: now,
        },
      });
      return toSessionUser(row);
    } catch (error) {
      // A concurrent create of the same name got past the check above.
      if (isUniqueViolation(error)) throw alreadyExists(user.username);
      throw error;
    }
  }

  async findByUsername(username: string): Promise<SessionUser | null> {
    const row = await this.db.user.findUnique({ where: { username } });
    return row ? toSessionUser(row) : null;
  }

  async list(): Promise<SessionUser[]> {
    const rows = await this.db.user.findMany({ orderBy: { username: 'asc' } });
    return rows.map(toSessionUser);
  }

  async identityOf(userId: string): Promise<LedgerIdentity> {
    const row = await this.db.user.findUnique({ where: { id: userId } });
    if (!row) throw userError(NodeErrorCodes.NotFound, `no user ${userId}`);
    const encoder = new TextEncoder();
    return {
      mspId: row.mspId,
      certificatePem: encoder.encode(row.certificatePem),
      privateKeyPem: encoder.encode(this.vault.open(row.encryptedKey)),
    };
  }

  private async enrollAtCa(name: string, user: NewUser): Promise<Enrollment> {
    try {
      return await this.ca.enroll({ name, enterpriseId: user.enterpriseId, role: user.role });
    } catch (error) {
      if (error instanceof CaError && error.code === CaErrorCodes.Unreachable) {
        throw userError(NodeErrorCodes.LedgerUnavailable, "the org's certificate authority is unreachable");
      }
      if (error instanceof CaError && error.code === CaErrorCodes.InvalidRequest) {
        throw userError(NodeErrorCodes.InvalidArgument, error.message);
      }
      throw error;
    }
  }
}
