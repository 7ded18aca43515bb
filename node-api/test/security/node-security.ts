import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { findMember, type MemberPlan, type NetworkContext } from '@scf/network';
import { nodeDatabaseUrl, nodeDir, nodeUrl } from '../../src/cli/node-env.ts';
import { ensureNode } from '../../src/cli/node-processes.ts';
import { DEMO_PASSWORD, demoEnterprise } from '../../src/demo/demo-consortium.ts';
import { NodeClient } from '../../src/demo/graphql-client.ts';
import { tryLogin } from '../support/postgres-login.ts';

const ORG = 'supplier';
const LOGIN = `mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`;

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string; retryAfterSeconds?: number } }[];
}

/** Whom the lockout test locks out: an account of its own, so that the org's admin stays usable. */
const TARGET = 'lockout.target';

/**
 * A real org node's security, on a shared network whose supplier node runs: its database password,
 * anonymous introspection, live streams that end with their session, account lockout.
 */
export function nodeSecuritySuite(network: () => NetworkContext): void {
  describe("a real org node's security: its database, logins, introspection, live streams", () => {
    let member: MemberPlan;
    let url: string;
    const post = async (
      body: unknown,
      token?: string,
    ): Promise<{ response: Response; body: GraphQLBody }> => {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
      return { response, body: (await response.json()) as GraphQLBody };
    };

    beforeAll(async () => {
      member = findMember(network().topology, ORG);
      await ensureNode(network(), member);
      url = nodeUrl(member);
      const admin = await new NodeClient(url).login('admin', DEMO_PASSWORD);
      await admin.request('mutation($input: CreateUserInput!) { createUser(input: $input) { id } }', {
        input: {
          username: TARGET,
          password: DEMO_PASSWORD,
          displayName: TARGET,
          role: 'CLERK',
          enterpriseId: demoEnterprise('tier1').id,
        },
      });
    });

    it('runs its database under a password of its own: scf/scf is refused, the stored one works', async () => {
      const database = { host: '127.0.0.1', port: member.reserved.database, database: `scf_${ORG}` };
      expect(await tryLogin({ ...database, user: 'scf', password: 'scf' })).toBe('28P01');
      const file = join(nodeDir(network(), ORG), 'data', 'postgres-password');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const password = readFileSync(file, 'utf8').trim();
      expect(await tryLogin({ ...database, user: 'scf', password })).toBe('ok');
      // Tools find the database through the same file.
      expect(nodeDatabaseUrl(network(), member)).toContain(`:${password}@`);
      expect(await tryLogin({ connectionString: nodeDatabaseUrl(network(), member) })).toBe('ok');
    });

    it('refuses introspection to anonymous callers and blocks field suggestions', async () => {
      const anonymous = await post({ query: '{ __schema { types { name } } }' });
      expect(anonymous.body.data ?? null).toBeNull();
      expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const probe = await post({ query: '{ nodeInf { org } }' });
      expect(JSON.stringify(probe.body)).not.toMatch(/did you mean/i);
    });

    it('ends a changes subscription over SSE when its session logs out', async () => {
      const session = await new NodeClient(url).login('admin', DEMO_PASSWORD);
      const token = session.token ?? '';
      const controller = new AbortController();
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'text/event-stream',
          authorization: `Bearer ${token}`,
        },
        body: JSON.stringify({ query: 'subscription { changes { type id } }' }),
        signal: controller.signal,
      });
      expect(response.headers.get('content-type')).toContain('text/event-stream');
      const reader = response.body?.getReader();
      if (!reader) throw new Error('no stream');
      await reader.read(); // the stream's opening ping: the subscription is running
      await session.request('mutation { logout }');
      const ended = (async () => {
        for (;;) if ((await reader.read()).done) return true;
      })();
      const timeout = new Promise<false>((resolve) => {
        setTimeout(() => {
          resolve(false);
        }, 5_000);
      });
      const result = await Promise.race([ended, timeout]);
      controller.abort();
      expect(result).toBe(true);
    });

    it('locks an account after repeated failed logins, with Retry-After, and records each failure', async () => {
      for (let i = 0; i < 5; i += 1) {
        const wrong = await post({ query: LOGIN, variables: { u: TARGET, p: `guess ${String(i)}` } });
        expect(wrong.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      }
      const locked = await post({ query: LOGIN, variables: { u: TARGET, p: DEMO_PASSWORD } });
      expect(locked.body.errors?.[0]?.extensions).toMatchObject({ code: 'ACCOUNT_LOCKED' });
      const seconds = locked.body.errors?.[0]?.extensions?.retryAfterSeconds ?? 0;
      expect(seconds).toBeGreaterThan(0);
      expect(locked.response.headers.get('retry-after')).toBe(String(seconds));

      const client = new pg.Client({ connectionString: nodeDatabaseUrl(network(), member) });
      await client.connect();
      const failures = await client.query<{ username: string; address: string; reason: string }>(
        'SELECT username, address, reason FROM login_failures WHERE username = $1 ORDER BY id',
        [TARGET],
      );
      await client.end();
      expect(failures.rows.map((row) => row.reason)).toEqual([
        ...Array<string>(5).fill('WRONG_PASSWORD'),
        'ACCOUNT_LOCKED',
      ]);
      expect(failures.rows[0]?.address).toBe(member.peer.host);
    });
  });
}
