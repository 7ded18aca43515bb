import { join } from 'node:path';
import type { BatchConfig, ConsortiumConfig } from './config.ts';
import { endpoint } from './hosts.ts';
import type { MemberDefinition, OrdererOrgDefinition } from './org-definition.ts';
import { memberMajorityRule } from './orderer-admins.ts';

export const PROFILE = 'SCFChannel';

/**
 * Orderer batching: a block is cut at 500 transactions, 2 MB, or 250 ms after its first transaction.
 * People wait on each transaction here (a clerk confirming, a bank disbursing), so the timeout sets
 * the latency at low load; 500 transactions per block is far above what two cores validate per 250 ms.
 */
export const BATCH: Required<BatchConfig> = {
  timeout: '250ms',
  maxMessageCount: 500,
  preferredMaxBytes: '2 MB',
};

/** Raft timing: an election after 10 to 20 ticks of 500 ms without a heartbeat (one per tick). */
export const RAFT = { tickInterval: '500ms', electionTick: 10, heartbeatTick: 1, maxInflightBlocks: 5 };

/**
 * A Raft snapshot after this much block data, half a block batch (etcdraft hands a restarting orderer
 * at most PreferredMaxBytes of its log to replay per step). The orderer replays its log since the last
 * snapshot when it starts, and Fabric builds before mid-2023 (the 3.0.0-dev fallback among them)
 * can deadlock when that replay takes more than one step and still holds the channel's first
 * entries, which add the consenters (Fabric issue 4199): with Fabric's default 16 MB, a channel of a
 * few thousand blocks never had a snapshot and its orderers hang at start. Snapshots this small are
 * cheap (a Raft snapshot here is the last block) and keep every replay to one step.
 */
export function snapshotIntervalSize(preferredMaxBytes: string): string {
  return `${String(Math.max(1, Math.floor(byteCount(preferredMaxBytes) / 1024 / 2)))} KB`;
}

/** A size as configtx.yaml writes it ("512 KB", "2 MB": Fabric counts in 1024s) in bytes. */
export function byteCount(size: string): number {
  const match = /^(\d+) ?(KB|MB)$/.exec(size);
  if (!match) throw new Error(`batch size "${size}" is not in KB or MB`);
  return Number(match[1]) * (match[2] === 'MB' ? 1024 * 1024 : 1024);
}

/** What a channel is made of besides its orgs: its name, block cutting and Raft timing. */
export interface ChannelSettings {
  channel: string;
  batch: Required<BatchConfig>;
  raft: typeof RAFT;
}

export function channelSettings(config: ConsortiumConfig): ChannelSettings {
  return { channel: config.channel, batch: { ...BATCH, ...config.batch }, raft: RAFT };
}

/** The founding orgs of a channel, as their public definitions. */
export interface FoundingOrgs {
  members: MemberDefinition[];
  orderer: OrdererOrgDefinition;
}

/** Where the files configtxgen reads for a channel live, below the channel's folder. */
export function channelFiles(dir: string): {
  configtx: string;
  mspDir: (org: string) => string;
  consenterCert: (org: string, node: string) => string;
} {
  return {
    configtx: join(dir, 'configtx.yaml'),
    mspDir: (org) => join(dir, 'orgs', org, 'msp'),
    consenterCert: (org, node) => join(dir, 'orgs', org, 'consenters', `${node}.pem`),
  };
}

const signature = (rule: string): { Type: string; Rule: string } => ({ Type: 'Signature', Rule: rule });
const implicit = (rule: string): { Type: string; Rule: string } => ({ Type: 'ImplicitMeta', Rule: rule });

/**
 * A member org's configtx.yaml entry: its MSP folder, its policies (admins administer it, only its
 * peers endorse for it) and its anchor peers. Channel creation and adding an org to a live channel
 * (org-group.ts) both build the org from this.
 */
export function memberOrg(org: MemberDefinition, mspDir: string): Record<string, unknown> {
  const id = org.mspId;
  return {
    Name: id,
    ID: id,
    MSPDir: mspDir,
    Policies: {
      Readers: signature(`OR('${id}.admin', '${id}.peer', '${id}.client')`),
      Writers: signature(`OR('${id}.admin', '${id}.client')`),
      Admins: signature(`OR('${id}.admin')`),
      Endorsement: signature(`OR('${id}.peer')`),
    },
    AnchorPeers: org.anchorPeers.map((peer) => ({ Host: peer.host, Port: peer.port })),
  };
}

function ordererOrg(org: OrdererOrgDefinition, mspDir: string): Record<string, unknown> {
  const id = org.mspId;
  return {
    Name: id,
    ID: id,
    MSPDir: mspDir,
    Policies: {
      Readers: signature(`OR('${id}.member')`),
      Writers: signature(`OR('${id}.member')`),
      Admins: signature(`OR('${id}.admin')`),
    },
    OrdererEndpoints: org.orderers.map((node) => endpoint(node.host, node.port)),
  };
}

/**
 * The configtx.yaml document for the application channel (Raft ordering), from the founding orgs'
 * definitions and the channel settings alone. The MSP folders and consenter certificates it names
 * are written from the same definitions into `dir` (genesis-block.ts).
 */
export function channelProfile(
  founding: FoundingOrgs,
  settings: ChannelSettings,
  dir: string,
): Record<string, unknown> {
  const files = channelFiles(dir);
  const { orderer, members } = founding;
  const { batch, raft } = settings;
  const consenters = orderer.orderers.map((node) => {
    const tls = files.consenterCert(orderer.name, node.name);
    return { Host: node.host, Port: node.port, ClientTLSCert: tls, ServerTLSCert: tls };
  });
  return {
    Profiles: {
      [PROFILE]: {
        Capabilities: { V2_0: true },
        Policies: {
          Readers: implicit('ANY Readers'),
          Writers: implicit('ANY Writers'),
          Admins: implicit('MAJORITY Admins'),
        },
        Orderer: {
          OrdererType: 'etcdraft',
          EtcdRaft: {
            Consenters: consenters,
            Options: {
              TickInterval: raft.tickInterval,
              ElectionTick: raft.electionTick,
              HeartbeatTick: raft.heartbeatTick,
              MaxInflightBlocks: raft.maxInflightBlocks,
              SnapshotIntervalSize: snapshotIntervalSize(batch.preferredMaxBytes),
            },
          },
          BatchTimeout: batch.timeout,
          BatchSize: {
            MaxMessageCount: batch.maxMessageCount,
            AbsoluteMaxBytes: '10 MB',
            PreferredMaxBytes: batch.preferredMaxBytes,
          },
          Organizations: [ordererOrg(orderer, files.mspDir(orderer.name))],
          Policies: {
            Readers: implicit('ANY Readers'),
            Writers: implicit('ANY Writers'),
            // Batch cutting and the Raft consenters are the members' to govern (orderer-admins.ts).
            Admins: signature(memberMajorityRule(members.map((org) => org.mspId))),
            BlockValidation: implicit('ANY Writers'),
          },
          Capabilities: { V2_0: true },
        },
        Application: {
          Organizations: members.map((org) => memberOrg(org, files.mspDir(org.name))),
          Policies: {
            Readers: implicit('ANY Readers'),
            Writers: implicit('ANY Writers'),
            Admins: implicit('MAJORITY Admins'),
            LifecycleEndorsement: implicit('MAJORITY Endorsement'),
            Endorsement: implicit('MAJORITY Endorsement'),
          },
          Capabilities: { V2_5: true },
        },
      },
    },
  };
}
