import type { Gateway } from '@hyperledger/fabric-gateway';
import { LEDGER_UNAVAILABLE, LedgerError } from './errors.ts';

/**
 * Waits until the peer behind `gateway` has committed block `blockNumber`. Block delivery hands a
 * block out only once the peer's commit of it (block store, state and history) is done, so reads
 * after this see its writes. Filtered blocks: that the block is there is all that is needed, not the
 * payloads the peer would otherwise read and send and this client parse for every wait.
 */
export async function waitForBlock(
  gateway: Gateway,
  channel: string,
  blockNumber: bigint,
  timeoutMs: number,
): Promise<void> {
  const events = await gateway.getNetwork(channel).getFilteredBlockEvents({ startBlock: blockNumber });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(
        new LedgerError(
          LEDGER_UNAVAILABLE,
          `block ${String(blockNumber)} not committed within ${String(timeoutMs)} ms`,
        ),
      );
    }, timeoutMs);
  });
  try {
    await Promise.race([events[Symbol.asyncIterator]().next(), timeout]);
  } finally {
    clearTimeout(timer);
    events.close();
  }
}
