import { setTimeout as sleep } from 'node:timers/promises';
import { CommandError } from './exec.ts';

/**
 * What the peer CLI's `chaincode invoke` (and lifecycle commit) adds to wait until the transaction is
 * committed on every target peer. Short: when the CLI gives up, the ledger is asked instead
 * (writeWaitingForCommit), so a commit the CLI missed costs this long, not the whole wait.
 */
const WAIT_FOR_COMMIT = ['--waitForEvent', '--waitForEventTimeout', '20s'] as const;

/** What the peer CLI says when its `--waitForEvent` gave up (internal/peer/chaincode/common.go). */
const WAIT_TIMED_OUT = 'timed out waiting for txid on all peers';

export interface LedgerWait {
  /** How long after the CLI gave up the ledger is asked whether the write took effect (ms). */
  withinMs: number;
  /** How often it is asked (ms). */
  everyMs: number;
}

/**
 * Asked for 80 s after the CLI's 20 s: a busy two-core machine has taken over 30 s to commit a
 * write, and an earlier 30 s wait failed writes that then committed.
 */
const LEDGER_WAIT: LedgerWait = { withinMs: 80_000, everyMs: 2_000 };

/** Whether `tookEffect` says yes before `wait.withinMs` passed, asked every `wait.everyMs`. */
async function eventually(tookEffect: () => Promise<boolean>, wait: LedgerWait): Promise<boolean> {
  const deadline = Date.now() + wait.withinMs;
  for (;;) {
    if (await tookEffect()) return true;
    if (Date.now() + wait.everyMs > deadline) return false;
    await sleep(wait.everyMs);
  }
}

/**
 * Runs a peer CLI write, handing it the arguments that make it wait for its commit (WAIT_FOR_COMMIT).
 * The CLI opens its block stream at "newest" without waiting for the peer to place it, so it misses a
 * transaction whose block and one more committed first, and reports a timeout after a write that
 * happened; or the commit is simply slow. Then the ledger is asked until `wait.withinMs` passed:
 * `tookEffect` says whether the write is there, and only if it never is does the timeout stand.
 */
export async function writeWaitingForCommit(
  send: (waitForCommit: readonly string[]) => Promise<string>,
  tookEffect: () => Promise<boolean>,
  wait: LedgerWait = LEDGER_WAIT,
): Promise<void> {
  try {
    await send(WAIT_FOR_COMMIT);
  } catch (error) {
    if (
      error instanceof CommandError &&
      error.output.includes(WAIT_TIMED_OUT) &&
      (await eventually(tookEffect, wait))
    )
      return;
    throw error;
  }
}
