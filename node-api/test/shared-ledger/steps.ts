import type { Committed, ScfLedger } from '../../src/ledger/index.ts';
import type { Session } from '../support/consortium.ts';

/**
 * Each party reads from its own org's peer, which may lag the peer that confirmed the last commit: like
 * a user acting on what their own node shows, every step first waits for the block of the step before.
 */
export class Steps {
  /** The block of the last write; a write made outside `act` is noted with `saw`. */
  last = 0n;

  async act<T>(session: Session, call: (ledger: ScfLedger) => Promise<Committed<T>>): Promise<T> {
    await session.ledger.waitForBlock(this.last);
    const committed = await call(session.ledger);
    this.last = committed.blockNumber;
    return committed.value;
  }

  async view(session: Session): Promise<ScfLedger> {
    await session.ledger.waitForBlock(this.last);
    return session.ledger;
  }
}
