import type { Gateway } from '@hyperledger/fabric-gateway';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { NodeErrorCodes } from '../errors/codes.ts';
import type { BlockLocator } from '../ledger/blocks.ts';
import { describeLedgerFailure } from '../ledger/errors.ts';
import { resubmit } from '../ledger/submit.ts';
import { ClientRequests, sendingWindowMs, type RequestRow } from './client-requests.ts';
import { askPeer, recorded, type OutcomeSource } from './request-status.ts';

/** The ledger as pending writes need it: what the peer holds of a transaction, and the orderers. */
export interface PendingLedger extends OutcomeSource {
  /** Sends a kept, signed transaction to the orderers again. */
  resubmit: (envelope: Uint8Array) => Promise<void>;
}

/** The org's peer for outcomes; `gateway` (the service identity's will do) to send kept transactions. */
export function pendingLedger(blocks: BlockLocator, gateway: Gateway): PendingLedger {
  return {
    outcomeOf: (transactionId) => blocks.outcomeOf(transactionId),
    resubmit: (envelope) => resubmit(gateway, envelope),
  };
}

export type PendingTiming = Pick<Config, 'SCF_COMMIT_WAIT_MS' | 'SCF_RESEND_AFTER_MS' | 'SCF_RESEND_LIMIT'>;

/**
 * What one look at a PENDING row did: settled it as the ledger has it, sent its transaction again,
 * abandoned it (FAILED), or nothing (waiting for its turn, or the peer could not be asked).
 */
export type Step = 'settled' | 'resent' | 'abandoned' | 'waiting' | 'unreachable';

/** How often the sweep runs, and how many rows one sweep looks at (the oldest first). */
const SWEEP_EVERY_MS = 10_000;
const SWEEP_BATCH = 20;

/**
 * Moves on writes left PENDING: their request answered PENDING (the commit was not seen in time) or
 * died between recording PENDING and handing the transaction to the orderers. Each is looked up on
 * the org's peer; one it holds is settled VALID or INVALID; one it does not hold, once overdue
 * (SCF_RESEND_AFTER_MS since last sent), is sent again from the signed envelope the row keeps — safe,
 * since Fabric commits a transaction id at most once — and after SCF_RESEND_LIMIT sends is given up as
 * FAILED (ORDERING_UNAVAILABLE), but only on the peer's word that it still holds no such transaction.
 * A periodic sweep does this (`start`), and so does a retry with the row's key (`advance`).
 */
export class PendingWrites {
  private readonly requests: ClientRequests;
  private readonly ledger: PendingLedger;
  private readonly timing: PendingTiming;
  private readonly log: (message: string) => void;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<Step[]> | undefined;

  constructor(db: Database, ledger: PendingLedger, timing: PendingTiming, log: (message: string) => void) {
    this.requests = new ClientRequests(db);
    this.ledger = ledger;
    this.timing = timing;
    this.log = log;
  }

  /** How long after its last send a transaction is left alone: never while its sender may still wait. */
  private get resendAfterMs(): number {
    return Math.max(this.timing.SCF_RESEND_AFTER_MS, sendingWindowMs(this.timing.SCF_COMMIT_WAIT_MS));
  }

  /** One PENDING row brought forward as far as the ledger allows; any other row is left as it is. */
  async advance(row: RequestRow, now = Date.now()): Promise<{ row: RequestRow; step: Step }> {
    const transactionId = row.transactionId;
    if (row.state !== 'PENDING' || transactionId === null) return { row, step: 'waiting' };
    const outcome = await askPeer(this.ledger, transactionId, this.log);
    if (outcome === null) return { row, step: 'unreachable' };
    if (outcome) {
      const settled = await recorded(this.requests, row, outcome);
      return { row: settled, step: settled.state === 'PENDING' ? 'waiting' : 'settled' };
    }
    const quiet = now - (row.sentAt ?? row.updatedAt).getTime();
    if (quiet < this.resendAfterMs) return { row, step: 'waiting' };
    const limit = this.timing.SCF_RESEND_LIMIT;
    if (row.envelope === null) {
      // Nothing kept to send (a write from before envelopes were kept): as long a wait, then give up.
      return quiet < this.resendAfterMs * (limit + 1) ? { row, step: 'waiting' } : this.abandon(row);
    }
    if (row.resends >= limit) return this.abandon(row);
    return this.resend(row, row.envelope);
  }

  /** One sweep over the oldest overdue PENDING rows; a sweep still running is joined, never doubled. */
  sweep(): Promise<Step[]> {
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  start(): void {
    this.timer = setInterval(() => {
      this.sweep().catch((error: unknown) => {
        this.log(`pending sweep failed: ${String(error)}`);
      });
    }, SWEEP_EVERY_MS);
    this.timer.unref();
  }

  /** Stops the sweeps, once the one running (if any) is done. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  private async pass(): Promise<Step[]> {
    const now = Date.now();
    const window = sendingWindowMs(this.timing.SCF_COMMIT_WAIT_MS);
    const rows = await this.requests.pendingSince(new Date(now - window), SWEEP_BATCH);
    const steps: Step[] = [];
    // One row at a time: a sweep puts at most one query or send on the peer at once.
    for (const row of rows) steps.push((await this.advance(row, now)).step);
    const done = steps.filter((step) => step !== 'waiting' && step !== 'unreachable');
    if (done.length > 0) this.log(`pending sweep: ${done.join(', ')} (of ${String(rows.length)} rows)`);
    return steps;
  }

  private async resend(row: RequestRow, envelope: Uint8Array): Promise<{ row: RequestRow; step: Step }> {
    // Recorded before it is sent: a sweep and a retry (or two nodes) never both send one turn.
    if (!(await this.requests.resending(row))) return { row: await this.reread(row), step: 'waiting' };
    const turn = `${String(row.resends + 1)}/${String(this.timing.SCF_RESEND_LIMIT)}`;
    try {
      await this.ledger.resubmit(envelope);
      this.log(`transaction ${String(row.transactionId)} not on the ledger: sent again (${turn})`);
    } catch (error) {
      this.log(
        `transaction ${String(row.transactionId)}: send ${turn} failed: ${describeLedgerFailure(error)}`,
      );
    }
    return { row: await this.reread(row), step: 'resent' };
  }

  /**
   * FAILED (ORDERING_UNAVAILABLE), which lets a retry with the key send a fresh transaction: decided
   * only just after the peer said it holds no such transaction, never when it could not be asked.
   */
  private async abandon(row: RequestRow): Promise<{ row: RequestRow; step: Step }> {
    const done = await this.requests.abandon(row, NodeErrorCodes.OrderingUnavailable);
    if (done) {
      this.log(
        `transaction ${String(row.transactionId)} still not on the ledger, sent again ` +
          `${String(row.resends)} times: request FAILED (ORDERING_UNAVAILABLE)`,
      );
    }
    return { row: await this.reread(row), step: done ? 'abandoned' : 'waiting' };
  }

  private async reread(row: RequestRow): Promise<RequestRow> {
    return (await this.requests.reread(row)) ?? row;
  }
}
