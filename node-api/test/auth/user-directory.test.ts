import { createPrivateKey, randomBytes, X509Certificate } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CaError, CaErrorCodes } from '../../src/auth/ca-registrar.ts';
import { KeyVault, KeyVaultError } from '../../src/auth/key-vault.ts';
import { PrismaUserDirectory } from '../../src/auth/prisma-user-directory.ts';
import type { NewUser } from '../../src/auth/user-directory.ts';
import { certificateAttributes } from '../support/certificates.ts';
import { startFreshDatabase, type FreshDatabase } from '../support/fresh-database.ts';
import {
  directoryOn,
  ENTERPRISES,
  MSP,
  PASSWORD,
  seedEnterprises,
  type DirectoryFixture,
} from './directory-fixture.ts';

/** The `extensions.code` a call fails with (it must fail with a user error). */
async function codeOf(call: Promise<unknown>): Promise<unknown> {
  const error: unknown = await call.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(GraphQLError);
  return (error as GraphQLError).extensions.code;
}

describe('user directory on PostgreSQL', () => {
  let database: FreshDatabase;
  let fixture: DirectoryFixture;
  let counter = 0;
  /** A valid new user with a name of its own. */
  const newUser = (overrides: Partial<NewUser> = {}): NewUser => ({
    username: `user${String((counter += 1))}`,
    password: PASSWORD,
    displayName: 'Wang Fang',
    role: 'clerk',
    enterpriseId: ENTERPRISES.own.id,
    ...overrides,
  });

  beforeAll(async () => {
    database = await startFreshDatabase();
    await seedEnterprises(database.db);
  });
  afterAll(async () => {
    await database.stop();
  });
  beforeEach(() => {
    fixture = directoryOn(database.db);
  });

  describe('login', () => {
    it('opens a session for the right password, with the user it belongs to', async () => {
      const created = await fixture.directory.create(newUser({ role: 'approver' }));
      const result = await fixture.directory.login(created.username, PASSWORD);
      expect(result.user).toEqual(created);
      expect(result.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(result.expiresAt).toEqual(new Date(fixture.clock.now().getTime() + 12 * 3_600_000));
      expect(await fixture.directory.authenticate(result.token)).toEqual(created);
    });

    it('answers a wrong password and an unknown user identically', async () => {
      const { username } = await fixture.directory.create(newUser());
      const wrong = await fixture.directory.login(username, 'not the password').catch((e: unknown) => e);
      const stranger = await fixture.directory.login('nobody-here', PASSWORD).catch((e: unknown) => e);
      expect(wrong).toBeInstanceOf(GraphQLError);
      expect(stranger).toBeInstanceOf(GraphQLError);
      const { message, extensions } = wrong as GraphQLError;
      expect({ message, extensions }).toEqual({
        message: (stranger as GraphQLError).message,
        extensions: (stranger as GraphQLError).extensions,
      });
      expect(extensions.code).toBe('UNAUTHENTICATED');
    });

    it('refuses a user that is no longer active', async () => {
      const { id, username } = await fixture.directory.create(newUser());
      await database.db.user.update({ where: { id }, data: { status: 'DISABLED' } });
      expect(await codeOf(fixture.directory.login(username, PASSWORD))).toBe('UNAUTHENTICATED');
    });

    it('stores only the hash of the session token', async () => {
      const { username } = await fixture.directory.create(newUser());
      const { token } = await fixture.directory.login(username, PASSWORD);
      const stored = await database.db.session.findMany({ select: { tokenHash: true } });
      expect(stored.map((row) => row.tokenHash)).not.toContain(token);
      expect(stored.every((row) => /^[0-9a-f]{64}$/.test(row.tokenHash))).toBe(true);
    });
  });

  describe('sessions', () => {
    it('rejects and deletes a session once it expired', async () => {
      const { username } = await fixture.directory.create(newUser());
      const { token, user } = await fixture.directory.login(username, PASSWORD);
      fixture.clock.advanceHours(11.9);
      expect(await fixture.directory.authenticate(token)).toEqual(user);
      fixture.clock.advanceHours(0.1);
      expect(await fixture.directory.authenticate(token)).toBeNull();
      expect(await database.db.session.count({ where: { userId: user.id } })).toBe(0);
    });

    it('ends a session on logout, leaving the user’s other sessions alive', async () => {
      const { username } = await fixture.directory.create(newUser());
      const first = await fixture.directory.login(username, PASSWORD);
      const second = await fixture.directory.login(username, PASSWORD);
      await fixture.directory.logout(first.token);
      expect(await fixture.directory.authenticate(first.token)).toBeNull();
      expect(await fixture.directory.authenticate(second.token)).toEqual(second.user);
    });

    it('knows no made-up token', async () => {
      expect(await fixture.directory.authenticate(randomBytes(32).toString('base64url'))).toBeNull();
    });
  });

  describe('create', () => {
    it('enrolls at the CA with the enterprise and role, and seals the private key', async () => {
      const user = await fixture.directory.create(newUser({ role: 'admin', displayName: '  Li Lei ' }));
      expect(user).toMatchObject({ role: 'admin', displayName: 'Li Lei', enterpriseKind: 'SUPPLIER' });
      const [request] = fixture.ca.requests;
      expect(request).toMatchObject({ enterpriseId: ENTERPRISES.own.id, role: 'admin' });
      expect(request?.name).toMatch(new RegExp(`^${user.username}\\.[0-9a-f]{8}$`));

      const row = await database.db.user.findUniqueOrThrow({ where: { id: user.id } });
      const identity = await fixture.directory.identityOf(user.id);
      const keyPem = new TextDecoder().decode(identity.privateKeyPem);
      expect(keyPem).toContain('BEGIN PRIVATE KEY');
      expect(row.encryptedKey).not.toContain('PRIVATE KEY');
      expect(Buffer.from(row.encryptedKey, 'base64').toString('latin1')).not.toContain('PRIVATE KEY');
      expect(row.passwordHash).toMatch(/^\$argon2id\$/);
      expect(identity.mspId).toBe(MSP);
      const certificate = new X509Certificate(Buffer.from(identity.certificatePem));
      expect(certificate.checkPrivateKey(createPrivateKey(keyPem))).toBe(true);
      expect(certificateAttributes(row.certificatePem)).toMatchObject({
        'scf.enterpriseId': ENTERPRISES.own.id,
        'scf.role': 'admin',
      });
    });

    it('cannot open the keys with another key encryption key', async () => {
      const user = await fixture.directory.create(newUser());
      const other = new PrismaUserDirectory({
        db: database.db,
        ca: fixture.ca,
        vault: new KeyVault(randomBytes(32)),
        mspId: MSP,
        operatorEnterpriseId: ENTERPRISES.own.id,
        sessionHours: 12,
      });
      await expect(other.identityOf(user.id)).rejects.toBeInstanceOf(KeyVaultError);
    });

    it('refuses a taken username, before asking the CA', async () => {
      const taken = await fixture.directory.create(newUser());
      const before = fixture.ca.requests.length;
      expect(await codeOf(fixture.directory.create(newUser({ username: taken.username })))).toBe(
        'ALREADY_EXISTS',
      );
      expect(fixture.ca.requests).toHaveLength(before);
    });

    it('refuses a username taken while the CA was enrolling (the unique index decides)', async () => {
      const username = newUser().username;
      const rival = directoryOn(database.db);
      fixture.ca.during = async () => {
        await rival.directory.create(newUser({ username }));
      };
      expect(await codeOf(fixture.directory.create(newUser({ username })))).toBe('ALREADY_EXISTS');
      expect(await database.db.user.count({ where: { username } })).toBe(1);
    });

    it('stores nothing when the CA fails, and tells an unreachable CA apart', async () => {
      const users = await database.db.user.count();
      fixture.ca.failure = new CaError(
        CaErrorCodes.Unreachable,
        'fabric-ca-client register failed',
        'refused',
      );
      expect(await codeOf(fixture.directory.create(newUser()))).toBe('LEDGER_UNAVAILABLE');
      fixture.ca.failure = new CaError(CaErrorCodes.AlreadyRegistered, 'fabric-ca-client register failed');
      await expect(fixture.directory.create(newUser())).rejects.toBeInstanceOf(CaError);
      expect(await database.db.user.count()).toBe(users);
    });

    it('accepts only active enterprises this org hosts', async () => {
      const create = (enterpriseId: string) => codeOf(fixture.directory.create(newUser({ enterpriseId })));
      expect(await create(ENTERPRISES.foreign.id)).toBe('FORBIDDEN');
      expect(await create(ENTERPRISES.suspended.id)).toBe('INVALID_ARGUMENT');
      expect(await create('91370200MA0C00009X')).toBe('NOT_FOUND');
      expect(fixture.ca.requests).toHaveLength(0);
    });

    it.each([
      ['a username with capitals', { username: 'Alice' }],
      ['a two-letter username', { username: 'al' }],
      ['a short password', { password: 'short-pass' }],
      ['an empty display name', { displayName: '   ' }],
      ['an unknown role', { role: 'root' as NewUser['role'] }],
    ])('refuses %s', async (_what, overrides) => {
      expect(await codeOf(fixture.directory.create(newUser(overrides)))).toBe('INVALID_ARGUMENT');
      expect(fixture.ca.requests).toHaveLength(0);
    });
  });

  it('lists users by name, without secrets', async () => {
    const users = await fixture.directory.list();
    expect(users.length).toBeGreaterThan(3);
    expect(users.map((user) => user.username)).toEqual(users.map((user) => user.username).sort());
    for (const user of users) {
      expect(Object.keys(user).sort()).toEqual(
        ['displayName', 'enterpriseId', 'enterpriseKind', 'id', 'role', 'username'].sort(),
      );
    }
  });
});
