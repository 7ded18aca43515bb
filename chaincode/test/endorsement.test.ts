import { describe, expect, it } from 'vitest';
import { bindToMajority, majorityOf, peersOutOf } from '../src/lib/endorsement';
import { MemoryLedger } from './support/memory-stub';
import { decodePolicy } from './support/policies';

describe('majorityOf', () => {
  it.each([
    [1, 1],
    [2, 2],
    [3, 2],
    [4, 3],
    [5, 3],
    [6, 4],
  ])('of %i orgs is %i', (count, majority) => {
    expect(majorityOf(count)).toBe(majority);
  });
});

describe('peersOutOf', () => {
  it('builds an n-out-of policy over peers of the sorted, distinct orgs', () => {
    expect(decodePolicy(peersOutOf(2, ['OrgC', 'OrgA', 'OrgB', 'OrgA']))).toEqual({
      required: 2,
      roles: ['PEER', 'PEER', 'PEER'],
      orgs: ['OrgA', 'OrgB', 'OrgC'],
      signedBy: [0, 1, 2],
    });
  });

  it('gives the same bytes for the same orgs in any order', () => {
    expect(Buffer.from(peersOutOf(3, ['A', 'B', 'C', 'D', 'E']))).toEqual(
      Buffer.from(peersOutOf(3, ['E', 'D', 'C', 'B', 'A'])),
    );
  });
});

describe('bindToMajority', () => {
  it('binds a key to more than half of the distinct orgs', async () => {
    const ledger = new MemoryLedger();
    await ledger.submit({ mspId: 'OrgA' }, (ctx) =>
      bindToMajority(ctx, 'k', ['OrgD', 'OrgA', 'OrgB', 'OrgC', 'OrgA']),
    );
    const policy = ledger.validationParameters.get('k');
    expect(policy && decodePolicy(policy)).toMatchObject({
      required: 3,
      orgs: ['OrgA', 'OrgB', 'OrgC', 'OrgD'],
    });
  });
});
