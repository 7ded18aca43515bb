import { status as GrpcStatus } from '@grpc/grpc-js';
import { CommitError, EndorseError, GatewayError } from '@hyperledger/fabric-gateway';
import { validationName } from '@scf/network';
import { errorCodeOf } from '@scf/ledger-contract';
import { NodeErrorCodes, type ApiErrorCode } from '../errors/codes.ts';

/** The code of a failure that carries no chaincode code: the ledger could not be reached or did not agree. */
export const LEDGER_UNAVAILABLE = NodeErrorCodes.LedgerUnavailable;

/** Fabric's TxValidationCodes the node tells apart. */
export const VALIDATION = {
  VALID: 0,
  /** A later copy of a transaction id the ledger holds already: the first copy is the one that counts. */
  DUPLICATE_TXID: 9,
  ENDORSEMENT_POLICY_FAILURE: 10,
  MVCC_READ_CONFLICT: 11,
  PHANTOM_READ_CONFLICT: 12,
} as const;

/**
 * What a client is told for each failure of the node's own: fixed words. The peers' and the gateway's
 * text names hosts, ports and chaincode package ids; it stays in the error's `cause`, for the log.
 */
const MESSAGES = {
  LEDGER_UNAVAILABLE: 'the ledger could not be reached in time',
  CHAINCODE_UNAVAILABLE: 'the endorsing peer could not reach the chaincode; nothing was written',
  ENDORSEMENT_POLICY_FAILURE: 'not enough organisations endorsed the transaction; nothing was written',
  ORDERING_UNAVAILABLE: 'the ordering service did not take the transaction; nothing was written',
  CONFLICT: 'the transaction kept conflicting with concurrent ones on the same records; try again',
} as const satisfies Partial<Record<ApiErrorCode, string>>;

/**
 * A request the ledger refused: `code` is the chaincode's code, or the node's own for a failure on
 * the way (LEDGER_UNAVAILABLE, CHAINCODE_UNAVAILABLE, ENDORSEMENT_POLICY_FAILURE, ORDERING_UNAVAILABLE,
 * COMMIT_FAILED, CONFLICT). The message is fit for clients; the raw failure is the `cause`.
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

/** A transaction the peers committed in a block but marked invalid: it changed nothing. */
export class TransactionInvalid extends LedgerError {
  /** Fabric's name of the validation code (ENDORSEMENT_POLICY_FAILURE, MVCC_READ_CONFLICT, …). */
  readonly validation: string;
  readonly blockNumber: bigint;

  constructor(code: ApiErrorCode, message: string, position: InvalidPosition, options?: ErrorOptions) {
    super(code, message, position.transactionId, options);
    this.name = TransactionInvalid.name;
    this.validation = position.validation;
    this.blockNumber = position.blockNumber;
  }
}

interface InvalidPosition {
  transactionId: string;
  validation: string;
  blockNumber: bigint;
}

/**
 * Not a refusal: the transaction went to the ordering service, but its commit was not seen within the
 * wait (orderers or peers slow or down). It may still commit, or never: only the ledger will tell.
 */
export class OutcomeUnknown extends Error {
  readonly transactionId: string;

  constructor(transactionId: string, options?: ErrorOptions) {
    super(`transaction ${transactionId} was sent for ordering; its commit was not seen in time`, options);
    this.name = OutcomeUnknown.name;
    this.transactionId = transactionId;
  }
}

/** Codes that say the ledger was out of reach for a while, not that the request was wrong: try again. */
const TRANSIENT: ReadonlySet<ApiErrorCode> = new Set([
  LEDGER_UNAVAILABLE,
  NodeErrorCodes.ChaincodeUnavailable,
]);

export function isTransientLedgerCode(code: ApiErrorCode): boolean {
  return TRANSIENT.has(code);
}

/*
 * Fabric tells its failures apart only in words: these are the peer's and the gateway's own phrases
 * (Fabric v2.5/3.x internal/pkg/gateway, core/chaincode, core/endorser), read from a GatewayError's
 * details; never shown to clients.
 */

/** The peer could not start, reach or hear back from the chaincode (core/chaincode). */
const CHAINCODE_DOWN = [
  'could not launch chaincode',
  'chaincode stream terminated',
  'timeout expired while starting chaincode',
  'timeout expired while executing transaction',
];
/** Endorsers' results differed: they read different states (internal/pkg/gateway/endorsement.go). */
const PAYLOADS_MISMATCH = 'ProposalResponsePayloads do not match';
/** The gateway found or collected too few endorsers for the policy (internal/pkg/gateway). */
const POLICY_UNMET = [
  'failed to collect enough transaction endorsements',
  'satisfy the endorsement policy',
  'failed to find any endorsing peers',
];

function textsOf(error: GatewayError): string[] {
  return [error.message, ...error.details.map((detail) => detail.message)];
}

const mentions = (texts: string[], phrases: string[]): boolean =>
  texts.some((text) => phrases.some((phrase) => text.includes(phrase)));

