import { describe, expect, it } from 'vitest';
import { charterTerms } from '../scripts/charter.ts';
import { loadConfig } from '../scripts/config.ts';

describe('founding charter terms', () => {
  it('lists every member with its kinds and the rate publishers, sorted so the same config gives the same bytes', () => {
    const terms = charterTerms(loadConfig());
    expect(terms).toEqual({
      members: [
        { mspId: 'BankAMSP', kinds: ['BANK'] },
        { mspId: 'BankBMSP', kinds: ['BANK'] },
        { mspId: 'CoreFirmMSP', kinds: ['CORE'] },
        { mspId: 'LogisticsMSP', kinds: ['LOGISTICS'] },
        { mspId: 'SupplierMSP', kinds: ['SUPPLIER'] },
      ],
      ratePublishers: ['BankAMSP', 'BankBMSP'],
      rateQuorum: 2,
    });
  });

  it('sorts kinds within a member', () => {
    const config = loadConfig();
    const core = config.members[0];
    if (!core) throw new Error('no member');
    core.kinds = ['SUPPLIER', 'CORE'];
    expect(charterTerms(config).members.find((m) => m.mspId === core.mspId)?.kinds).toEqual([
      'CORE',
      'SUPPLIER',
    ]);
  });

  it('leaves out a member that joins later: it enters the charter by amendment', () => {
    const config = loadConfig();
    config.members.push({
      name: 'bankc',
      mspId: 'BankCMSP',
      description: 'bank C',
      kinds: ['BANK'],
      founding: false,
    });
    expect(charterTerms(config).members.map((member) => member.mspId)).not.toContain('BankCMSP');
  });
});
