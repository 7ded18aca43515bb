import { status as GrpcStatus } from '@grpc/grpc-js';
import { EndorseError, type Contract } from '@hyperledger/fabric-gateway';
import { NodeErrorCodes } from '../errors/codes.ts';
import { LEDGER_UNAVAILABLE as UNAVAILABLE, LedgerError, toLedgerError } from './errors.ts';

/** Fabric's TxValidationCode for a read set that another transaction changed first. */
export const MVCC_READ_CONFLICT = 11;
const MAX_ATTEMPTS = 6;
const BASE_BACKOFF_MS = 100;
const ABORTED: number = GrpcStatus.ABORTED;

/** An outcome worth a fresh attempt: a read conflict, seen at commit or already at endorsement. */
const READ_CONFLICT = 'read-conflict';

export interface Submitted {
  result: Uint8Array;
  transactionId: string;
  blockNumber: bigint;
}

export interface SubmitOptions {
  /** Private inputs: passed to the chaincode but kept out of the transaction written to the ledger. */
  transient?: Record<string, string>;
  /** Endorse on exactly these orgs (needed when transient data must reach only the orgs entitled to it). */
  endorsingOrganizations?: string[];
}

/** Exponential backoff with full jitter, so that writers of one hot key stop colliding in lockstep. */
function backoff(attempt: number): Promise<void> {
  const ms = Math.random() * BASE_BACKOFF_MS * 2 ** (attempt - 1);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Peers that endorse while a conflicting transaction is half-committed (one has its block, the other
 * not yet) return different results: the gateway reports ABORTED. A chaincode rejection is ABORTED too,
 * but carries the chaincode's error code; only an ABORTED without one is worth a fresh attempt.
 */
function isEndorsementMismatch(error: unknown): boolean {
  return error instanceof EndorseError && error.code === ABORTED && toLedgerError(error).code === UNAVAILABLE;
}

async function submitOnce(
  contract: Contract,
  name: string,
  args: string[],
  options: SubmitOptions,
): Promise<Submitted | number | typeof READ_CONFLICT> {
  let transaction;
  let status;
  try {
    const transientData = options.transient
      ? Object.fromEntries(Object.entries(options.transient).map(([key, value]) => [key, Buffer.from(value)]))
      : undefined;
    const proposal = contract.newProposal(name, {
      arguments: args,
      ...(transientData ? { transientData } : {}),
      ...(options.endorsingOrganizations ? { endorsingOrganizations: options.endorsingOrganizations } : {}),
    });
    transaction = await proposal.endorse();
    status = await (await transaction.submit()).getStatus();
  } catch (error) {
    if (isEndorsementMismatch(error)) return READ_CONFLICT;
    throw toLedgerError(error);
  }
  if (!status.successful) return status.code === MVCC_READ_CONFLICT ? READ_CONFLICT : status.code;
  return {
    result: transaction.getResult(),
    transactionId: status.transactionId,
    blockNumber: status.blockNumber,
  };
}

/**
 * Endorses, orders and waits for the commit of one transaction. Only a read conflict is retried, with
 * backoff (a fresh endorsement reads the new state); every other failure surfaces as a LedgerError.
 */
export async function submit(
  contract: Contract,
  name: string,
  args: string[],
  options: SubmitOptions = {},
): Promise<Submitted> {
  for (let attempt = 1; ; attempt += 1) {
    const outcome = await submitOnce(contract, name, args, options);
    if (typeof outcome === 'number') {
      throw new LedgerError(
        NodeErrorCodes.CommitFailed,
        `${name} was not committed: validation code ${outcome}`,
      );
    }
    if (outcome !== READ_CONFLICT) return outcome;
    if (attempt >= MAX_ATTEMPTS) {
      throw new LedgerError(
        NodeErrorCodes.Conflict,
        `${name} kept conflicting with concurrent transactions (${attempt} attempts)`,
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
