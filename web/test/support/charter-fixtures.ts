import type {
  CharterFieldsFragment,
  CharterProposalFieldsFragment,
  RateFieldsFragment,
} from '@/api/generated/graphql';

const proof = {
  transactionId: 'a1b2c3',
  blockNumber: '17',
  timestamp: '2026-11-20T02:00:00Z',
  submittedBy: 'CoreOrgMSP/admin',
};

/** A consortium of four orgs: two banks publish rates, both must agree; amendments need three. */
export const CHARTER: CharterFieldsFragment = {
  id: 'consortium',
  version: 2,
  majority: 3,
  updatedAt: '2026-11-20T02:00:00Z',
  terms: {
    members: [
      { mspId: 'BankAMSP', kinds: ['BANK'] },
      { mspId: 'BankBMSP', kinds: ['BANK'] },
      { mspId: 'CoreOrgMSP', kinds: ['SUPPLIER', 'CORE'] },
      { mspId: 'LogisticsMSP', kinds: ['LOGISTICS', 'AUDITOR'] },
    ],
    ratePublishers: ['BankAMSP', 'BankBMSP'],
    rateQuorum: 2,
    exposureCaps: [{ debtorId: 'CORE1', cap: '80000000' }],
  },
  proof,
};

export const PROPOSAL: CharterProposalFieldsFragment = {
  id: 'P-1',
  baseVersion: 2,
  status: 'OPEN',
  approvals: ['BankAMSP'],
  proposedBy: 'BankAMSP',
  createdAt: '2026-11-21T02:00:00Z',
  terms: { ...CHARTER.terms, rateQuorum: 1 },
  proof,
};

export function rate(
  fields: Partial<RateFieldsFragment> & Pick<RateFieldsFragment, 'id'>,
): RateFieldsFragment {
  return {
    tenor: 'LPR_1Y',
    rateBps: 310,
    effectiveDate: '2026-11-20',
    status: 'PUBLISHED',
    attestations: [],
    publisher: { id: 'BANKA', name: 'Bank A', kind: 'BANK' },
    proof,
    ...fields,
  };
}
