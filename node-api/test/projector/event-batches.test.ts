import { describe, expect, it } from 'vitest';
import { EventBatches, MAX_BATCH } from '../../src/projector/event-batches.ts';

/** A stream the test feeds by hand: `push` one item, `end` it, or `fail` it. */
function handFed<T>() {
  const queue: IteratorResult<T>[] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  let pulled = 0;
  const stream: AsyncIterable<T> = {
    [Symbol.asyncIterator]: () => ({
      next: async () => {
        while (queue.length === 0 && !failure) await new Promise<void>((resolve) => (wake = resolve));
        if (queue.length === 0 && failure) throw failure;
        pulled += 1;
        return queue.shift() as IteratorResult<T>;
      },
    }),
  };
  const poke = (): void => wake?.();
  return {
    stream,
    pulled: () => pulled,
    push: (value: T): void => {
      queue.push({ value, done: false });
      poke();
    },
    end: (): void => {
      queue.push({ value: undefined, done: true });
      poke();
    },
    fail: (error: Error): void => {
      failure = error;
      poke();
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('event batches', () => {
  it('hands out a single event at once, and what arrived meanwhile as one batch', async () => {
    const feed = handFed<number>();
    const batches = new EventBatches(feed.stream);
    feed.push(1);
    expect(await batches.next()).toEqual([1]);
    feed.push(2);
    feed.push(3);
    feed.push(4);
    await settle();
    expect(await batches.next()).toEqual([2, 3, 4]);
    const waiting = batches.next();
    feed.push(5);
    expect(await waiting).toEqual([5]);
    feed.end();
    expect(await batches.next()).toBeUndefined();
  });

  it('stops reading ahead at the largest batch, and reads on once it is taken', async () => {
    const feed = handFed<number>();
    const batches = new EventBatches(feed.stream);
    for (let i = 0; i < MAX_BATCH + 10; i += 1) feed.push(i);
    await settle();
    expect(feed.pulled()).toBe(MAX_BATCH);
    expect(await batches.next()).toHaveLength(MAX_BATCH);
    await settle();
    expect(await batches.next()).toEqual(Array.from({ length: 10 }, (_, i) => MAX_BATCH + i));
  });

  it('throws the stream’s failure once the events read before it are handed out', async () => {
    const feed = handFed<number>();
    const batches = new EventBatches(feed.stream);
    feed.push(1);
    await settle();
    feed.fail(new Error('stream broke'));
    await settle();
    expect(await batches.next()).toEqual([1]);
    await expect(batches.next()).rejects.toThrow('stream broke');
  });
});
