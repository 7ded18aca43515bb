import { describe, expect, it } from 'vitest';
import {
  ContractError,
  ErrorCodes,
  forbidden,
  invalid,
  invalidState,
  isErrorCode,
  errorCodeOf,
} from '../src/errors.ts';
import { Events } from '../src/events.ts';

describe('ContractError', () => {
  it('carries its code, its prose and a message clients can recover the code from', () => {
    const error = new ContractError(ErrorCodes.NotMature, 'voucher V matures on 2026-04-30');
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'ContractError',
      code: 'NOT_MATURE',
      detail: 'voucher V matures on 2026-04-30',
      message: '[NOT_MATURE] voucher V matures on 2026-04-30',
    });
    expect(errorCodeOf(error.message)).toBe(ErrorCodes.NotMature);
  });

  it('has a shorthand for the three most common codes', () => {
    expect(invalid('x').code).toBe(ErrorCodes.InvalidArgument);
    expect(forbidden('x').code).toBe(ErrorCodes.Forbidden);
    expect(invalidState('x').code).toBe(ErrorCodes.InvalidState);
  });
});

describe('isErrorCode', () => {
  it('knows every code and nothing else', () => {
    for (const code of Object.values(ErrorCodes)) expect(isErrorCode(code)).toBe(true);
    for (const value of ['invalid_argument', 'UNKNOWN', '', undefined, 1])
      expect(isErrorCode(value)).toBe(false);
  });
});

describe('Events', () => {
  it('names each event by its own key, so no name is misspelt', () => {
    for (const [key, name] of Object.entries(Events)) expect(name).toBe(key);
  });
});
