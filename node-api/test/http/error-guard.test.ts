import { createLogger, createSchema, createYoga, type Plugin } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserDirectory } from '../../src/auth/user-directory.ts';
import { Prisma } from '../../src/db/generated/client.ts';
import { guardPlugins, maskError } from '../../src/http/error-guard.ts';
import { startApiHarness, type ApiHarness } from '../support/api-harness.ts';
import { clerk } from './fixtures.ts';

/** What Prisma throws when the server is gone: its message quotes our source file and the server. */
function prismaCannotReach(): Error {
  return new Prisma.PrismaClientKnownRequestError(
    '\nInvalid `prisma.session.findUnique()` invocation in\n' +
      '/srv/scf/node-api/src/auth/prisma-user-directory.ts:160:45\n\n' +
      "Can't reach database server at 127.0.0.1:5432",
    {
      code: 'P1001',
      clientVersion: '7.10.1',
      meta: {
        driverAdapterError: { cause: { kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 5432 } },
      },
    },
  );
}

/** Anything else that breaks, with the same kinds of secrets in its text. */
function somethingElse(): Error {
  return new Error(
    'relation "sessions" is broken: SELECT * FROM sessions WHERE token_hash = $1 ' +
      '(/srv/scf/node-api/src/auth/prisma-user-directory.ts:160 via 127.0.0.1:5432)',
  );
}

/** The body carries none of what the error said: no file, no address, no SQL, no stack. */
function expectNothingLeaked(text: string): void {
  for (const secret of ['127.0.0.1', '5432', '/srv/', '.ts', 'SELECT', 'prisma', '    at ']) {
    expect(text).not.toContain(secret);
  }
}

async function answer(response: Response | Promise<Response>): Promise<{
  status: number;
  retryAfter: string | null;
  type: string | null;
  text: string;
  body: Record<string, unknown>;
}> {
  const done = await response;
  const text = await done.text();
  return {
    status: done.status,
    retryAfter: done.headers.get('retry-after'),
    type: done.headers.get('content-type'),
    text,
    body: JSON.parse(text) as Record<string, unknown>,
  };
}

const QUERY = { query: '{ invoices(first: 1) { totalCount } }' };

