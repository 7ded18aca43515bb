import type { Contract } from '@hyperledger/fabric-gateway';
import { LedgerError, toLedgerError } from './errors.ts';

/** Fabric's TxValidationCode for a read set that another transaction changed first. */
export const MVCC_READ_CONFLICT = 11;
const MAX_ATTEMPTS = 3;

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

async function submitOnce(
  contract: Contract,
  name: string,
  args: string[],
  options: SubmitOptions,
): Promise<Submitted | number> {
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
    throw toLedgerError(error);
  }
  if (!status.successful) return status.code;
  return {
    result: transaction.getResult(),
    transactionId: status.transactionId,
    blockNumber: status.blockNumber,
  };
}

/**
 * Endorses, orders and waits for the commit of one transaction. Only an MVCC read conflict is
 * retried (a fresh endorsement reads the new state); every other failure surfaces as a LedgerError.
 */
export async function submit(
  contract: Contract,
  name: string,
  args: string[],
  options: SubmitOptions = {},
): Promise<Submitted> {
  for (let attempt = 1; ; attempt += 1) {
    const outcome = await submitOnce(contract, name, args, options);
    if (typeof outcome !== 'number') return outcome;
    if (outcome !== MVCC_READ_CONFLICT || attempt >= MAX_ATTEMPTS) {
      throw new LedgerError('COMMIT_FAILED', `${name} was not committed: validation code ${outcome}`);
    }
  }
}

export async function evaluate(contract: Contract, name: string, args: string[]): Promise<Uint8Array> {
  try {
    return await contract.evaluateTransaction(name, ...args);
  } catch (error) {
    throw toLedgerError(error);
  }
}
