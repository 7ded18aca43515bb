import { GraphQLError } from 'graphql';
import type { ApiErrorCode } from '../errors/codes.ts';
import { LedgerError } from '../ledger/errors.ts';

/** The codes a client may branch on (`extensions.code`): see errors/codes.ts. */
export { NodeErrorCodes, type ApiErrorCode } from '../errors/codes.ts';

/** An error meant for the user: it passes error masking with its code and message. */
export function userError(
  code: ApiErrorCode,
  message: string,
  extra: Record<string, unknown> = {},
): GraphQLError {
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
