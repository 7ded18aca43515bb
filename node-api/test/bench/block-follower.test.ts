import type { Gateway } from '@hyperledger/fabric-gateway';
import { describe, expect, it } from 'vitest';
import { BlockFollower } from '../../bench/block-follower.ts';

/** A gateway whose filtered block stream hands out the blocks pushed into it, from `startBlock` on. */
function fakeGateway(): {
  gateway: Gateway;
  push: (block: number) => void;
  end: () => void;
  from: () => bigint;
} {
  const queue: number[] = [];
  let wake: (() => void) | undefined;
  let ended = false;
  let startBlock = -1n;
  const events = {
    async *[Symbol.asyncIterator]() {
      for (;;) {
        const next = queue.shift();
        if (next !== undefined) {
          yield { getNumber: () => next };
          continue;
        }
        if (ended) return;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
    close: () => undefined,
  };
  const gateway = {
    getNetwork: () => ({
      getFilteredBlockEvents: (options: { startBlock: bigint }) => {
        startBlock = options.startBlock;
        return Promise.resolve(events);
      },
    }),
  } as unknown as Gateway;
  const poke = (): void => {
    wake?.();
    wake = undefined;
  };
  return {
    gateway,
    push: (block) => {
      queue.push(block);
      poke();
    },
    end: () => {
      ended = true;
      poke();
    },
    from: () => startBlock,
  };
}

describe('BlockFollower', () => {
  it('opens at the block first waited for and resolves each wait once its block or a later one came', async () => {
    const fake = fakeGateway();
    const follower = await BlockFollower.open(fake.gateway, 'scf', 7n);
    expect(fake.from()).toBe(7n);
    let seven = false;
    const waitSeven = follower.committed(7n, 5_000).then(() => (seven = true));
    const waitNine = follower.committed(9n, 5_000);
    fake.push(7);
    await waitSeven;
    expect(seven).toBe(true);
    fake.push(8);
    fake.push(9);
    await expect(waitNine).resolves.toBeUndefined();
    // A block at or below the height is there already.
    await expect(follower.committed(5n, 1)).resolves.toBeUndefined();
    expect(follower.broken()).toBe(false);
  });

  it('rejects a wait its block does not come for within the time given', async () => {
    const fake = fakeGateway();
    const follower = await BlockFollower.open(fake.gateway, 'scf', 1n);
    await expect(follower.committed(3n, 20)).rejects.toThrow('block 3 not committed within 20 ms');
  });

  it('rejects every wait, open and later, once its stream ended, and says it is broken', async () => {
    const fake = fakeGateway();
    const follower = await BlockFollower.open(fake.gateway, 'scf', 1n);
    const open = follower.committed(4n, 5_000);
    fake.end();
    await expect(open).rejects.toThrow('the block stream ended');
    expect(follower.broken()).toBe(true);
    await expect(follower.committed(2n, 5_000)).rejects.toThrow('the block stream ended');
  });
});
