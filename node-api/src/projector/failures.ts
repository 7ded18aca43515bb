import { isTransientLedgerCode, LedgerError } from '../ledger/errors.ts';

/**
 * Whether a failure to apply an event is the world's fault rather than the event's: the read model's
 * database could not be reached or gave up for reasons of its own, or the peer holding the private
 * terms (or its chaincode) did not answer. Such a failure says nothing about the event, so the
 * projector keeps retrying it (from its checkpoint) and never quarantines it. Anything else (a value
 * PostgreSQL refuses, a payload that does not parse, a record of an unknown shape) is the event's:
 * retried a few times, then quarantined.
 */
export function isTransient(error: unknown): boolean {
  for (let cause = error, depth = 0; cause !== undefined && cause !== null && depth < 8; depth += 1) {
    if (cause instanceof LedgerError) return isTransientLedgerCode(cause.code);
    if (typeof cause !== 'object') return false;
    const failure = cause as FailureShape;
    if (isTransientPrisma(failure) || isTransientSystem(failure)) return true;
    cause = failure.cause;
  }
  return false;
}

interface FailureShape {
  name?: unknown;
  code?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: { cause?: DriverCause } };
}

interface DriverCause {
  kind?: unknown;
  code?: unknown;
  message?: unknown;
  detail?: unknown;
}

/** Prisma's own codes for a database it cannot reach, or that timed out or conflicted (try again). */
const PRISMA_TRANSIENT = new Set(['P2024', 'P2028', 'P2034']);

/** Driver adapter kinds that describe the connection, not the values sent. */
const DRIVER_TRANSIENT = new Set([
  'DatabaseNotReachable',
  'DatabaseDoesNotExist',
  'DatabaseAccessDenied',
  'ConnectionClosed',
  'TlsConnectionError',
  'AuthenticationFailed',
  'TransactionWriteConflict',
  'TooManyConnections',
  'SocketTimeout',
  'TransactionAlreadyClosed',
]);

/**
 * SQLSTATE classes that are the server's state, not the data: connection exception, transaction
 * rollback (serialization failure, deadlock), insufficient resources, operator intervention (shutdown,
 * cancel), system error.
 */
const SQLSTATE_TRANSIENT = /^(08|40|53|57|58)/;

function isTransientPrisma(failure: FailureShape): boolean {
  const { code } = failure;
  if (failure.name === 'PrismaClientInitializationError') return true;
  if (typeof code === 'string' && (/^P1\d{3}$/.test(code) || PRISMA_TRANSIENT.has(code))) return true;
  const driver = failure.meta?.driverAdapterError?.cause;
  if (!driver) return false;
  if (typeof driver.kind === 'string' && DRIVER_TRANSIENT.has(driver.kind)) return true;
  return (
    driver.kind === 'postgres' && typeof driver.code === 'string' && SQLSTATE_TRANSIENT.test(driver.code)
  );
}

/** Socket-level failures of Node itself (a pg connection that dropped, say). */
const SYSTEM_TRANSIENT = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

function isTransientSystem(failure: FailureShape): boolean {
  return typeof failure.code === 'string' && SYSTEM_TRANSIENT.has(failure.code);
}

/** Longest failure text kept: enough for PostgreSQL's message and detail. */
const MAX_DESCRIPTION = 2_000;
/* eslint-disable-next-line no-control-regex -- control characters are what this removes */
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/**
 * A failure in one line of text fit for a log and a TEXT column: PostgreSQL's own code and message
 * when the database refused a value (Prisma's message would quote our source code), else the error's
 * name and message; control characters (a NUL from the very payload at fault) removed.
 */
export function describeFailure(error: unknown): string {
  const failure = (typeof error === 'object' && error !== null ? error : {}) as FailureShape;
  const driver = failure.meta?.driverAdapterError?.cause;
  let text: string;
  if (driver?.kind === 'postgres') {
    const detail = typeof driver.detail === 'string' ? ` (${driver.detail})` : '';
    text = `PostgreSQL ${String(driver.code)}: ${String(driver.message)}${detail}`;
  } else if (typeof driver?.kind === 'string') {
    text = `database: ${driver.kind}`;
  } else if (error instanceof Error) {
    text = `${error.name}: ${error.message.trim().split('\n').at(-1) ?? ''}`;
  } else {
    text = String(error);
  }
  return text.replace(UNPRINTABLE, '').slice(0, MAX_DESCRIPTION);
}
