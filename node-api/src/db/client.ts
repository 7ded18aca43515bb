import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client.ts';

export type Database = PrismaClient;

/**
 * How long a request waits for a connection (a new one, or a free one of the pool) before it fails as
 * DATABASE_UNAVAILABLE, rather than hanging on a server that does not answer.
 */
const CONNECT_TIMEOUT_MS = 10_000;

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
    adapter: new PrismaPg(
      { connectionString: databaseUrl, connectionTimeoutMillis: CONNECT_TIMEOUT_MS },
      { onPoolError: onConnectionLost, onConnectionError: onConnectionLost },
    ),
  });
}
