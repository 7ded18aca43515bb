import { EventEmitter, on } from 'node:events';
import type { ObjectType } from '@scf/ledger-contract';
import type { Audience } from '../schema/visibility.ts';

/** One ledger object the projector just wrote to the read model. */
export interface Change {
  type: ObjectType;
  id: string;
  transactionId: string;
  blockNumber: bigint;
  /** Who may see the object, by the visibility rule, as the projector wrote it (schema/visibility.ts). */
  audience: Audience;
}

/** In-process fan-out of applied changes: the projector publishes, subscriptions listen. */
export class ChangeFeed {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(change: Change): void {
    this.emitter.emit('change', change);
  }

  /** Changes from now on until `signal` aborts. */
  async *listen(signal?: AbortSignal): AsyncGenerator<Change> {
    for await (const [change] of on(this.emitter, 'change', { signal })) yield change as Change;
  }
}
