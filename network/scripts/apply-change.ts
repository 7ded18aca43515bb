import { isDeepStrictEqual } from 'node:util';
import { ChangeError } from './change-error.ts';
import type { ChannelChange } from './channel-change.ts';
import { addConsenter, removeConsenter } from './consenter-change.ts';
import { byteCount, snapshotIntervalSize } from './channel-config.ts';
import {
  APPLICATION,
  groupAt,
  ORDERER,
  orgMsps,
  type ChannelConfig,
  type ConfigGroup,
  type OrgMsp,
} from './config-tree.ts';
import { followMembership } from './orderer-admins.ts';
import type { MemberDefinition } from './org-definition.ts';
import { anchorPeersValue } from './org-group.ts';

/** Builds a new member org's config group from its definition (org-group.ts: configtxgen). */
export type OrgGroupBuilder = (definition: MemberDefinition) => Promise<ConfigGroup>;

function group(config: ChannelConfig, path: string[]): ConfigGroup {
  const found = groupAt(config.channel_group, path);
  if (!found) throw new ChangeError(`the channel config has no /Channel/${path.join('/')} group`);
  return found;
}

function member(config: ChannelConfig, mspId: string): OrgMsp {
  const members = orgMsps(config, [APPLICATION]);
  const found = members.find((org) => org.mspId === mspId);
  if (!found) {
    const known = members.map((org) => org.mspId).join(', ');
    throw new ChangeError(`${mspId} is not a member org of the channel (members: ${known})`);
  }
  return found;
}

async function addOrg(
  config: ChannelConfig,
  definition: MemberDefinition,
  build: OrgGroupBuilder,
): Promise<void> {
  const { mspId } = definition;
  const orgs = [...orgMsps(config, [APPLICATION]), ...orgMsps(config, [ORDERER])];
  if (orgs.some((org) => org.mspId === mspId || org.group === mspId)) {
    throw new ChangeError(`${mspId} is already an org of the channel`);
  }
  group(config, [APPLICATION]).groups[mspId] = await build(definition);
}

function removeOrg(config: ChannelConfig, mspId: string): void {
  const org = member(config, mspId);
  if (orgMsps(config, [APPLICATION]).length === 1) {
    throw new ChangeError(`${mspId} is the channel's last member org`);
  }
  const application = group(config, [APPLICATION]);
  application.groups = Object.fromEntries(
    Object.entries(application.groups).filter(([name]) => name !== org.group),
  );
}

function setAnchorPeers(
  config: ChannelConfig,
  change: Extract<ChannelChange, { kind: 'anchor-peers' }>,
): void {
  const org = group(config, [APPLICATION, member(config, change.mspId).group]);
  const fresh = anchorPeersValue(change.peers);
  const existing = org.values.AnchorPeers;
  org.values.AnchorPeers = existing ? { ...existing, value: fresh.value } : fresh;
}

interface BatchSize {
  max_message_count: number;
  absolute_max_bytes: number;
  preferred_max_bytes: number;
}

function setBatch(config: ChannelConfig, change: Extract<ChannelChange, { kind: 'batch' }>): void {
  const orderer = group(config, [ORDERER]);
  const { BatchTimeout: timeout, BatchSize: size, ConsensusType: consensus } = orderer.values;
  if (!timeout || !size) throw new ChangeError('the channel config has no orderer batch settings');
  if (change.timeout !== undefined) timeout.value = { ...(timeout.value as object), timeout: change.timeout };
  const sizes = { ...(size.value as BatchSize) };
  if (change.maxMessageCount !== undefined) sizes.max_message_count = change.maxMessageCount;
  if (change.preferredMaxBytes !== undefined) {
    sizes.preferred_max_bytes = byteCount(change.preferredMaxBytes);
    if (sizes.preferred_max_bytes > sizes.absolute_max_bytes) {
      throw new ChangeError(
        `preferred max bytes ${change.preferredMaxBytes} exceed the channel's absolute max of ${sizes.absolute_max_bytes} bytes`,
      );
    }
    // Keep Raft snapshots at half a batch (channel-config.ts: snapshotIntervalSize says why).
    const options = (consensus?.value as { metadata?: { options?: Record<string, unknown> } } | undefined)
      ?.metadata?.options;
    if (options) options.snapshot_interval_size = byteCount(snapshotIntervalSize(change.preferredMaxBytes));
  }
  size.value = sizes;
}

/**
 * The channel config with the change applied, as the decoded JSON `configtxlator compute_update`
 * compares with the original. Refuses a change that does not fit the config or changes nothing. A
 * change of members also changes who governs the orderers (orderer-admins.ts), in the same update.
 */
export async function applyChange(
  config: ChannelConfig,
  change: ChannelChange,
  build: OrgGroupBuilder,
): Promise<ChannelConfig> {
  const updated = structuredClone(config);
  switch (change.kind) {
    case 'add-org':
      await addOrg(updated, change.definition, build);
      followMembership(config, updated);
      break;
    case 'remove-org':
      removeOrg(updated, change.mspId);
      followMembership(config, updated);
      break;
    case 'anchor-peers':
      setAnchorPeers(updated, change);
      break;
    case 'batch':
      setBatch(updated, change);
      break;
    case 'add-consenter':
      addConsenter(updated, change);
      break;
    case 'remove-consenter':
      removeConsenter(updated, change);
      break;
  }
  if (isDeepStrictEqual(updated, config))
    throw new ChangeError('the change changes nothing: the channel already has it');
  return updated;
}
