import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaUserDirectory } from '../../src/auth/prisma-user-directory.ts';
import type { UserDirectory } from '../../src/auth/user-directory.ts';
import { startApiHarness, type ApiHarness, type GraphQLResult } from '../support/api-harness.ts';
import { directoryOn, ENTERPRISES, PASSWORD, seedEnterprises } from './directory-fixture.ts';

const USER_FIELDS = 'id username displayName role enterpriseId enterpriseKind';
const LOGIN = `mutation ($username: String!, $password: String!) {
  login(username: $username, password: $password) { token expiresAt user { ${USER_FIELDS} } }
}`;
const CREATE = `mutation ($input: CreateUserInput!) { createUser(input: $input) { ${USER_FIELDS} } }`;
const ME = `{ me { ${USER_FIELDS} } }`;

/** Calls the real directory once the harness made the database it lives in. */
function lateDirectory(get: () => PrismaUserDirectory): UserDirectory {
  return {
    login: (username, password) => get().login(username, password),
    logout: (token) => get().logout(token),
    authenticate: (token) => get().authenticate(token),
    sessionEnds: (token, signal) => get().sessionEnds(token, signal),
    create: (input) => get().create(input),
    list: () => get().list(),
    identityOf: (id) => get().identityOf(id),
  };
}

describe('users over GraphQL, with the real directory', () => {
  let harness: ApiHarness;
  let directory: PrismaUserDirectory | undefined;
  const tokens = { admin: '', clerk: '' };

  /** Posts an operation with a real session token (or none). */
  async function post<T>(query: string, variables: Record<string, unknown> = {}, token?: string) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await harness.api.fetch('http://node.test/graphql', {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResult<T>;
  }

  async function login(username: string): Promise<string> {
    const result = await post<{ login: { token: string } }>(LOGIN, { username, password: PASSWORD });
    expect(result.errors).toBeUndefined();
    return result.data?.login.token ?? '';
  }

  const newUser = (username: string) => ({
    username,
    password: PASSWORD,
    displayName: 'Zhao Min',
    role: 'APPROVER',
    enterpriseId: ENTERPRISES.own.id,
  });

  beforeAll(async () => {
    harness = await startApiHarness({
      users: lateDirectory(() => {
        if (!directory) throw new Error('the directory is not ready');
        return directory;
      }),
    });
    await seedEnterprises(harness.db);
    directory = directoryOn(harness.db).directory;
    const base = { password: PASSWORD, displayName: 'Boss', enterpriseId: ENTERPRISES.own.id };
    await directory.create({ ...base, username: 'boss', role: 'admin' });
    await directory.create({ ...base, username: 'clerk', role: 'clerk' });
    tokens.admin = await login('boss');
    tokens.clerk = await login('clerk');
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('logs in, and `me` is the logged-in user; without a token `me` is null', async () => {
    const me = await post<{ me: Record<string, unknown> | null }>(ME, {}, tokens.clerk);
    expect(me.data?.me).toMatchObject({
      username: 'clerk',
      role: 'CLERK',
      enterpriseId: ENTERPRISES.own.id,
      enterpriseKind: 'SUPPLIER',
    });
    expect((await post<{ me: null }>(ME)).data).toEqual({ me: null });
  });

  it('refuses a wrong password with UNAUTHENTICATED', async () => {
    const result = await post(LOGIN, { username: 'clerk', password: 'not the password' });
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('lets only an admin create users', async () => {
    const input = newUser('newcomer');
    const anonymous = await post(CREATE, { input });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const clerk = await post(CREATE, { input }, tokens.clerk);
    expect(clerk.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const admin = await post<{ createUser: Record<string, unknown> }>(CREATE, { input }, tokens.admin);
    expect(admin.errors).toBeUndefined();
    expect(admin.data?.createUser).toMatchObject({
      username: 'newcomer',
      role: 'APPROVER',
      displayName: 'Zhao Min',
    });
    expect((await login('newcomer')).length).toBeGreaterThan(20);
  });

  it('passes the directory’s refusals through with their codes', async () => {
    const taken = await post(CREATE, { input: newUser('clerk') }, tokens.admin);
    expect(taken.errors?.[0]?.extensions?.code).toBe('ALREADY_EXISTS');
    const foreign = await post(
      CREATE,
      { input: { ...newUser('banker'), enterpriseId: ENTERPRISES.foreign.id } },
      tokens.admin,
    );
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const weak = await post(CREATE, { input: { ...newUser('weakling'), password: 'short' } }, tokens.admin);
    expect(weak.errors?.[0]?.extensions?.code).toBe('INVALID_ARGUMENT');
  });

  it('gives the admin role only to users of the enterprise that runs the node, not to a tenant SME', async () => {
    const tenantAdmin = await post(
      CREATE,
      { input: { ...newUser('tenant.admin'), role: 'ADMIN', enterpriseId: ENTERPRISES.tenant.id } },
      tokens.admin,
    );
    expect(tenantAdmin.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const tenantApprover = await post<{ createUser: Record<string, unknown> }>(
      CREATE,
      { input: { ...newUser('tenant.approver'), enterpriseId: ENTERPRISES.tenant.id } },
      tokens.admin,
    );
    expect(tenantApprover.data?.createUser).toMatchObject({
      role: 'APPROVER',
      enterpriseId: ENTERPRISES.tenant.id,
    });
    const deputy = await post<{ createUser: Record<string, unknown> }>(
      CREATE,
      { input: { ...newUser('deputy'), role: 'ADMIN' } },
      tokens.admin,
    );
    expect(deputy.data?.createUser).toMatchObject({ role: 'ADMIN', enterpriseId: ENTERPRISES.own.id });
  });

  it('lists users to admins only, and never exposes secrets', async () => {
    const listed = await post<{ users: { username: string }[] }>('{ users { username } }', {}, tokens.admin);
    expect(listed.data?.users.map((user) => user.username)).toEqual([
      'boss',
      'clerk',
      'deputy',
      'newcomer',
      'tenant.approver',
    ]);
    const clerk = await post('{ users { username } }', {}, tokens.clerk);
    expect(clerk.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const secret = await post('{ users { passwordHash encryptedKey } }', {}, tokens.admin);
    expect(secret.errors?.length).toBeGreaterThan(0);
  });

  it('ends the session on logout', async () => {
    const token = await login('clerk');
    const out = await post<{ logout: boolean }>('mutation { logout }', {}, token);
    expect(out.data).toEqual({ logout: true });
    expect((await post<{ me: null }>(ME, {}, token)).data).toEqual({ me: null });
    expect((await post('mutation { logout }', {}, token)).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
  });
});
