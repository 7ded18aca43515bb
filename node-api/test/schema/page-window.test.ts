import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { offsetCursor, pageWindow, type PageArgs } from '../../src/schema/page-window.ts';

const total = (n: number) => (): Promise<number> => Promise.resolve(n);
const never = (): Promise<number> => Promise.reject(new Error('the total was not needed'));

async function codeOf(args: PageArgs): Promise<unknown> {
  try {
    await pageWindow(args, total(50));
  } catch (error) {
    return error instanceof GraphQLError ? error.extensions.code : error;
  }
  return 'no error';
}

describe('pageWindow', () => {
  it('pages forward from the start or after a cursor, without counting', async () => {
    expect(await pageWindow({}, never)).toEqual({ offset: 0, limit: 20 });
    expect(await pageWindow({ first: 10 }, never)).toEqual({ offset: 0, limit: 10 });
    expect(await pageWindow({ first: 10, after: offsetCursor(9) }, never)).toEqual({ offset: 10, limit: 10 });
    expect(await pageWindow({ first: 10, after: offsetCursor(9), before: offsetCursor(14) }, never)).toEqual({
      offset: 10,
      limit: 4,
    });
  });

  it('pages backward from a cursor, or from the end when there is none', async () => {
    expect(await pageWindow({ last: 10, before: offsetCursor(25) }, never)).toEqual({
      offset: 15,
      limit: 10,
    });
    expect(await pageWindow({ last: 10, before: offsetCursor(4) }, never)).toEqual({ offset: 0, limit: 4 });
    expect(await pageWindow({ last: 10 }, total(43))).toEqual({ offset: 33, limit: 10 });
    expect(await pageWindow({ last: 10 }, total(3))).toEqual({ offset: 0, limit: 3 });
    expect(await pageWindow({ last: 10, after: offsetCursor(40) }, total(43))).toEqual({
      offset: 41,
      limit: 2,
    });
  });

  it('refuses sizes outside 1..100, both directions at once, and foreign cursors', async () => {
    for (const args of [{ first: 0 }, { first: 101 }, { last: 0 }, { last: 1000 }, { first: 2, last: 2 }]) {
      expect({ args, code: await codeOf(args) }).toEqual({ args, code: 'INVALID_ARGUMENT' });
    }
    expect(await codeOf({ after: 'abc' })).toBe('INVALID_ARGUMENT');
    expect(await codeOf({ before: Buffer.from('offset:-1').toString('base64url') })).toBe('INVALID_ARGUMENT');
    expect(await codeOf({ first: 100, after: offsetCursor(7) })).toBe('no error');
  });
});
