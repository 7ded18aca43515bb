import { describe, expect, it } from 'vitest';
import { marshal, unmarshal } from '../src/json.ts';
import { errorCodeOf, ErrorCodes } from '../src/errors.ts';

describe('marshal', () => {
  it('sorts keys at every depth and drops undefined fields', () => {
    const text = marshal({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined }, e: null });
    expect(text).toBe('{"a":{"d":[{"y":2,"z":1}]},"b":1,"e":null}');
  });

  it('gives the same bytes for the same object built in any key order', () => {
    expect(marshal({ x: 1, y: { b: 2, a: 1 } })).toBe(marshal({ y: { a: 1, b: 2 }, x: 1 }));
  });

  it('round-trips through unmarshal from bytes and from text', () => {
    const value = { amount: '1000', parties: ['a', 'b'] };
    expect(unmarshal(new TextEncoder().encode(marshal(value)))).toEqual(value);
    expect(unmarshal(marshal(value))).toEqual(value);
  });
});

describe('errorCodeOf', () => {
  it('recovers a known code from a gateway message', () => {
    expect(errorCodeOf('chaincode response 500, [NOT_FOUND] no note under key "x"')).toBe(
      ErrorCodes.NotFound,
    );
  });

  it('ignores unknown or missing codes', () => {
    expect(errorCodeOf('[SOMETHING_ELSE] x')).toBeUndefined();
    expect(errorCodeOf('plain failure')).toBeUndefined();
  });
});
