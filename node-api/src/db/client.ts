import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client.ts';

export type Database = PrismaClient;

/** The interactive-transaction client Prisma passes to `$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Database['$transaction']>[0]>[0];

/**
 * How long a request waits for a connection (a new one, or a free one of the pool) before it fails as
 * DATABASE_UNAVAILABLE, rather than hanging on a server that does not answer.
 */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Interactive transactions (the projector's batches, the login throttle's row locks) wait for a pooled
 * connection as long as for a new one, and may run past Prisma's 5 s default on a loaded machine. With
 * Prisma's defaults (2 s to get a connection, 5 s to finish) 20 parallel logins queued on one account's
 * row lock (10 connections) could give up waiting instead of answering ACCOUNT_LOCKED (seen once under
 * npm test's load: 13 of 20 locked), and a large projector batch could expire and be retried as large.
 */
const TRANSACTION_OPTIONS = { maxWait: CONNECT_TIMEOUT_MS, timeout: 30_000 };

export interface DatabaseOptions {
  /** Told of connections the server dropped (it stopped or died); the pool replaces them by itself. */
  onConnectionLost?: (error: Error) => void;
}

/**
 * Prisma Client over node-postgres: no native query engine needed. The pool drops a connection that
 * failed and opens new ones on demand, so the client recovers by itself once the server answers again.
 * A connection the server drops while idle is reported to `onConnectionLost`, never thrown (an 'error'
 * event without a listener would end the process).
 */
export function createDatabase(databaseUrl: string, options: DatabaseOptions = {}): Database {
  const onConnectionLost = options.onConnectionLost ?? (() => undefined);
  return new PrismaClient({
    transactionOptions: TRANSACTION_OPTIONS,
    adapter: new PrismaPg(
      { connectionString: databaseUrl, connectionTimeoutMillis: CONNECT_TIMEOUT_MS },
      { onPoolError: onConnectionLost, onConnectionError: onConnectionLost },
    ),
  });
}
