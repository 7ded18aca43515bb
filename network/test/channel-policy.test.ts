import { describe, expect, it } from 'vitest';
import {
  assertNeedsMet,
  countedSigners,
  describeNeed,
  policyNeeds,
  PolicyNotMetError,
  ruleThreshold,
  UnsupportedPolicyError,
} from '../scripts/channel-policy.ts';
import { describeDelta, staleElements } from '../scripts/config-delta.ts';
import type { ConfigGroup } from '../scripts/config-tree.ts';
import { memberMajorityPolicy } from '../scripts/orderer-admins.ts';
import { bare, channelConfig, configUpdate, group, orgGroup } from './support/config-json.ts';

const MEMBERS = [
  'CoreFirmMSP',
  'SupplierMSP',
  'BankAMSP',
  'BankBMSP',
  'LogisticsMSP',
  'AuditMSP',
  'BankCMSP',
];

/** An update of the Application group's members (what add-org and remove-org write): `members` after it. */
function membersUpdate(before: string[], after: string[]): ReturnType<typeof configUpdate> {
  const bareOrgs = (ids: string[]): Record<string, ConfigGroup> =>
    Object.fromEntries(ids.map((id) => [id, before.includes(id) ? bare() : orgGroup(id)]));
  return configUpdate(
    bare({ Application: bare(bareOrgs(before.filter((id) => after.includes(id)))) }),
    bare({ Application: bare(bareOrgs(after), '1') }),
  );
}

const batchUpdate = configUpdate(
  bare({ Orderer: bare() }),
  bare({
    Orderer: group({
      mod_policy: '',
      values: { BatchTimeout: { mod_policy: 'Admins', value: { timeout: '1s' }, version: '1' } },
    }),
  }),
);

