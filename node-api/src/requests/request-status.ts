import type { TransactionOutcome } from '../ledger/blocks.ts';
import { validationName } from '@scf/network';
import { describeLedgerFailure, VALIDATION } from '../ledger/errors.ts';
import type { ClientRequests, RequestRow } from './client-requests.ts';

/** What a client is told of a transaction: see `TransactionState` in schema/transaction-status.ts. */
export type TransactionState = 'UNKNOWN' | 'PENDING' | 'VALID' | 'INVALID';

export interface RequestStatus {
  state: TransactionState;
  transactionId: string | null;
  blockNumber: bigint | null;
  reason: string | null;
  clientRequestId: string | null;
}

/** The peer's query of a transaction's outcome (qscc, see ledger/blocks.ts). */
export interface OutcomeSource {
  outcomeOf: (transactionId: string) => Promise<TransactionOutcome | undefined>;
}

/** How a request's row reads to its owner (null: no such request of theirs). */
export function statusOf(row: RequestRow | null): RequestStatus {
  if (!row) {
    return { state: 'UNKNOWN', transactionId: null, blockNumber: null, reason: null, clientRequestId: null };
  }
  const state: TransactionState =
    row.state === 'VALID'
      ? 'VALID'
      : row.state === 'INVALID' || row.state === 'FAILED'
        ? 'INVALID'
        : 'PENDING';
  return {
    state,
    transactionId: row.transactionId,
    blockNumber: row.blockNumber,
    reason: row.reason,
    clientRequestId: row.key,
  };
}

/**
 * What this org's peer holds of transaction `transactionId`: its outcome, undefined when it holds no
 * such transaction, null when it could not be asked (logged).
 */
export async function askPeer(
  ledger: OutcomeSource,
  transactionId: string,
  log: (message: string) => void,
): Promise<TransactionOutcome | undefined | null> {
  try {
    return await ledger.outcomeOf(transactionId);
  } catch (error) {
    log(`status of transaction ${transactionId} not known: ${describeLedgerFailure(error)}`);
    return null;
  }
}

/**
 * Records the ledger's outcome of a PENDING row's transaction, and returns the row as it now stands.
 * A DUPLICATE_TXID settles nothing: it is a later copy (sent again), and the copy that counts is the
 * first, which is what the peer reports for an id (Fabric's block index keeps the first entry first).
 */
export async function recorded(
  requests: ClientRequests,
  row: RequestRow,
  outcome: TransactionOutcome,
): Promise<RequestRow> {
  if (outcome.validationCode === VALIDATION.DUPLICATE_TXID) return row;
  const valid = outcome.validationCode === VALIDATION.VALID;
  await requests.settle(row, {
    valid,
    reason: valid ? null : validationName(outcome.validationCode),
    blockNumber: outcome.blockNumber,
  });
  return (await requests.reread(row)) ?? row;
}

/**
 * A PENDING row brought up to date with what this org's peer holds of its transaction (committed valid
 * or invalid), and recorded; any other row, or one the peer does not hold yet, as it is. A peer that
 * cannot be asked leaves the row PENDING: the node never guesses.
 */
export async function refreshed(
  requests: ClientRequests,
  row: RequestRow,
  ledger: OutcomeSource,
  log: (message: string) => void,
): Promise<RequestRow> {
  if (row.state !== 'PENDING' || row.transactionId === null) return row;
  const outcome = await askPeer(ledger, row.transactionId, log);
  return outcome ? recorded(requests, row, outcome) : row;
}
