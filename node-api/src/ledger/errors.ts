import { EndorseError, GatewayError } from '@hyperledger/fabric-gateway';
import { errorCodeOf } from '@scf/ledger-contract';
import { NodeErrorCodes, type ApiErrorCode } from '../errors/codes.ts';

/** The code of a failure that carries no chaincode code: the ledger could not be reached or did not agree. */
export const LEDGER_UNAVAILABLE = NodeErrorCodes.LedgerUnavailable;

/**
 * A request the ledger refused: `code` is the chaincode's code, or the node's own for a failure on
 * the way (LEDGER_UNAVAILABLE, COMMIT_FAILED, CONFLICT).
 */
export class LedgerError extends Error {
  readonly code: ApiErrorCode;
  readonly transactionId: string | undefined;

  constructor(code: ApiErrorCode, message: string, transactionId?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = LedgerError.name;
    this.code = code;
    this.transactionId = transactionId;
  }
}

/** Turns a fabric-gateway error into a LedgerError carrying the chaincode's own code where it has one. */
export function toLedgerError(error: unknown): LedgerError {
  if (error instanceof LedgerError) return error;
  if (!(error instanceof GatewayError)) {
    const message = error instanceof Error ? error.message : String(error);
    return new LedgerError(LEDGER_UNAVAILABLE, message, undefined, { cause: error });
  }
  const txId = error instanceof EndorseError ? error.transactionId : undefined;
  // The chaincode's message reaches the client inside a peer's detail, after the gateway's own words.
  for (const text of [error.message, ...error.details.map((detail) => detail.message)]) {
    const code = errorCodeOf(text);
    if (code) return new LedgerError(code, text.slice(text.indexOf(`[${code}]`)), txId, { cause: error });
  }
  return new LedgerError(LEDGER_UNAVAILABLE, error.message, txId, { cause: error });
}