describe('the policy a channel change needs, counted in org admins', () => {
  it.each([1, 2, 3, 4, 5, 6, 7])('asks a majority of %i member orgs to remove one', (count) => {
    const members = MEMBERS.slice(0, count);
    const config = channelConfig(members);
    const needs = policyNeeds(config, membersUpdate(members, members.slice(0, -1)));
    const majority = Math.floor(count / 2) + 1;
    expect(needs).toEqual([
      { policy: '/Channel/Application/Admins', scope: 'member', orgs: [...members].sort(), needed: majority },
    ]);
    expect(() => {
      assertNeedsMet(needs, members.slice(0, majority - 1));
    }).toThrow(PolicyNotMetError);
    expect(() => {
      assertNeedsMet(needs, members.slice(0, majority));
    }).not.toThrow();
  });

  it('follows Fabric: ANY is one, ALL is every one, MAJORITY more than half', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((orgs) => ruleThreshold('MAJORITY', orgs))).toEqual([
      1, 2, 2, 3, 3, 4, 4,
    ]);
    expect(ruleThreshold('ANY', 5)).toBe(1);
    expect(ruleThreshold('ALL', 5)).toBe(5);
  });

  it('counts a member majority to add an org, not the new org’s own policies', () => {
    const members = MEMBERS.slice(0, 5);
    const needs = policyNeeds(channelConfig(members), membersUpdate(members, [...members, 'BankCMSP']));
    expect(needs.map((need) => [need.policy, need.needed, need.orgs.length])).toEqual([
      ['/Channel/Application/Admins', 3, 5],
    ]);
  });

  it('counts each org once, and no org outside the policy', () => {
    const members = MEMBERS.slice(0, 5);
    const [need] = policyNeeds(channelConfig(members), membersUpdate(members, members.slice(1)));
    if (!need) throw new Error('no need');
    expect(countedSigners(need, ['BankAMSP', 'BankAMSP', 'BankAMSP'])).toEqual(['BankAMSP']);
    expect(countedSigners(need, ['BankAMSP', 'CoreFirmMSP', 'BankCMSP', 'OrdererMSP'])).toEqual([
      'BankAMSP',
      'CoreFirmMSP',
    ]);
    let refused: unknown;
    try {
      assertNeedsMet([need], ['CoreFirmMSP', 'BankAMSP', 'BankAMSP', 'BankCMSP', 'OrdererMSP']);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(PolicyNotMetError);
    expect((refused as Error).message).toContain(
      'signed by BankAMSP, BankCMSP, CoreFirmMSP, OrdererMSP: 2 of 5 member org admins; needs 3',
    );
    expect((refused as PolicyNotMetError).need).toEqual(need);
  });

  it('asks a majority of member admins for batch settings, not the ordering org', () => {
    const members = MEMBERS.slice(0, 5);
    const config = channelConfig(members);
    const orderer = config.channel_group.groups.Orderer;
    if (!orderer) throw new Error('no Orderer group');
    orderer.policies.Admins = { mod_policy: 'Admins', policy: memberMajorityPolicy(members), version: '0' };
    const needs = policyNeeds(config, batchUpdate);
    expect(needs).toEqual([
      { policy: '/Channel/Orderer/Admins', scope: 'member', orgs: [...members].sort(), needed: 3 },
    ]);
    expect(() => {
      assertNeedsMet(needs, ['OrdererMSP', 'CoreFirmMSP', 'BankAMSP']);
    }).toThrow(/signed by BankAMSP, CoreFirmMSP, OrdererMSP: 2 of 5 member org admins; needs 3/);
    expect(() => {
      assertNeedsMet(needs, ['LogisticsMSP', 'CoreFirmMSP', 'BankAMSP']);
    }).not.toThrow();
    expect(needs.map(describeNeed)).toEqual(['admins of 3 of 5 member orgs']);
  });

  it('still asks the ordering orgs’ admins on a channel made before (MAJORITY Admins of Orderer)', () => {
    const needs = policyNeeds(channelConfig(MEMBERS.slice(0, 5)), batchUpdate);
    expect(needs).toEqual([
      { policy: '/Channel/Orderer/Admins', scope: 'orderer', orgs: ['OrdererMSP'], needed: 1 },
    ]);
    expect(() => {
      assertNeedsMet(needs, MEMBERS);
    }).toThrow(/0 of 1 orderer org admins; needs 1/);
    expect(needs.map(describeNeed)).toEqual(['the admin of OrdererMSP']);
  });

  it('asks an org’s own admin for its anchor peers', () => {
    const update = configUpdate(
      bare({ Application: bare({ BankBMSP: bare() }) }),
      bare({
        Application: bare({
          BankBMSP: group({
            mod_policy: '',
            values: { AnchorPeers: { mod_policy: 'Admins', value: { anchor_peers: [] }, version: '1' } },
          }),
        }),
      }),
    );
    const needs = policyNeeds(channelConfig(MEMBERS.slice(0, 5)), update);
    expect(needs).toEqual([
      { policy: '/Channel/Application/BankBMSP/Admins', scope: 'org', orgs: ['BankBMSP'], needed: 1 },
    ]);
    expect(() => {
      assertNeedsMet(needs, ['CoreFirmMSP', 'BankAMSP', 'SupplierMSP']);
    }).toThrow(PolicyNotMetError);
  });

  it('says so when it cannot count a policy in org admins', () => {
    const config = channelConfig(MEMBERS.slice(0, 3));
    const application = config.channel_group.groups.Application;
    if (!application) throw new Error('no Application group');
    application.policies.Admins = { mod_policy: 'Admins', policy: { type: 2, value: {} }, version: '0' };
    expect(() => policyNeeds(config, membersUpdate(MEMBERS.slice(0, 3), MEMBERS.slice(0, 2)))).toThrow(
      UnsupportedPolicyError,
    );
  });

  it('describes a need for people', () => {
    expect(
      describeNeed({
        policy: '/Channel/Application/Admins',
        scope: 'member',
        orgs: MEMBERS.slice(0, 5),
        needed: 3,
      }),
    ).toBe('admins of 3 of 5 member orgs');
  });
});

describe('what an update changes, and whether the channel moved on since', () => {
  const members = MEMBERS.slice(0, 5);

  it('lists a new org once, and the group it joins', () => {
    expect(describeDelta(channelConfig(members), membersUpdate(members, [...members, 'BankCMSP']))).toEqual([
      '[Group] /Channel/Application',
      '[Group] /Channel/Application/BankCMSP (new)',
    ]);
    expect(describeDelta(channelConfig(members), batchUpdate)).toEqual([
      '[Value] /Channel/Orderer/BatchTimeout',
    ]);
  });

  it('finds an update stale once the elements it read or writes changed', () => {
    const config = channelConfig(members);
    expect(staleElements(config, batchUpdate)).toEqual([]);
    const timeout = config.channel_group.groups.Orderer?.values.BatchTimeout;
    if (!timeout) throw new Error('no BatchTimeout');
    timeout.version = '1';
    expect(staleElements(config, batchUpdate)).toEqual([
      '[Value] /Channel/Orderer/BatchTimeout is at version 1, the update writes version 1',
    ]);
    const application = config.channel_group.groups.Application;
    if (!application) throw new Error('no Application group');
    application.version = '3';
    expect(staleElements(config, membersUpdate(members, members.slice(1)))).toContain(
      '[Group] /Channel/Application is at version 3, the update read version 0',
    );
  });
});
