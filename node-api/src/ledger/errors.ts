import { EndorseError, GatewayError } from '@hyperledger/fabric-gateway';

/** Codes the chaincode puts in brackets in its error messages (chaincode/src/lib/errors.ts). */
const CHAINCODE_CODE = /\[([A-Z][A-Z_]+)\]/;

/** The code of a failure that carries no chaincode code: the ledger could not be reached or did not agree. */
export const LEDGER_UNAVAILABLE = 'LEDGER_UNAVAILABLE';

/** A request the ledger refused: `code` is the chaincode's code, or LEDGER_UNAVAILABLE / COMMIT_FAILED. */
export class LedgerError extends Error {
  readonly code: string;
  readonly transactionId: string | undefined;

  constructor(code: string, message: string, transactionId?: string, options?: ErrorOptions) {
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
  const messages = [error.message, ...error.details.map((detail) => detail.message)];
  const coded = messages.find((text) => CHAINCODE_CODE.test(text));
  const txId = error instanceof EndorseError ? error.transactionId : undefined;
  if (coded === undefined) return new LedgerError(LEDGER_UNAVAILABLE, error.message, txId, { cause: error });
  const code = CHAINCODE_CODE.exec(coded)?.[1] ?? LEDGER_UNAVAILABLE;
  return new LedgerError(code, coded.slice(coded.indexOf('[')), txId, { cause: error });
}
