import { describe, expect, it } from 'vitest';
import { applyChange } from '../scripts/apply-change.ts';
import { ChangeError } from '../scripts/change-error.ts';
import type { ChannelConfig, ConfigGroup } from '../scripts/config-tree.ts';
import { DEFINITION_FORMAT, type MemberDefinition } from '../scripts/org-definition.ts';
import { channelConfig, orgGroup } from './support/config-json.ts';

const MEMBERS = ['CoreFirmMSP', 'SupplierMSP', 'BankAMSP', 'BankBMSP', 'LogisticsMSP'];

const definition = (mspId: string): MemberDefinition => ({
  format: DEFINITION_FORMAT,
  name: 'bankc',
  mspId,
  role: 'member',
  description: 'bank C',
  caCertPem: '',
  tlsCaCertPem: '',
  adminCertPems: [],
  kinds: ['BANK'],
  anchorPeers: [{ host: 'peer0.bankc.example', port: 7062 }],
});

/** What configtxgen -printOrg gives, as a stub: the tests here are about where it goes. */
const build = (org: MemberDefinition): Promise<ConfigGroup> => Promise.resolve(orgGroup(org.mspId));

const orderer = (config: ChannelConfig): ConfigGroup => {
  const group = config.channel_group.groups.Orderer;
  if (!group) throw new Error('no Orderer group');
  return group;
};
const application = (config: ChannelConfig): ConfigGroup => {
  const group = config.channel_group.groups.Application;
  if (!group) throw new Error('no Application group');
  return group;
};

describe('applying a change to the decoded channel config', () => {
  const config = channelConfig(MEMBERS);

  it('adds a member org’s group, and leaves the original config as it was', async () => {
    const updated = await applyChange(config, { kind: 'add-org', definition: definition('BankCMSP') }, build);
    expect(Object.keys(application(updated).groups)).toEqual([...MEMBERS, 'BankCMSP']);
    expect(Object.keys(application(config).groups)).toEqual(MEMBERS);
  });

  it('refuses an org the channel already has, as a member or as an ordering org', async () => {
    for (const mspId of ['BankAMSP', 'OrdererMSP']) {
      await expect(
        applyChange(config, { kind: 'add-org', definition: definition(mspId) }, build),
      ).rejects.toThrow(new ChangeError(`${mspId} is already an org of the channel`));
    }
  });

  it('removes a member org, but not one it does not have, nor the last one', async () => {
    const updated = await applyChange(config, { kind: 'remove-org', mspId: 'LogisticsMSP' }, build);
    expect(Object.keys(application(updated).groups)).toEqual(MEMBERS.slice(0, 4));
    await expect(applyChange(config, { kind: 'remove-org', mspId: 'OrdererMSP' }, build)).rejects.toThrow(
      /OrdererMSP is not a member org of the channel \(members: CoreFirmMSP, /,
    );
    await expect(
      applyChange(channelConfig(['CoreFirmMSP']), { kind: 'remove-org', mspId: 'CoreFirmMSP' }, build),
    ).rejects.toThrow(/last member org/);
  });

  it('sets an org’s anchor peers, keeping the value’s version for compute_update to raise', async () => {
    const peers = [{ host: 'localhost', port: 7032 }];
    const updated = await applyChange(config, { kind: 'anchor-peers', mspId: 'BankBMSP', peers }, build);
    expect(application(updated).groups.BankBMSP?.values.AnchorPeers).toEqual({
      mod_policy: 'Admins',
      value: { anchor_peers: peers },
      version: '0',
    });
  });

  it('sets batch settings, and keeps Raft snapshots at half a batch', async () => {
    const updated = await applyChange(
      config,
      { kind: 'batch', timeout: '1s', maxMessageCount: 20, preferredMaxBytes: '512 KB' },
      build,
    );
    const values = orderer(updated).values;
    expect(values.BatchTimeout?.value).toEqual({ timeout: '1s' });
    expect(values.BatchSize?.value).toEqual({
      absolute_max_bytes: 10485760,
      max_message_count: 20,
      preferred_max_bytes: 524288,
    });
    expect(values.ConsensusType?.value).toMatchObject({
      metadata: { options: { snapshot_interval_size: 262144 } },
    });
  });

  it('refuses a batch Fabric would refuse, and a change that changes nothing', async () => {
    await expect(applyChange(config, { kind: 'batch', preferredMaxBytes: '20 MB' }, build)).rejects.toThrow(
      /exceed the channel's absolute max/,
    );
    await expect(applyChange(config, { kind: 'batch', timeout: '250ms' }, build)).rejects.toThrow(
      /changes nothing/,
    );
  });
});
