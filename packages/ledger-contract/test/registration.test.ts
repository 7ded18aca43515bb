import { describe, expect, it } from 'vitest';
import { ContractError, ErrorCodes } from '../src/errors.ts';
import {
  checkRegistration,
  conflictingEntries,
  parseRegistrationInput,
  receivableOf,
  type RegistrationInput,
} from '../src/registration.ts';

const FINANCING = { id: 'V-1:f', voucherId: 'V-1', debtorId: 'CORE', amount: '100000000', bankId: 'BANK-A' };
const entry = (registrantId: string, registrationNumber = '2026010500000001') => ({
  registrationNumber,
  registeredAt: '2026-01-05T01:59:30.000Z',
  registrantId,
});
const input = (changes: Partial<RegistrationInput> = {}): RegistrationInput => ({
  receivable: receivableOf(FINANCING),
  registration: entry('BANK-A'),
  search: { searchedAt: '2026-01-05T01:59:00Z', entries: [] },
  ...changes,
});
const codeOf = (act: () => unknown): string | undefined => {
  try {
    act();
  } catch (error) {
    return error instanceof ContractError ? error.code : 'not a ContractError';
  }
  return undefined;
};

describe('registration before disbursement (银发〔2025〕77号, 民法典 Art. 768)', () => {
  it('counts only other parties’ entries as conflicts', () => {
    expect(conflictingEntries([entry('BANK-A'), entry('BANK-B', '2')], 'BANK-A')).toEqual([
      entry('BANK-B', '2'),
    ]);
    expect(conflictingEntries([entry('BANK-A')], 'BANK-A')).toEqual([]);
  });

  it('takes the bank’s own registration of the financing’s receivable with a clean search', () => {
    expect(
      codeOf(() => {
        checkRegistration(FINANCING, input());
      }),
    ).toBeUndefined();
    const retried = input({ search: { searchedAt: '2026-01-05T01:59:00Z', entries: [entry('BANK-A')] } });
    expect(
      codeOf(() => {
        checkRegistration(FINANCING, retried);
      }),
    ).toBeUndefined();
  });

  it('refuses another registrant, an earlier claim and another receivable, each with its code', () => {
    expect(
      codeOf(() => {
        checkRegistration(FINANCING, input({ registration: entry('BANK-B') }));
      }),
    ).toBe(ErrorCodes.RegistrationRequired);
    const contested = input({ search: { searchedAt: '2026-01-05T01:59:00Z', entries: [entry('BANK-B')] } });
    expect(
      codeOf(() => {
        checkRegistration(FINANCING, contested);
      }),
    ).toBe(ErrorCodes.RegistryConflict);
    const other = input({ receivable: { ...receivableOf(FINANCING), amount: '1' } });
    expect(
      codeOf(() => {
        checkRegistration(FINANCING, other);
      }),
    ).toBe(ErrorCodes.InvalidArgument);
  });

  it('parses the wire form, keeping only the fields it knows', () => {
    const wire = JSON.parse(JSON.stringify({ ...input(), extra: 1 })) as unknown;
    expect(parseRegistrationInput(wire)).toEqual(input());
    const padded = { ...input(), registration: { ...entry('BANK-A'), spreadBps: 90 } };
    expect(parseRegistrationInput(padded).registration).toEqual(entry('BANK-A'));
  });

  it.each<[string, unknown]>([
    ['a list', []],
    ['no receivable', { ...input(), receivable: undefined }],
    ['a decimal amount', { ...input(), receivable: { ...input().receivable, amount: '1.00' } }],
    [
      'a time without zone',
      { ...input(), registration: { ...entry('BANK-A'), registeredAt: '2026-01-05T10:00:00' } },
    ],
    [
      'an impossible date',
      { ...input(), registration: { ...entry('BANK-A'), registeredAt: '2026-02-30T10:00:00Z' } },
    ],
    ['a number with spaces', { ...input(), registration: entry('BANK-A', '2026 01') }],
    ['a control character in an id', { ...input(), registration: entry('BANK\u0000A') }],
    [
      'too many search entries',
      { ...input(), search: { searchedAt: '2026-01-05T01:59:00Z', entries: Array(21).fill(entry('B')) } },
    ],
  ])('refuses %s', (_, wire) => {
    expect(codeOf(() => parseRegistrationInput(wire))).toBe(ErrorCodes.InvalidArgument);
  });
});
