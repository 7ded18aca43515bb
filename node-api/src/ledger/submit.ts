import type { CallOptions } from '@grpc/grpc-js';
import type { Contract, Status, SubmittedTransaction, Transaction } from '@hyperledger/fabric-gateway';
import {
  invalidAtCommit,
  isEndorsementMismatch,
  isOrderingRefusal,
  LedgerError,
  orderingRefused,
  OutcomeUnknown,
  toLedgerError,
  VALIDATION,
} from './errors.ts';

/** Fabric's TxValidationCode for a read set that another transaction changed first. */
export const MVCC_READ_CONFLICT = VALIDATION.MVCC_READ_CONFLICT;
const MAX_ATTEMPTS = 6;
const BASE_BACKOFF_MS = 100;

/** Validation codes worth a fresh attempt: another transaction changed what this one read. */
const READ_CONFLICTS: ReadonlySet<number> = new Set([
  VALIDATION.MVCC_READ_CONFLICT,
  VALIDATION.PHANTOM_READ_CONFLICT,
]);

export interface Submitted {
  result: Uint8Array;
  transactionId: string;
  blockNumber: bigint;
}

/**
 * Told each step of a write, so that whoever submits can keep a record of it. Each is awaited, and a
 * hook that throws stops the write there: nothing goes to the orderers unless `ordering` succeeded.
 */
export interface SubmitHooks {
  /** A fresh attempt is about to be endorsed, as transaction `transactionId` (each attempt has its own). */
  endorsing?: (transactionId: string) => Promise<void>;
  /** Endorsed, with the chaincode's result: the transaction goes to the ordering service next. */
  ordering?: (transactionId: string, result: Uint8Array) => Promise<void>;
}

export interface SubmitOptions {
  /** Private inputs: passed to the chaincode but kept out of the transaction written to the ledger. */
  transient?: Record<string, string>;
  /** Endorse on exactly these orgs (needed when transient data must reach only the orgs entitled to it). */
  endorsingOrganizations?: string[];
  hooks?: SubmitHooks;
  /**
   * How long to wait for the commit once the orderers took the transaction; past it the write ends in
   * OutcomeUnknown. Without it, the connection's commit status deadline applies.
   */
  commitWaitMs?: number;
}

/** Exponential backoff with full jitter, so that writers of one hot key stop colliding in lockstep. */
function backoff(attempt: number): Promise<void> {
  const ms = Math.random() * BASE_BACKOFF_MS * 2 ** (attempt - 1);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** One attempt's end: committed, or a read conflict (at endorsement, or at commit with its status). */
type Attempt = Submitted | { conflict: Status | undefined };

async function endorse(contract: Contract, name: string, args: string[], options: SubmitOptions) {
  const transientData = options.transient
    ? Object.fromEntries(Object.entries(options.transient).map(([key, value]) => [key, Buffer.from(value)]))
    : undefined;
  const proposal = contract.newProposal(name, {
    arguments: args,
    ...(transientData ? { transientData } : {}),
    ...(options.endorsingOrganizations ? { endorsingOrganizations: options.endorsingOrganizations } : {}),
  });
  await options.hooks?.endorsing?.(proposal.getTransactionId());
  try {
    return await proposal.endorse();
  } catch (error) {
    // Peers that endorse while a conflicting transaction is half-committed return different results.
    if (isEndorsementMismatch(error)) return undefined;
    throw toLedgerError(error);
  }
}

/** Sends an endorsed transaction to the orderers; a failure there is a refusal or an unknown outcome. */
async function order(transaction: Transaction): Promise<SubmittedTransaction> {
  try {
    return await transaction.submit();
  } catch (error) {
    const id = transaction.getTransactionId();
    throw isOrderingRefusal(error) ? orderingRefused(error, id) : new OutcomeUnknown(id, { cause: error });
  }
}

/** The commit status, waited for at most `waitMs`; not seen in time, the outcome is unknown. */
async function commitStatus(submitted: SubmittedTransaction, waitMs: number | undefined): Promise<Status> {
  const options: CallOptions | undefined =
    waitMs === undefined ? undefined : { deadline: Date.now() + waitMs };
  try {
    return await submitted.getStatus(options);
  } catch (error) {
    throw new OutcomeUnknown(submitted.getTransactionId(), { cause: error });
  }
}

async function submitOnce(
  contract: Contract,
  name: string,
  args: string[],
  options: SubmitOptions,
): Promise<Attempt> {
  const transaction = await endorse(contract, name, args, options);
  if (!transaction) return { conflict: undefined };
  const result = transaction.getResult();
  await options.hooks?.ordering?.(transaction.getTransactionId(), result);
  const status = await commitStatus(await order(transaction), options.commitWaitMs);
  if (status.successful) {
    return { result, transactionId: status.transactionId, blockNumber: status.blockNumber };
  }
  if (READ_CONFLICTS.has(status.code)) return { conflict: status };
  throw invalidAtCommit(status);
}

/**
 * Endorses, orders and waits (bounded) for the commit of one transaction. Only a read conflict is
 * retried, with backoff (a fresh endorsement reads the new state); a refusal or failure on the way
 * surfaces as a LedgerError (a TransactionInvalid once committed invalid), and a transaction whose
 * commit was not seen in time as OutcomeUnknown.
 */
export async function submit(
  contract: Contract,
  name: string,
  args: string[],
  options: SubmitOptions = {},
): Promise<Submitted> {
  for (let attempt = 1; ; attempt += 1) {
    const outcome = await submitOnce(contract, name, args, options);
    if (!('conflict' in outcome)) return outcome;
    if (attempt >= MAX_ATTEMPTS) {
      if (outcome.conflict) throw invalidAtCommit(outcome.conflict);
      throw new LedgerError(
        'CONFLICT',
        `${name} kept conflicting with concurrent transactions (${String(attempt)} attempts)`,
      );
    }
    await backoff(attempt);
  }
}

export async function evaluate(contract: Contract, name: string, args: string[]): Promise<Uint8Array> {
  try {
    return await contract.evaluateTransaction(name, ...args);
  } catch (error) {
    throw toLedgerError(error);
  }
}
