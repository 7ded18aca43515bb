/** Most events one batch holds (and the reader buffers ahead of the projector). */
export const MAX_BATCH = 256;

/**
 * Reads a stream of events ahead of the projector and hands out what has arrived, as one batch: while
 * the projector writes one batch, the next gathers. Under a light load a batch is a single event (no
 * wait is added); under a heavy one a block's worth or more, written in one SQL transaction. The reader
 * stops pulling while `MAX_BATCH` events wait. A failure of the stream is thrown by `next` once the
 * events read before it have been handed out.
 */
export class EventBatches<T> {
  private readonly waiting: T[] = [];
  private ended = false;
  private failure: { error: unknown } | undefined;
  private wake: (() => void) | undefined;
  private drained: (() => void) | undefined;

  constructor(source: AsyncIterable<T>) {
    void this.read(source);
  }

  /** The events that have arrived (at least one, at most `MAX_BATCH`); undefined once the stream ended. */
  async next(): Promise<T[] | undefined> {
    while (this.waiting.length === 0) {
      if (this.failure) throw this.failure.error;
      if (this.ended) return undefined;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    const batch = this.waiting.splice(0, MAX_BATCH);
    this.drained?.();
    return batch;
  }

  private async read(source: AsyncIterable<T>): Promise<void> {
    try {
      for await (const item of source) {
        this.waiting.push(item);
        this.wake?.();
        if (this.waiting.length >= MAX_BATCH) await new Promise<void>((resolve) => (this.drained = resolve));
      }
      this.ended = true;
    } catch (error) {
      this.failure = { error };
    }
    this.wake?.();
  }
}
