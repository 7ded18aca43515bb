import { describe, expect, it } from 'vitest';
import { amendTerms, CharterChangeError, charterChangeFrom } from '../scripts/charter-change.ts';
import { charterTerms, type CharterTerms } from '../scripts/charter.ts';
import { loadConfig } from '../scripts/config.ts';

const founding = (): CharterTerms => charterTerms(loadConfig());

describe('charter membership changes', () => {
  it('reads --add-member with its kinds, or --remove-member', () => {
    expect(charterChangeFrom({ 'add-member': 'BankCMSP', kinds: 'BANK,AUDITOR,BANK' })).toEqual({
      kind: 'add-member',
      mspId: 'BankCMSP',
      kinds: ['AUDITOR', 'BANK'],
    });
    expect(charterChangeFrom({ 'remove-member': 'BankBMSP' })).toEqual({
      kind: 'remove-member',
      mspId: 'BankBMSP',
    });
  });

  it.each([
    [{}, /needs --add-member/],
    [{ 'add-member': 'BankCMSP', 'remove-member': 'BankBMSP' }, /needs --add-member/],
    [{ 'add-member': 'bankc', kinds: 'BANK' }, /"bankc" is not an MSP id/],
    [{ 'add-member': 'BankCMSP' }, /--add-member needs --kinds/],
    [{ 'add-member': 'BankCMSP', kinds: 'BANK,BROKER' }, /--add-member needs --kinds/],
  ])('refuses %j', (options, message) => {
    expect(() => charterChangeFrom(options)).toThrow(message);
  });

  it('adds a member in MSP order, keeping the publishers and quorum, and only the terms', () => {
    const terms = amendTerms({ ...founding(), version: 3 } as ReturnType<typeof founding>, {
      kind: 'add-member',
      mspId: 'BankCMSP',
      kinds: ['BANK'],
    });
    expect(Object.keys(terms).sort()).toEqual(['members', 'ratePublishers', 'rateQuorum']);
    expect(terms.members.map((member) => member.mspId)).toEqual([
      'BankAMSP',
      'BankBMSP',
      'BankCMSP',
      'CoreFirmMSP',
      'LogisticsMSP',
      'SupplierMSP',
    ]);
    expect(terms.ratePublishers).toEqual(['BankAMSP', 'BankBMSP']);
  });

  it('removes a member from the publishers too, lowering the quorum to the publishers left', () => {
    const terms = amendTerms(founding(), { kind: 'remove-member', mspId: 'BankBMSP' });
    expect(terms.members.map((member) => member.mspId)).not.toContain('BankBMSP');
    expect(terms).toMatchObject({ ratePublishers: ['BankAMSP'], rateQuorum: 1 });
  });

  it('keeps the exposure caps in force through membership changes', () => {
    const exposureCaps = { '91350200MA00000010': '80000000' };
    const capped = { ...founding(), exposureCaps };
    expect(
      amendTerms(capped, { kind: 'add-member', mspId: 'BankCMSP', kinds: ['BANK'] }).exposureCaps,
    ).toEqual(exposureCaps);
    expect(amendTerms(capped, { kind: 'remove-member', mspId: 'BankBMSP' }).exposureCaps).toEqual(
      exposureCaps,
    );
  });

  it('refuses adding a member twice, removing a stranger, or removing the last publisher', () => {
    const terms = founding();
    expect(() => amendTerms(terms, { kind: 'add-member', mspId: 'BankAMSP', kinds: ['BANK'] })).toThrow(
      CharterChangeError,
    );
    expect(() => amendTerms(terms, { kind: 'remove-member', mspId: 'BankCMSP' })).toThrow(
      'BankCMSP is not a member of the charter',
    );
    const one = amendTerms(terms, { kind: 'remove-member', mspId: 'BankBMSP' });
    expect(() => amendTerms(one, { kind: 'remove-member', mspId: 'BankAMSP' })).toThrow(
      "BankAMSP is the charter's last rate publisher",
    );
  });
});
