import { join } from 'node:path';
import type { SessionUser } from '../../src/auth/session-user.ts';
import type { UserDirectory } from '../../src/auth/user-directory.ts';
import type { Database } from '../../src/db/client.ts';
import { FileDocumentStore } from '../../src/documents/file-document-store.ts';
import { settleApplied } from '../../src/requests/client-requests.ts';
import { PendingWrites } from '../../src/requests/pending-writes.ts';
import { ChangeFeed } from '../../src/services/change-feed.ts';
import type { Services } from '../../src/services/services.ts';
import { createApi, type Api, type ApiOptions } from '../../src/yoga.ts';
import { startFreshDatabase, type FreshDatabase, type FreshDatabaseOptions } from './fresh-database.ts';

export interface GraphQLResult<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: { code?: string } & Record<string, unknown> }[];
}

/** A raw answer of the API: status, headers and the parsed GraphQL body. */
export interface PostResult<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: GraphQLResult<T>;
}

export interface ApiHarness extends FreshDatabase {
  api: Api;
  services: Services;
  /**
   * Posts a GraphQL operation with a real session token (or none), from a client address (the Node
   * adapter's `req.socket.remoteAddress`; none in-process unless given).
   */
  post: <T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    caller?: { token?: string; address?: string },
  ) => Promise<PostResult<T>>;
  /** Posts a GraphQL operation, logged in as `user` (a token made up for it) or anonymous. */
  graphql: <T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    user?: SessionUser,
  ) => Promise<GraphQLResult<T>>;
  /** `Authorization` header value logging in as `user`, for the non-GraphQL routes. */
  bearer: (user: SessionUser) => string;
}

const notInThisTest = (what: string) => (): never => {
  throw new Error(`${what} is not wired in this test harness`);
};
const notWired = (what: string) => (): Promise<never> =>
  Promise.reject(new Error(`${what} is not wired in this test harness`));

/** Logs in by a token that names the user: the real login lives in the user directory's own tests. */
function tokenUsers(): { users: UserDirectory; tokenOf: (user: SessionUser) => string } {
  const byToken = new Map<string, SessionUser>();
  const tokenOf = (user: SessionUser): string => {
    const token = `test-token-${user.id}`.padEnd(24, '0');
    byToken.set(token, user);
    return token;
  };
  return {
    tokenOf,
    users: {
      authenticate: (token) => Promise.resolve(byToken.get(token) ?? null),
      login: notInThisTest('login'),
      logout: notInThisTest('logout'),
      // Made-up tokens never end: a subscription lasts until its client goes.
      sessionEnds: (_token, signal) =>
        new Promise((resolve) => {
          signal.addEventListener('abort', () => {
            resolve();
          });
        }),
      create: notInThisTest('create'),
      list: notInThisTest('list'),
      identityOf: notInThisTest('identityOf'),
    },
  };
}

/**
 * The GraphQL API in-process on a fresh database, with test doubles for what needs the ledger unless
 * `overrides` supplies the real parts (a function of the database for parts that live in it, such as
 * the real user directory). Documents are real files in the run's scratch folder. `options` sets the
 * API's limits, checks and metrics; the rate limit is high unless a test sets it, since functional
 * tests send many requests as one user. `databaseOptions`: a server of its own for a test that stops it.
 */
export async function startApiHarness(
  overrides: Partial<Services> | ((db: Database) => Partial<Services>) = {},
  options: Omit<ApiOptions, 'db' | 'services'> = {},
  databaseOptions: FreshDatabaseOptions = {},
): Promise<ApiHarness> {
  const database = await startFreshDatabase(databaseOptions);
  const { users, tokenOf } = tokenUsers();
  const config = {
    SCF_ORG: 'supplier',
    SCF_MSP_ID: 'SupplierMSP',
    SCF_PROJECTION_WAIT_MS: 2_000,
    SCF_COMMIT_WAIT_MS: 2_000,
  };
  // The peer cannot be asked here: a PENDING write stays PENDING, never a guess.
  const noLedger = { outcomeOf: notWired('outcomeOf'), resubmit: notWired('resubmit') };
  const timing = { ...config, SCF_RESEND_AFTER_MS: 30_000, SCF_RESEND_LIMIT: 5 };
  const services: Services = {
    config,
    users,
    documents: new FileDocumentStore(database.db, join(database.dir, 'documents')),
    ledgerAs: notInThisTest('ledgerAs'),
    get serviceLedger(): never {
      return notInThisTest('serviceLedger')();
    },
    get blocks(): never {
      return notInThisTest('blocks')();
    },
    get registry(): never {
      return notInThisTest('registry')();
    },
    pendingWrites: new PendingWrites(database.db, noLedger, timing, () => undefined),
    appliedBlock: () => -1n,
    hasApplied: () => true,
    // Every write counts as projected (the test seeds the read model itself), and, as a projector does
    // in the SQL transaction that applies it, its request is settled VALID.
    awaitProjection: async (position) => {
      await database.db.$transaction((tx) => settleApplied(tx, [position]));
      return true;
    },
    changes: new ChangeFeed(),
    log: () => undefined,
    ...(typeof overrides === 'function' ? overrides(database.db) : overrides),
  };
  const api = createApi({
    ...options,
    db: database.db,
    services,
    limits: { rateLimitPerMinute: 100_000, ...options.limits },
  });
  const graphql: ApiHarness['graphql'] = async (query, variables, user) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (user) headers.authorization = `Bearer ${tokenOf(user)}`;
    const response = await api.fetch('http://node.test/graphql', {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResult<never>;
  };
  const post: ApiHarness['post'] = async (query, variables, caller = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (caller.token) headers.authorization = `Bearer ${caller.token}`;
    const serverContext = caller.address ? { req: { socket: { remoteAddress: caller.address } } } : {};
    const response = await api.fetch(
      'http://node.test/graphql',
      { method: 'POST', headers, body: JSON.stringify({ query, variables }) },
      serverContext,
    );
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as GraphQLResult<never>,
    };
  };
  return {
    ...database,
    api,
    services,
    graphql,
    post,
    bearer: (user) => `Bearer ${tokenOf(user)}`,
  };
}
