import type { Gateway } from '@hyperledger/fabric-gateway';
import { gateway as protos, msp } from '@hyperledger/fabric-protos';
import { LEDGER_UNAVAILABLE, LedgerError } from './errors.ts';

const unavailable = (what: string, timeoutMs: number): LedgerError =>
  new LedgerError(LEDGER_UNAVAILABLE, `${what} not committed within ${String(timeoutMs)} ms`);

/**
 * Waits until the peer behind `gateway` has committed transaction `transactionId`, its writes in the
 * peer's state included: the gateway's commit status answers only then (a transaction another org's
 * peer committed may not be on this one yet).
 */
export async function waitForCommit(
  gateway: Gateway,
  channel: string,
  transactionId: string,
  timeoutMs: number,
): Promise<void> {
  const { mspId, credentials } = gateway.getIdentity();
  const identity = new msp.SerializedIdentity();
  identity.setMspid(mspId);
  identity.setIdBytes(credentials);
  const request = new protos.CommitStatusRequest();
  request.setChannelId(channel);
  request.setTransactionId(transactionId);
  request.setIdentity(identity.serializeBinary());
  const unsigned = new protos.SignedCommitStatusRequest();
  unsigned.setRequest(request.serializeBinary());
  try {
    // Signed with the gateway's own identity when sent.
    await gateway.newCommit(unsigned.serializeBinary()).getStatus({ deadline: Date.now() + timeoutMs });
  } catch (error) {
    throw Object.assign(unavailable(`transaction ${transactionId}`, timeoutMs), { cause: error });
  }
}

/**
 * Waits until the peer behind `gateway` has committed block `blockNumber`, its writes in the peer's
 * state included. Block delivery sends a block once it is stored, a moment before its writes reach
 * the state database, so a read right after could still see the state before it: the wait ends with
 * the commit status of the block's last transaction, which the peer gives only after both.
 */
export async function waitForBlock(
  gateway: Gateway,
  channel: string,
  blockNumber: bigint,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  // Filtered blocks: their transaction ids are all that is needed, not their payloads.
  const events = await gateway.getNetwork(channel).getFilteredBlockEvents({ startBlock: blockNumber });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(unavailable(`block ${String(blockNumber)}`, timeoutMs));
    }, timeoutMs);
  });
  let lastTransaction: string | undefined;
  try {
    const next = await Promise.race([events[Symbol.asyncIterator]().next(), timeout]);
    lastTransaction =
      next.done === true ? undefined : next.value.getFilteredTransactionsList().at(-1)?.getTxid();
  } finally {
    clearTimeout(timer);
    events.close();
  }
  if (lastTransaction) {
    await waitForCommit(gateway, channel, lastTransaction, Math.max(1, deadline - Date.now()));
  }
}
