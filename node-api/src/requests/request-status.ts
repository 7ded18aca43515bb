import type { TransactionOutcome } from '../ledger/blocks.ts';
import { describeLedgerFailure, validationName } from '../ledger/errors.ts';
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

/** Fabric's TxValidationCode of a valid transaction. */
const VALID = 0;

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
 * A PENDING row brought up to date with what this org's peer holds of its transaction (committed valid
 * or invalid), and recorded; any other row, or one the peer does not hold yet, as it is. A peer that
 * cannot be asked leaves the row PENDING: the node never guesses.
 */
export async function refreshed(
  requests: ClientRequests,
  row: RequestRow,
  ledger: { outcomeOf: (transactionId: string) => Promise<TransactionOutcome | undefined> },
  log: (message: string) => void,
): Promise<RequestRow> {
  if (row.state !== 'PENDING' || row.transactionId === null) return row;
  let outcome: TransactionOutcome | undefined;
  try {
    outcome = await ledger.outcomeOf(row.transactionId);
  } catch (error) {
    log(`status of transaction ${row.transactionId} not known: ${describeLedgerFailure(error)}`);
    return row;
  }
  if (!outcome) return row;
  const valid = outcome.validationCode === VALID;
  await requests.settle(row, {
    valid,
    reason: valid ? null : validationName(outcome.validationCode),
    blockNumber: outcome.blockNumber,
  });
  return (await requests.reread(row)) ?? row;
}
