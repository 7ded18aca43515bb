import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { APPLICATION, groupAt, orgMsps, type ChannelConfig } from './config-tree.ts';
import { endpoint } from './hosts.ts';

/**
 * A member org as the channel's config states it: public facts every member reads from the channel
 * itself, never from another org's private state.
 */
export interface ChannelMember {
  mspId: string;
  /** `host:port` of each anchor peer. */
  anchorPeers: string[];
  tlsRootCertPems: string[];
}

interface AnchorPeersValue {
  anchor_peers?: { host: string; port: number }[];
}

/** The channel's member orgs (the groups under /Channel/Application), sorted by MSP id. */
export function channelMembers(config: ChannelConfig): ChannelMember[] {
  const application = groupAt(config.channel_group, [APPLICATION]);
  return orgMsps(config, [APPLICATION])
    .map((org): ChannelMember => {
      const value = application?.groups[org.group]?.values.AnchorPeers?.value as AnchorPeersValue | undefined;
      return {
        mspId: org.mspId,
        anchorPeers: (value?.anchor_peers ?? []).map((peer) => endpoint(peer.host, peer.port)),
        tlsRootCertPems: org.tlsRootCertPems,
      };
    })
    .sort((a, b) => (a.mspId < b.mspId ? -1 : a.mspId > b.mspId ? 1 : 0));
}

/** An org the channel does not hold, or holds without an anchor peer to reach it by. */
export class UnreachableMemberError extends Error {
  readonly mspId: string;

  constructor(mspId: string, reason: string) {
    super(`cannot reach a peer of ${mspId}: ${reason}`);
    this.name = UnreachableMemberError.name;
    this.mspId = mspId;
  }
}

/**
 * Peer CLI arguments that send a proposal to one anchor peer of each org in `mspIds` (in that order),
 * each with its org's TLS roots written below `dir`: `--peerAddresses A --tlsRootCertFiles F …`.
 */
export function peerTargets(members: ChannelMember[], mspIds: string[], dir: string): string[] {
  return mspIds.flatMap((mspId) => {
    const member = members.find((item) => item.mspId === mspId);
    if (!member) throw new UnreachableMemberError(mspId, 'it is not a member org of the channel');
    const [peer] = member.anchorPeers;
    if (peer === undefined)
      throw new UnreachableMemberError(mspId, 'the channel names no anchor peer for it');
    const file = join(dir, `tls-roots-${mspId}.pem`);
    writeFileSync(file, member.tlsRootCertPems.join('\n'));
    return ['--peerAddresses', peer, '--tlsRootCertFiles', file];
  });
}
