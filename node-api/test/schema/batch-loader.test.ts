import { describe, expect, it } from 'vitest';
import { BatchLoader } from '../../src/schema/batch-loader.ts';

describe('BatchLoader', () => {
  it('fetches the keys asked for together in one call, once each', async () => {
    const calls: string[][] = [];
    const loader = new BatchLoader<string, string | null>((keys) => {
      calls.push(keys);
      return Promise.resolve(
        new Map(keys.filter((key) => key !== 'missing').map((key) => [key, key.toUpperCase()])),
      );
    }, null);
    const first = await Promise.all([
      loader.load('a'),
      loader.load('b'),
      loader.load('a'),
      loader.load('missing'),
    ]);
    expect(first).toEqual(['A', 'B', 'A', null]);
    expect(calls).toEqual([['a', 'b', 'missing']]);
    expect(await Promise.all([loader.load('b'), loader.load('c')])).toEqual(['B', 'C']);
    expect(calls).toEqual([['a', 'b', 'missing'], ['c']]);
  });

  it('fails every waiter of a failed batch and forgets those keys', async () => {
    let fail = true;
    const loader = new BatchLoader<string, number>((keys) => {
      if (fail) return Promise.reject(new Error('database down'));
      return Promise.resolve(new Map(keys.map((key) => [key, key.length])));
    }, 0);
    const results = await Promise.allSettled([loader.load('x'), loader.load('yy')]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await loader.load('yy')).toBe(2);
  });
});
