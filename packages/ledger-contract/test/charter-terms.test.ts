import { describe, expect, it } from 'vitest';
import { MAX_MEMBERS, parseCharterTerms } from '../src/charter-terms.ts';
import { ContractError, ErrorCodes } from '../src/errors.ts';
import { marshal } from '../src/json.ts';
import { creditCodeCheckChar } from '../src/credit-code.ts';

const TERMS = {
  members: [
    { mspId: 'SupplierMSP', kinds: ['SUPPLIER'] },
    { mspId: 'CoreFirmMSP', kinds: ['SUPPLIER', 'CORE'] },
    { mspId: 'BankAMSP', kinds: ['BANK'] },
  ],
  ratePublishers: ['BankAMSP'],
  rateQuorum: 1,
};

const parse = (terms: unknown): ReturnType<typeof parseCharterTerms> =>
  parseCharterTerms(typeof terms === 'string' ? terms : JSON.stringify(terms));

/** A valid unified social credit code (GB 32100 check digit). */
const CORE_ID = `91350200MA0000001${creditCodeCheckChar('91350200MA0000001')}`;
const OTHER_ID = `91350200MA0000008${creditCodeCheckChar('91350200MA0000008')}`;

describe('parseCharterTerms', () => {
  it('keeps exposure caps per core enterprise in canonical form, and leaves terms without caps as they were', () => {
    const caps = { [OTHER_ID]: '500', [CORE_ID]: '8000000000' };
    const parsed = parse({ ...TERMS, exposureCaps: caps });
    expect(parsed.exposureCaps).toEqual(caps);
    expect(marshal(parsed)).toBe(
      marshal(parse({ exposureCaps: { [CORE_ID]: '8000000000', [OTHER_ID]: '500' }, ...TERMS })),
    );
    expect(parse(TERMS)).not.toHaveProperty('exposureCaps');
  });

  it('puts the terms in canonical order: members by MSP id, kinds and publishers sorted', () => {
    expect(parse(TERMS)).toEqual({
      members: [
        { mspId: 'BankAMSP', kinds: ['BANK'] },
        { mspId: 'CoreFirmMSP', kinds: ['CORE', 'SUPPLIER'] },
        { mspId: 'SupplierMSP', kinds: ['SUPPLIER'] },
      ],
      ratePublishers: ['BankAMSP'],
      rateQuorum: 1,
    });
  });

  it('gives equal bytes for equal terms written in any order', () => {
    const shuffled = {
      rateQuorum: 2,
      ratePublishers: ['CoreFirmMSP', 'BankAMSP'],
      members: [...TERMS.members]
        .reverse()
        .map((member) => ({ kinds: [...member.kinds].reverse(), mspId: member.mspId })),
    };
    const ordered = { ...TERMS, ratePublishers: ['BankAMSP', 'CoreFirmMSP'], rateQuorum: 2 };
    expect(marshal(parse(shuffled))).toBe(marshal(parse(ordered)));
  });

  it(`takes MSP ids of dots, dashes, letters and digits, and up to ${MAX_MEMBERS} members`, () => {
    const members = Array.from({ length: MAX_MEMBERS }, (_, index) => ({
      mspId: `Org-${index}.example`,
      kinds: ['CORE'],
    }));
    expect(parse({ members, ratePublishers: ['Org-0.example'], rateQuorum: 1 }).members).toHaveLength(
      MAX_MEMBERS,
    );
  });

  const member = (mspId: string, kinds: unknown = ['CORE']): unknown => ({ mspId, kinds });
  it.each<[string, unknown]>([
    ['text that is not JSON', '{"members":'],
    ['a list', '[]'],
    ['null', 'null'],
    ['a missing key', { members: TERMS.members, ratePublishers: ['BankAMSP'] }],
    ['an extra key', { ...TERMS, version: 2 }],
    ['no members', { ...TERMS, members: [] }],
    ['members that are no list', { ...TERMS, members: { mspId: 'BankAMSP' } }],
    [
      'more than the maximum of members',
      {
        ...TERMS,
        members: Array.from({ length: MAX_MEMBERS + 1 }, (_, index) => member(`Org${index}`)),
        ratePublishers: ['Org0'],
      },
    ],
    [
      'a member with an extra key',
      { ...TERMS, members: [{ mspId: 'BankAMSP', kinds: ['BANK'], name: 'A' }] },
    ],
    ['a member that is no object', { ...TERMS, members: ['BankAMSP'] }],
    ['the same MSP twice', { ...TERMS, members: [...TERMS.members, member('BankAMSP')] }],
    ['an MSP id with a space', { ...TERMS, members: [...TERMS.members, member('Bank B MSP')] }],
    ['an MSP id of 65 characters', { ...TERMS, members: [...TERMS.members, member('M'.repeat(65))] }],
    ['a member without kinds', { ...TERMS, members: [...TERMS.members, member('OrgX', [])] }],
    ['an unknown kind', { ...TERMS, members: [...TERMS.members, member('OrgX', ['BROKER'])] }],
    ['a kind twice', { ...TERMS, members: [...TERMS.members, member('OrgX', ['CORE', 'CORE'])] }],
    ['no rate publishers', { ...TERMS, ratePublishers: [] }],
    ['a publisher twice', { ...TERMS, ratePublishers: ['BankAMSP', 'BankAMSP'] }],
    ['a publisher that is no member', { ...TERMS, ratePublishers: ['BankBMSP'] }],
    ['a publisher that is no MSP id', { ...TERMS, ratePublishers: [7] }],
    ['a quorum of 0', { ...TERMS, rateQuorum: 0 }],
    ['a quorum above the publishers', { ...TERMS, rateQuorum: 2 }],
    ['a fractional quorum', { ...TERMS, rateQuorum: 0.5 }],
    ['a quorum as text', { ...TERMS, rateQuorum: '1' }],
    ['empty exposure caps', { ...TERMS, exposureCaps: {} }],
    ['exposure caps as a list', { ...TERMS, exposureCaps: [CORE_ID] }],
    ['a cap keyed by no credit code', { ...TERMS, exposureCaps: { 'not-a-code': '100' } }],
    ['a cap of 0 fen', { ...TERMS, exposureCaps: { [CORE_ID]: '0' } }],
    ['a cap in yuan with decimals', { ...TERMS, exposureCaps: { [CORE_ID]: '100.50' } }],
    ['a cap as a number', { ...TERMS, exposureCaps: { [CORE_ID]: 100 } }],
  ])('refuses %s with INVALID_ARGUMENT', (_, terms) => {
    let caught: unknown;
    try {
      parse(terms);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ContractError);
    expect((caught as ContractError).code).toBe(ErrorCodes.InvalidArgument);
  });
});
