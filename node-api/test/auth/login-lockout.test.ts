import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressKey } from '../../src/auth/login-throttle.ts';
import { PrismaUserDirectory } from '../../src/auth/prisma-user-directory.ts';
import { startApiHarness, type ApiHarness, type PostResult } from '../support/api-harness.ts';
import {
  directoryOn,
  ENTERPRISES,
  PASSWORD,
  seedEnterprises,
  type DirectoryFixture,
} from './directory-fixture.ts';

const LOGIN = `mutation ($username: String!, $password: String!) {
  login(username: $username, password: $password) { token }
}`;
const LIMITS = {
  accountFailures: 5,
  addressFailures: 8,
  windowSeconds: 900,
  lockoutSeconds: 60,
  maxLockoutSeconds: 3_600,
};
const USERS = ['ann', 'bea', 'cai', 'dan', 'eve', 'fay', 'gus'] as const;
type Name = (typeof USERS)[number];

describe('the throttle key of a client address', () => {
  it('counts IPv4 per address, IPv6 per /64 (which one subscriber holds whole)', () => {
    expect(addressKey('10.0.0.1')).toBe('10.0.0.1');
    expect(addressKey('::ffff:10.0.0.1')).toBe('::ffff:10.0.0.1');
    expect(addressKey('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0DB8:0001:0002::9')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('unknown')).toBe('unknown');
  });
});

interface Failure {
  username: string;
  address: string;
  reason: string;
  at: Date;
}

