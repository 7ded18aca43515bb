import type { Network } from '@hyperledger/fabric-gateway';

const VALID = 0;
const RETRY_MS = 2_000;

export interface Lag {
  /** Committed blocks holding events of the chaincode that the read model has not applied yet. */
  blocks: number;
  /** How long the oldest of them has waited since this node saw it committed. */
  seconds: number;
  /** The newest committed block seen. */
  headBlock: bigint;
}

/**
 * Measures the projector's lag from the peer's own commits: it follows filtered blocks (no payloads)
 * and remembers which ones carry valid transactions with events of our chaincode. Blocks without
 * such events need no projection and never count as lag.
 */
export class LagMonitor {
  private readonly pending = new Map<bigint, number>();
  private head = -1n;
  private stopping = false;
  private events: { close: () => void } | undefined;
  private running: Promise<void> | undefined;
  private readonly network: Network;
  private readonly chaincode: string;
  private readonly appliedBlock: () => bigint;

  constructor(network: Network, chaincode: string, appliedBlock: () => bigint) {
    this.network = network;
    this.chaincode = chaincode;
    this.appliedBlock = appliedBlock;
  }

  start(): void {
    this.running ??= this.follow();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.events?.close();
    await this.running;
  }

  lag(now = Date.now()): Lag {
    const applied = this.appliedBlock();
    let oldest = now;
    for (const [block, seenAt] of this.pending) {
      if (block <= applied) this.pending.delete(block);
      else oldest = Math.min(oldest, seenAt);
    }
    return { blocks: this.pending.size, seconds: (now - oldest) / 1000, headBlock: this.head };
  }

  private isStopping(): boolean {
    return this.stopping;
  }

  private async follow(): Promise<void> {
    while (!this.isStopping()) {
      try {
        const from = this.head >= 0n ? this.head + 1n : this.appliedBlock() + 1n;
        const events = await this.network.getFilteredBlockEvents({ startBlock: from > 0n ? from : 0n });
        this.events = events;
        try {
          for await (const block of events) {
            const number = BigInt(block.getNumber());
            if (number > this.head) this.head = number;
            const ours = block
              .getFilteredTransactionsList()
              .some(
                (tx) =>
                  tx.getTxValidationCode() === VALID &&
                  (tx.getTransactionActions()?.getChaincodeActionsList() ?? []).some(
                    (action) => action.getChaincodeEvent()?.getChaincodeId() === this.chaincode,
                  ),
              );
            if (ours && number > this.appliedBlock()) this.pending.set(number, Date.now());
          }
        } finally {
          events.close();
        }
      } catch {
        if (this.isStopping()) break;
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  }
}
