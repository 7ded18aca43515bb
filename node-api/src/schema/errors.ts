import { GraphQLError } from 'graphql';
import { LedgerError } from '../ledger/errors.ts';

/**
 * Codes a client may branch on (`extensions.code`). The chaincode's own codes pass through unchanged;
 * the node adds its own for what never reaches the ledger.
 */
export const NodeErrorCodes = {
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  InvalidArgument: 'INVALID_ARGUMENT',
  NotFound: 'NOT_FOUND',
  AlreadyExists: 'ALREADY_EXISTS',
  /** Too many requests, or too many failed logins from the caller's address (`retryAfterSeconds`). */
  RateLimited: 'RATE_LIMITED',
  /** Too many failed logins for the account: refused unchecked until `retryAfterSeconds` have passed. */
  AccountLocked: 'ACCOUNT_LOCKED',
  Tampered: 'TAMPERED',
  /** A document hash the caller's enterprise did not upload to this node (documents/document-access.ts). */
  DocumentNotOwned: 'DOCUMENT_NOT_OWNED',
  LedgerUnavailable: 'LEDGER_UNAVAILABLE',
  /** Over a depth, alias, token or cost limit (see http/query-limits.ts). */
  QueryTooComplex: 'QUERY_TOO_COMPLEX',
  /** Same code as yoga's own body-size refusal on /graphql, so clients see one code for both. */
  TooLarge: 'REQUEST_ENTITY_TOO_LARGE',
  UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
} as const;

/** An error meant for the user: it passes error masking with its code and message. */
export function userError(code: string, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

/** A ledger refusal as a user error carrying the chaincode's code; anything else is rethrown (masked). */
export function fromLedger(error: unknown): GraphQLError {
  if (error instanceof LedgerError) {
    return userError(
      error.code,
      error.message,
      error.transactionId ? { transactionId: error.transactionId } : {},
    );
  }
  throw error;
}
