import type { LedgerPosition } from '../services/services.ts';
import type { AppliedEvent } from './projector.ts';

/** How many recently applied transaction ids to remember for waits that start after the fact. */
const REMEMBERED = 20_000;

interface Waiter {
  resolve: (applied: boolean) => void;
  timer: NodeJS.Timeout;
}

/**
 * Read-your-writes: a mutation waits here until the projector has applied its transaction. Every
 * chaincode write emits exactly one event, so "its event was applied" is the exact condition; the
 * block number answers waits for transactions the projector passed before the wait began.
 */
export class ProjectionTracker {
  private readonly recent = new Set<string>();
  private readonly waiters = new Map<string, Waiter[]>();
  private lastBlock = -1n;

  /** The highest block of an applied event (-1 before the first). */
  get appliedBlock(): bigint {
    return this.lastBlock;
  }

  /** Seeds the position from the stored checkpoint at start. */
  resumeAt(blockNumber: bigint): void {
    if (blockNumber > this.lastBlock) this.lastBlock = blockNumber;
  }

  applied(event: AppliedEvent): void {
    this.resumeAt(event.blockNumber);
    this.recent.add(event.transactionId);
    if (this.recent.size > REMEMBERED) {
      const oldest = this.recent.values().next().value;
      if (oldest !== undefined) this.recent.delete(oldest);
    }
    for (const waiter of this.waiters.get(event.transactionId) ?? []) {
      clearTimeout(waiter.timer);
      waiter.resolve(true);
    }
    this.waiters.delete(event.transactionId);
  }

  /** Whether the transaction's event is in the read model already. */
  hasApplied(position: LedgerPosition): boolean {
    return this.recent.has(position.transactionId) || this.lastBlock > position.blockNumber;
  }

  /** True once the transaction is in the read model; false if that takes longer than `timeoutMs`. */
  wait(position: LedgerPosition, timeoutMs: number): Promise<boolean> {
    if (this.hasApplied(position)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const list = this.waiters.get(position.transactionId) ?? [];
      const waiter: Waiter = {
        resolve,
        timer: setTimeout(() => {
          const left = (this.waiters.get(position.transactionId) ?? []).filter((w) => w !== waiter);
          if (left.length > 0) this.waiters.set(position.transactionId, left);
          else this.waiters.delete(position.transactionId);
          resolve(false);
        }, timeoutMs),
      };
      list.push(waiter);
      this.waiters.set(position.transactionId, list);
    });
  }
}
