import { CommandError } from './exec.ts';

/**
 * What the peer CLI's `chaincode invoke` (and lifecycle commit) adds to wait until the transaction is
 * committed on every target peer: the CLI's own 30 s wait timed out on a busy two-core machine while
 * the commit was on its way, which failed a write that then committed. Shorter than the 120 s after
 * which `run` kills a command, so that the CLI says itself that it gave up (writeWaitingForCommit).
 */
const WAIT_FOR_COMMIT = ['--waitForEvent', '--waitForEventTimeout', '100s'] as const;

/** What the peer CLI says when its `--waitForEvent` gave up (internal/peer/chaincode/common.go). */
const WAIT_TIMED_OUT = 'timed out waiting for txid on all peers';

/**
 * Runs a peer CLI write, handing it the arguments that make it wait for its commit (WAIT_FOR_COMMIT).
 * The CLI opens its block stream at "newest" without waiting for the peer to place it, so it misses a
 * transaction whose block and one more committed first, and reports a timeout after a write that happened. Then the ledger is
 * asked: `tookEffect` says whether the write is there, and only if not does the timeout stand.
 */
export async function writeWaitingForCommit(
  send: (waitForCommit: readonly string[]) => Promise<string>,
  tookEffect: () => Promise<boolean>,
): Promise<void> {
  try {
    await send(WAIT_FOR_COMMIT);
  } catch (error) {
    if (error instanceof CommandError && error.output.includes(WAIT_TIMED_OUT) && (await tookEffect()))
      return;
    throw error;
  }
}