describe('the error guard around a yoga server', () => {
  const dbFailure = prismaCannotReach();
  const failures: Record<string, Error> = {
    '/db': dbFailure,
    '/graphql': dbFailure,
    '/other': somethingElse(),
  };
  const failing: Plugin = {
    onRequest({ url, request }) {
      const failure = failures[url.pathname];
      if (failure && request.headers.has('x-fail')) throw failure;
    },
    onResponse({ request }) {
      if (request.headers.has('x-fail-late')) throw somethingElse();
    },
  };
  const yoga = createYoga({
    schema: createSchema({
      typeDefs: 'type Query { lost: Boolean, broken: Boolean, ok: Boolean }',
      resolvers: {
        Query: {
          lost: () => {
            throw new Error('Connection terminated unexpectedly');
          },
          broken: () => {
            throw somethingElse();
          },
          ok: () => true,
        },
      },
    }),
    maskedErrors: { maskError },
    logging: createLogger('silent'),
    plugins: guardPlugins([failing], { graphqlEndpoint: '/graphql', logger: createLogger('silent') }),
  });
  const post = (path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
    Promise.resolve(
      yoga.fetch(`http://node.test${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      }),
    );

  it('answers a database failure in a request hook with 503 DATABASE_UNAVAILABLE and Retry-After', async () => {
    const graphql = await answer(post('/graphql', { query: '{ ok }' }, { 'x-fail': '1' }));
    expect(graphql).toMatchObject({ status: 503, retryAfter: '5' });
    expect(graphql.type).toContain('application/json');
    expect(graphql.body).toEqual({
      errors: [
        {
          message: "the node's database does not answer; try again shortly",
          extensions: { code: 'DATABASE_UNAVAILABLE', retryAfterSeconds: 5 },
        },
      ],
    });
    expectNothingLeaked(graphql.text);
    const route = await answer(post('/db', {}, { 'x-fail': '1' }));
    expect(route).toMatchObject({ status: 503, retryAfter: '5' });
    expect(route.body).toEqual({
      code: 'DATABASE_UNAVAILABLE',
      message: "the node's database does not answer; try again shortly",
    });
    expectNothingLeaked(route.text);
  });

  it('answers any other failure in a request hook with 500 and a typed code, nothing more', async () => {
    const route = await answer(post('/other', {}, { 'x-fail': '1' }));
    expect(route.status).toBe(500);
    expect(route.body).toEqual({ code: 'INTERNAL', message: 'Unexpected error.' });
    expectNothingLeaked(route.text);
  });

  it('answers a resolver that lost its connection with 503, and masks any other failure', async () => {
    const lost = await answer(post('/graphql', { query: '{ lost }' }));
    expect(lost).toMatchObject({ status: 503, retryAfter: '5' });
    expect(lost.body).toMatchObject({
      data: { lost: null },
      errors: [{ path: ['lost'], extensions: { code: 'DATABASE_UNAVAILABLE', retryAfterSeconds: 5 } }],
    });
    const broken = await answer(post('/graphql', { query: '{ broken }' }));
    expect(broken.body).toMatchObject({
      errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    });
    expectNothingLeaked(broken.text);
  });

  it('keeps the response when a response hook throws', async () => {
    const ok = await answer(post('/graphql', { query: '{ ok }' }, { 'x-fail-late': '1' }));
    expect(ok).toMatchObject({ status: 200, body: { data: { ok: true } } });
  });
});

describe('the node API when its database fails', () => {
  let harness: ApiHarness;
  let databaseStopped = false;
  const alice = clerk('alice');
  const TOKENS = {
    good: 'good-token-000000000000000',
    lost: 'lost-token-000000000000000',
    broken: 'broken-token-0000000000000',
  };
  const unused = (): Promise<never> => Promise.reject(new Error('not used in this test'));
  const users: UserDirectory = {
    authenticate: (token) => {
      if (token === TOKENS.lost) return Promise.reject(prismaCannotReach());
      if (token === TOKENS.broken) return Promise.reject(somethingElse());
      return Promise.resolve(token === TOKENS.good ? alice : null);
    },
    login: unused,
    logout: unused,
    sessionEnds: unused,
    create: unused,
    list: unused,
    identityOf: unused,
  };
  beforeAll(async () => {
    // A server of its own: this test stops it.
    harness = await startApiHarness({ users }, { logger: createLogger('silent') }, { ownServer: true });
  });
  afterAll(async () => {
    if (!databaseStopped) await harness.stop();
  });

  const call = (path: string, token: string, body?: unknown): Promise<Response> =>
    Promise.resolve(
      harness.api.fetch(`http://node.test${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
  const document = `/documents/${'a'.repeat(64)}`;

  it('answers 503 DATABASE_UNAVAILABLE when the authenticator cannot reach the database', async () => {
    const graphql = await answer(call('/graphql', TOKENS.lost, QUERY));
    expect(graphql).toMatchObject({ status: 503, retryAfter: '5' });
    expect(graphql.body).toMatchObject({ errors: [{ extensions: { code: 'DATABASE_UNAVAILABLE' } }] });
    expectNothingLeaked(graphql.text);
    const route = await answer(call(document, TOKENS.lost));
    expect(route).toMatchObject({ status: 503, retryAfter: '5', body: { code: 'DATABASE_UNAVAILABLE' } });
    expectNothingLeaked(route.text);
  });

  it('answers 500 with a typed code when the authenticator fails otherwise', async () => {
    const graphql = await answer(call('/graphql', TOKENS.broken, QUERY));
    expect(graphql.status).toBe(500);
    expect(graphql.body).toEqual({
      errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    });
    expectNothingLeaked(graphql.text);
    const route = await answer(call(document, TOKENS.broken));
    expect(route).toMatchObject({ status: 500, body: { code: 'INTERNAL', message: 'Unexpected error.' } });
    expectNothingLeaked(route.text);
  });

  it('answers 503 from resolvers, routes and /healthz once the database is gone', async () => {
    expect((await answer(call('/graphql', TOKENS.good, QUERY))).status).toBe(200);
    await harness.stop();
    databaseStopped = true;
    const graphql = await answer(call('/graphql', TOKENS.good, QUERY));
    expect(graphql).toMatchObject({ status: 503, retryAfter: '5' });
    expect(graphql.body).toMatchObject({ errors: [{ extensions: { code: 'DATABASE_UNAVAILABLE' } }] });
    expectNothingLeaked(graphql.text);
    const route = await answer(call(document, TOKENS.good));
    expect(route).toMatchObject({ status: 503, body: { code: 'DATABASE_UNAVAILABLE' } });
    expectNothingLeaked(route.text);
    const health = await answer(harness.api.fetch('http://node.test/healthz'));
    expect(health).toMatchObject({ status: 503, body: { status: 'unavailable' } });
  });
});