/** Endorsers returned different results (a conflicting transaction half-committed): worth a fresh attempt. */
export function isEndorsementMismatch(error: unknown): boolean {
  return (
    error instanceof EndorseError &&
    errorCodeIn(textsOf(error)) === undefined &&
    mentions(textsOf(error), [PAYLOADS_MISMATCH])
  );
}

const UNAVAILABLE: number = GrpcStatus.UNAVAILABLE;
const ABORTED: number = GrpcStatus.ABORTED;

/**
 * For a failure of `Transaction.submit` (a SubmitError): whether the orderers refused it or none could
 * be reached, so the transaction is not ordered. The gateway says so itself: UNAVAILABLE or ABORTED,
 * naming the orderers (in its message or in what each one it tried answered). The same codes from the
 * connection to the gateway peer (it died or dropped the call) say nothing of orderers, and the peer
 * may have handed the transaction on already: that, and any other failure there (a deadline, a
 * cancelled call), leaves its fate unknown.
 */
export function isOrderingRefusal(error: unknown): boolean {
  return (
    error instanceof GatewayError &&
    (error.code === UNAVAILABLE || error.code === ABORTED) &&
    (error.details.length > 0 || /\borderers?\b/i.test(error.message))
  );
}

/** A failure of `Transaction.submit` the orderers certainly did not take, as the client's error. */
export function orderingRefused(error: unknown, transactionId: string): LedgerError {
  return nodeFailure('ORDERING_UNAVAILABLE', error, transactionId);
}

function errorCodeIn(texts: string[]): { code: ApiErrorCode; text: string } | undefined {
  for (const text of texts) {
    const code = errorCodeOf(text);
    if (code) return { code, text };
  }
  return undefined;
}

function nodeFailure(code: keyof typeof MESSAGES, cause: unknown, transactionId?: string): LedgerError {
  return new LedgerError(code, MESSAGES[code], transactionId, { cause });
}

/** The client's code and words for a transaction the peers invalidated with validation `code`. */
function invalidity(code: number): { code: ApiErrorCode; message: string } {
  if (code === VALIDATION.ENDORSEMENT_POLICY_FAILURE) {
    return { code: 'ENDORSEMENT_POLICY_FAILURE', message: MESSAGES.ENDORSEMENT_POLICY_FAILURE };
  }
  if (code === VALIDATION.MVCC_READ_CONFLICT || code === VALIDATION.PHANTOM_READ_CONFLICT) {
    return { code: 'CONFLICT', message: MESSAGES.CONFLICT };
  }
  const message = `the peers did not commit the transaction (validation code ${validationName(code)})`;
  return { code: NodeErrorCodes.CommitFailed, message };
}

/** A transaction committed invalid, as the client's error. */
export function invalidAtCommit(
  status: { transactionId: string; code: number; blockNumber: bigint },
  cause?: unknown,
): TransactionInvalid {
  const { code, message } = invalidity(status.code);
  const position = {
    transactionId: status.transactionId,
    validation: validationName(status.code),
    blockNumber: status.blockNumber,
  };
  return new TransactionInvalid(code, message, position, cause === undefined ? undefined : { cause });
}

/**
 * Turns a fabric-gateway error into a LedgerError: the chaincode's own code and message where it has
 * one, else the node's code for what failed on the way, with fixed words (the raw error is the cause).
 */
export function toLedgerError(error: unknown): LedgerError {
  if (error instanceof LedgerError) return error;
  if (error instanceof CommitError) {
    const { code, message } = invalidity(error.code);
    return new LedgerError(code, message, error.transactionId, { cause: error });
  }
  if (!(error instanceof GatewayError)) return nodeFailure(LEDGER_UNAVAILABLE, error);
  const txId =
    'transactionId' in error && typeof error.transactionId === 'string' ? error.transactionId : undefined;
  const texts = textsOf(error);
  // The chaincode's message reaches the client inside a peer's detail, after the gateway's own words.
  const refusal = errorCodeIn(texts);
  if (refusal) {
    const { code, text } = refusal;
    return new LedgerError(code, text.slice(text.indexOf(`[${code}]`)), txId, { cause: error });
  }
  if (mentions(texts, CHAINCODE_DOWN)) return nodeFailure('CHAINCODE_UNAVAILABLE', error, txId);
  if (mentions(texts, [PAYLOADS_MISMATCH])) return nodeFailure('CONFLICT', error, txId);
  if (mentions(texts, POLICY_UNMET)) return nodeFailure('ENDORSEMENT_POLICY_FAILURE', error, txId);
  return nodeFailure(LEDGER_UNAVAILABLE, error, txId);
}

/** One line for the node's log: the client's words, then the raw failure with Fabric's details. */
export function describeLedgerFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  const raw =
    cause instanceof GatewayError
      ? [cause.message, ...cause.details.map((d) => `${d.mspId}@${d.address}: ${d.message}`)].join(' | ')
      : cause instanceof Error
        ? cause.message
        : '';
  return raw === '' ? `${error.name}: ${error.message}` : `${error.name}: ${error.message} (${raw})`;
}