// Each login hashes a password (Argon2id); some tests make dozens on a busy two-core machine.
describe('login lockout, with the real directory on PostgreSQL', { timeout: 60_000 }, () => {
  let harness: ApiHarness;
  let fixture: DirectoryFixture;

  /** One login over GraphQL from `address`; the right password unless `password` says otherwise. */
  const login = (username: string, address: string, password = PASSWORD): Promise<PostResult> =>
    harness.post(LOGIN, { username, password }, { address });
  const code = (result: PostResult): unknown => result.body.errors?.[0]?.extensions?.code;
  const retryAfter = (result: PostResult): unknown => result.body.errors?.[0]?.extensions?.retryAfterSeconds;
  async function failTimes(username: string, address: string, times: number): Promise<void> {
    for (let i = 0; i < times; i += 1) {
      expect(code(await login(username, address, `wrong ${String(i)}`))).toBe('UNAUTHENTICATED');
    }
  }

  beforeAll(async () => {
    harness = await startApiHarness((db) => {
      fixture = directoryOn(db, 12, { loginLimits: LIMITS });
      return { users: fixture.directory };
    });
    await seedEnterprises(harness.db);
    for (const username of USERS) {
      await fixture.directory.create({
        username: `${username}.clerk`,
        password: PASSWORD,
        displayName: username,
        role: 'clerk',
        enterpriseId: ENTERPRISES.own.id,
      });
    }
  });
  afterAll(async () => {
    await harness.stop();
  });

  const user = (name: Name): string => `${name}.clerk`;

  it('locks an account after 5 failures in the window, refusing even the right password', async () => {
    await failTimes(user('ann'), '10.0.0.1', 5);
    const right = await login(user('ann'), '10.0.0.1');
    expect(right.body.data ?? null).toBeNull();
    expect(code(right)).toBe('ACCOUNT_LOCKED');
    expect(retryAfter(right)).toBe(60);
    expect(right.headers.get('retry-after')).toBe('60');
    // No oracle: a wrong password during the lock gets the very same answer.
    const wrong = await login(user('ann'), '10.0.0.1', 'still wrong');
    expect(wrong.body.errors).toEqual(right.body.errors);
    // From another address too: the lock is the account's.
    expect(code(await login(user('ann'), '10.0.0.2'))).toBe('ACCOUNT_LOCKED');
  });

  it('lets the account in once the lock has passed, and the success resets its count', async () => {
    fixture.clock.advanceSeconds(61);
    expect(code(await login(user('ann'), '10.0.0.1'))).toBeUndefined();
    await failTimes(user('ann'), '10.0.0.3', 4);
    expect((await login(user('ann'), '10.0.0.3')).body.data).toMatchObject({ login: {} });
    // Another address, so that only the account's count is tested (10.0.0.3 is near its own limit).
    await failTimes(user('ann'), '10.0.0.4', 4);
    expect(code(await login(user('ann'), '10.0.0.4'))).toBeUndefined();
  });

  it('counts only the failures within the window', async () => {
    await failTimes(user('bea'), '10.0.1.1', 4);
    fixture.clock.advanceSeconds(LIMITS.windowSeconds + 1);
    await failTimes(user('bea'), '10.0.1.1', 4);
    expect(code(await login(user('bea'), '10.0.1.1'))).toBeUndefined();
  });

  it('doubles the lock with each lockout in a row, up to the maximum', async () => {
    const seen: unknown[] = [];
    for (let lockout = 0; lockout < 8; lockout += 1) {
      await failTimes(user('cai'), `10.0.2.${String(lockout)}`, 5);
      const locked = await login(user('cai'), `10.0.2.${String(lockout)}`);
      expect(code(locked)).toBe('ACCOUNT_LOCKED');
      seen.push(retryAfter(locked));
      fixture.clock.advanceSeconds(Number(retryAfter(locked)));
    }
    expect(seen).toEqual([60, 120, 240, 480, 960, 1_920, 3_600, 3_600]);
    // A success forgets the lockouts: the next lock is the first one again.
    expect(code(await login(user('cai'), '10.0.2.9'))).toBeUndefined();
    await failTimes(user('cai'), '10.0.2.9', 5);
    expect(retryAfter(await login(user('cai'), '10.0.2.9'))).toBe(60);
  });

  it('locks a user name that does not exist just the same (no oracle for who exists)', async () => {
    await failTimes('nobody.here', '10.0.3.1', 5);
    const locked = await login('nobody.here', '10.0.3.1');
    expect(code(locked)).toBe('ACCOUNT_LOCKED');
    expect(retryAfter(locked)).toBe(60);
  });

  it('slows down an address that fails across many accounts, with RATE_LIMITED', async () => {
    for (let i = 0; i < LIMITS.addressFailures; i += 1) {
      expect(code(await login(`sprayed${String(i)}`, '10.0.4.1', 'guess'))).toBe('UNAUTHENTICATED');
    }
    const limited = await login(user('dan'), '10.0.4.1');
    expect(code(limited)).toBe('RATE_LIMITED');
    expect(retryAfter(limited)).toBe(60);
    expect(limited.headers.get('retry-after')).toBe('60');
    // The account itself is not locked: the same user logs in from elsewhere.
    expect(code(await login(user('dan'), '10.0.4.2'))).toBeUndefined();
    fixture.clock.advanceSeconds(61);
    expect(code(await login(user('dan'), '10.0.4.1'))).toBeUndefined();
  });

  it('lets successful logins from one address pass however many there are', async () => {
    for (let i = 0; i < LIMITS.addressFailures * 2; i += 1) {
      expect(code(await login(user('eve'), '10.0.5.1'))).toBeUndefined();
    }
  });

  it('checks at most the allowed number of passwords in a burst of parallel guesses', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => login(user('fay'), `10.0.6.${String(i)}`, `guess ${String(i)}`)),
    );
    const codes = answers.map(code);
    expect(codes.filter((c) => c === 'UNAUTHENTICATED').length).toBeLessThanOrEqual(LIMITS.accountFailures);
    expect(codes.filter((c) => c === 'ACCOUNT_LOCKED').length).toBeGreaterThanOrEqual(
      20 - LIMITS.accountFailures,
    );
  });

  it('keeps the lock in PostgreSQL, where every process of the node sees it', async () => {
    await failTimes(user('gus'), '10.0.7.1', 5);
    const another = new PrismaUserDirectory({
      db: harness.db,
      ca: fixture.ca,
      vault: fixture.vault,
      mspId: 'SupplierMSP',
      operatorEnterpriseId: ENTERPRISES.own.id,
      sessionHours: 12,
      now: fixture.clock.now,
      loginLimits: LIMITS,
    });
    const refused: unknown = await another.login(user('gus'), PASSWORD, '10.0.7.2').catch((e: unknown) => e);
    expect(refused).toMatchObject({ extensions: { code: 'ACCOUNT_LOCKED', retryAfterSeconds: 60 } });
  });

  it('records every failed login: the name tried, the address, the time and why', async () => {
    const rows = await harness.db.$queryRaw<Failure[]>`
      SELECT username, address, reason, at FROM login_failures WHERE username IN ('ann.clerk', 'nobody.here', 'sprayed0')
      ORDER BY id`;
    const reasons = (username: string) =>
      rows.filter((row) => row.username === username).map((row) => row.reason);
    expect(reasons('ann.clerk').slice(0, 8)).toEqual([
      ...Array<string>(5).fill('WRONG_PASSWORD'),
      'ACCOUNT_LOCKED',
      'ACCOUNT_LOCKED',
      'ACCOUNT_LOCKED',
    ]);
    expect(reasons('nobody.here')).toEqual([...Array<string>(5).fill('UNKNOWN_USER'), 'ACCOUNT_LOCKED']);
    expect(rows.find((row) => row.username === 'sprayed0')).toMatchObject({ address: '10.0.4.1' });
    expect(rows[0]?.at).toBeInstanceOf(Date);
    const limited = await harness.db.$queryRaw<Failure[]>`
      SELECT username, address, reason, at FROM login_failures WHERE reason = 'ADDRESS_LIMITED'`;
    expect(limited).toMatchObject([{ username: 'dan.clerk', address: '10.0.4.1' }]);
  });

  it('keeps its rows as Prisma Client reads them', async () => {
    const at = new Date('2026-03-01T08:00:00.000Z');
    const failure = { username: 'wang.fang', address: '2001:db8::1', reason: 'WRONG_PASSWORD', at };
    const created = await harness.db.loginFailure.create({ data: failure });
    expect(await harness.db.loginFailure.findUnique({ where: { id: created.id } })).toEqual({
      id: created.id,
      ...failure,
    });
    const throttle = {
      scope: 'address',
      key: '2001:db8:0:0::/64',
      attempts: 3,
      windowStartedAt: at,
      lockedUntil: new Date('2026-03-01T08:01:00.000Z'),
      lockouts: 1,
      lastFailureAt: at,
    };
    await harness.db.loginThrottle.create({ data: throttle });
    expect(
      await harness.db.loginThrottle.findUnique({
        where: { scope_key: { scope: 'address', key: throttle.key } },
      }),
    ).toEqual(throttle);
  });
});
