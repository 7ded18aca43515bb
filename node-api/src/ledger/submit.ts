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

async function submitOnce(contract: Contract, name: string, args: string[]): Promise<Submitted | number> {
  let transaction;
  let status;
  try {
    transaction = await contract.newProposal(name, { arguments: args }).endorse();
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
export async function submit(contract: Contract, name: string, args: string[]): Promise<Submitted> {
  for (let attempt = 1; ; attempt += 1) {
    const outcome = await submitOnce(contract, name, args);
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
