import type { CallOptions } from '@grpc/grpc-js';
import type {
  Contract,
  Gateway,
  Status,
  SubmittedTransaction,
  Transaction,
} from '@hyperledger/fabric-gateway';
import { gateway as protos } from '@hyperledger/fabric-protos';
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
  /**
   * Endorsed, with the chaincode's result: the transaction goes to the ordering service next. With
   * `seal`, `envelope` is the signed transaction as it will be sent (`resubmit` sends it again).
   */
  ordering?: (transactionId: string, result: Uint8Array, envelope: Uint8Array | undefined) => Promise<void>;
}

/** Signs an endorsed transaction before its submit (fabric-gateway signs only inside `submit`). */
export type Seal = (transaction: Transaction) => Promise<Transaction>;

export interface SubmitOptions {
  /** Private inputs: passed to the chaincode but kept out of the transaction written to the ledger. */
  transient?: Record<string, string>;
  /** Endorse on exactly these orgs (needed when transient data must reach only the orgs entitled to it). */
  endorsingOrganizations?: string[];
  hooks?: SubmitHooks;
  /** Signs each endorsed transaction ahead of its submit, so that `hooks.ordering` gets its envelope. */
  seal?: Seal;
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
  const endorsed = await endorse(contract, name, args, options);
  if (!endorsed) return { conflict: undefined };
  const transaction = options.seal ? await options.seal(endorsed) : endorsed;
  const result = transaction.getResult();
  const envelope = options.seal ? transaction.getBytes() : undefined;
  await options.hooks?.ordering?.(transaction.getTransactionId(), result, envelope);
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

/** Whether kept transaction bytes carry their signature (a gateway would sign an unsigned one itself). */
function isSigned(envelope: Uint8Array): boolean {
  const signature = protos.PreparedTransaction.deserializeBinary(envelope).getEnvelope()?.getSignature_asU8();
  return signature !== undefined && signature.length > 0;
}

/**
 * Sends a signed transaction kept from an earlier submit (`hooks.ordering`'s envelope) to the orderers
 * again, through any gateway of the channel: it goes as its signer made it. Safe to repeat: Fabric
 * commits a transaction id at most once, and marks any later copy DUPLICATE_TXID, which changes nothing.
 */
export async function resubmit(gateway: Gateway, envelope: Uint8Array): Promise<void> {
  if (!isSigned(envelope)) throw new Error('a kept transaction without its signature cannot be sent again');
  await order(gateway.newTransaction(envelope));
}

export async function evaluate(contract: Contract, name: string, args: string[]): Promise<Uint8Array> {
  try {
    return await contract.evaluateTransaction(name, ...args);
  } catch (error) {
    throw toLedgerError(error);
  }
}
