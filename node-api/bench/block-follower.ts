import type { Gateway } from '@hyperledger/fabric-gateway';

type FilteredBlocks = Awaited<ReturnType<ReturnType<Gateway['getNetwork']>['getFilteredBlockEvents']>>;

interface Waiter {
  block: bigint;
  resolve: () => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * One peer's committed height, followed on one filtered block stream, as an org's node follows its
 * peer: any number of clients wait on it for a block without a request of their own to the peer
 * (a commit-status call per step costs the peer an access check with a signature verification).
 * The stream starts at a block the peer is known to get (one a client waits for), never at "the next
 * one", which would not come while every client waits; each block it delivers says the blocks before
 * it are committed there too.
 */
export class BlockFollower {
  private height = -1n;
  private waiters: Waiter[] = [];
  private failure: Error | undefined;
  private readonly events: FilteredBlocks;

  private constructor(events: FilteredBlocks) {
    this.events = events;
    void this.follow();
  }

  static async open(gateway: Gateway, channel: string, startBlock: bigint): Promise<BlockFollower> {
    return new BlockFollower(await gateway.getNetwork(channel).getFilteredBlockEvents({ startBlock }));
  }

  /** Resolves once the peer has committed block `block`; rejects after `timeoutMs`. */
  committed(block: bigint, timeoutMs: number): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (block <= this.height) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        block,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((other) => other !== waiter);
          reject(new Error(`block ${String(block)} not committed within ${String(timeoutMs)} ms`));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  /** Whether its stream ended or failed: it will not see another block. */
  broken(): boolean {
    return this.failure !== undefined;
  }

  close(): void {
    this.events.close();
  }

  private async follow(): Promise<void> {
    try {
      for await (const block of this.events) {
        this.height = BigInt(block.getNumber());
        this.settle(
          (waiter) => waiter.block <= this.height,
          (waiter) => {
            waiter.resolve();
          },
        );
      }
      this.failure = new Error('the block stream ended');
    } catch (error) {
      this.failure = error instanceof Error ? error : new Error(String(error));
    }
    const failure = this.failure;
    this.settle(
      () => true,
      (waiter) => {
        waiter.reject(failure);
      },
    );
  }

  private settle(done: (waiter: Waiter) => boolean, finish: (waiter: Waiter) => void): void {
    const left: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (!done(waiter)) {
        left.push(waiter);
        continue;
      }
      clearTimeout(waiter.timer);
      finish(waiter);
    }
    this.waiters = left;
  }
}
