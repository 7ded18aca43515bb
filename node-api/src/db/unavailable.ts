/**
 * Whether a failure means that the node's database does not answer — it is down, restarting, shutting
 * down, unreachable or out of connections — rather than that it refused what was asked. Requests that
 * fail so answer 503 DATABASE_UNAVAILABLE: the same request will work once the server is back.
 * Looks through wrappers: a GraphQL error's `originalError`, any error's `cause`.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let failure = error;
  for (let depth = 0; typeof failure === 'object' && failure !== null && depth < 8; depth += 1) {
    const shape = failure as FailureShape;
    if (isUnavailable(shape)) return true;
    failure = shape.originalError ?? shape.cause;
  }
  return false;
}

interface FailureShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  severity?: unknown;
  kind?: unknown;
  originalCode?: unknown;
  cause?: unknown;
  originalError?: unknown;
  meta?: { driverAdapterError?: { cause?: FailureShape } };
}

/**
 * Prisma's codes for a server it cannot reach (P1001), that timed out (P1002, P1008) or closed the
 * connection (P1017), a pool that timed out (P2024), too many connections (P2037).
 */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2037']);

/** The driver adapter's kinds of the same failures (under a Prisma error's `meta.driverAdapterError`). */
const DRIVER_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);

/**
 * SQLSTATEs of a server that cannot serve now: connection exceptions (class 08), too many connections,
 * and operator intervention — shut down (57P01), crashed (57P02), starting up or shutting down (57P03).
 */
const SQLSTATES = /^(08...|53300|57P0[123])$/;

/**
 * node-postgres reports a connection that ended or never opened in time with plain errors that have no
 * code, only these messages; they pass through Prisma's adapter unchanged.
 */
const PG_CONNECTION_LOST = new Set([
  'Connection terminated unexpectedly',
  'Connection terminated due to connection timeout',
  'timeout exceeded when trying to connect',
]);

function isUnavailable(failure: FailureShape): boolean {
  if (failure.name === 'PrismaClientInitializationError') return true;
  if (typeof failure.code === 'string' && PRISMA_CODES.has(failure.code)) return true;
  const driver = failure.meta?.driverAdapterError?.cause ?? failure;
  if (typeof driver.kind === 'string' && DRIVER_KINDS.has(driver.kind)) return true;
  if (driver.kind === 'postgres' && isUnavailableSqlState(driver.originalCode ?? driver.code)) return true;
  // A PostgreSQL error straight from node-postgres (a code and a severity).
  if (typeof failure.severity === 'string' && isUnavailableSqlState(failure.code)) return true;
  return typeof failure.message === 'string' && PG_CONNECTION_LOST.has(failure.message);
}

function isUnavailableSqlState(code: unknown): boolean {
  return typeof code === 'string' && SQLSTATES.test(code);
}
