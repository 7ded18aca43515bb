import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { NetworkContext } from './context.ts';
import { run } from './exec.ts';
import { fabricBin } from './fabric-tools.ts';
import { identityFiles } from './identities.ts';
import type { MemberPlan, OrdererOrgPlan, Topology } from './topology.ts';

export const PROFILE = 'SCFChannel';

/**
 * Orderer batching: a block is cut at 500 transactions, 2 MB, or 250 ms after its first transaction.
 * People wait on each transaction here (a clerk confirming, a bank disbursing), so the timeout sets
 * the latency at low load; 500 transactions per block is far above what two cores validate per 250 ms.
 */
export const BATCH = { timeout: '250ms', maxMessageCount: 500, preferredMaxBytes: '2 MB' };

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
  const match = /^(\d+) ?(KB|MB)$/.exec(preferredMaxBytes);
  if (!match) throw new Error(`batch size "${preferredMaxBytes}" is not in KB or MB`);
  const kilobytes = Number(match[1]) * (match[2] === 'MB' ? 1024 : 1);
  return `${String(Math.max(1, Math.floor(kilobytes / 2)))} KB`;
}

const signature = (rule: string): { Type: string; Rule: string } => ({ Type: 'Signature', Rule: rule });
const implicit = (rule: string): { Type: string; Rule: string } => ({ Type: 'ImplicitMeta', Rule: rule });

function memberOrg(ctx: NetworkContext, org: MemberPlan): Record<string, unknown> {
  const id = org.mspId;
  return {
    Name: id,
    ID: id,
    MSPDir: ctx.paths.orgMsp(org.name),
    Policies: {
      Readers: signature(`OR('${id}.admin', '${id}.peer', '${id}.client')`),
      Writers: signature(`OR('${id}.admin', '${id}.client')`),
      Admins: signature(`OR('${id}.admin')`),
      Endorsement: signature(`OR('${id}.peer')`),
    },
    AnchorPeers: [{ Host: org.peer.host, Port: org.peer.port }],
  };
}

function ordererOrg(ctx: NetworkContext, org: OrdererOrgPlan): Record<string, unknown> {
  const id = org.mspId;
  return {
    Name: id,
    ID: id,
    MSPDir: ctx.paths.orgMsp(org.name),
    Policies: {
      Readers: signature(`OR('${id}.member')`),
      Writers: signature(`OR('${id}.member')`),
      Admins: signature(`OR('${id}.admin')`),
    },
    OrdererEndpoints: org.orderers.map((node) => `${node.host}:${node.port}`),
  };
}

/** The configtx.yaml document for the application channel (Raft ordering, all member orgs). */
export function channelProfile(ctx: NetworkContext, topology: Topology): Record<string, unknown> {
  const orderer = topology.ordererOrg;
  const batch = { ...BATCH, ...topology.config.batch };
  const consenters = orderer.orderers.map((node) => {
    const tls = identityFiles(ctx.paths.identity(orderer.name, node.name)).tlsCert;
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
              TickInterval: '500ms',
              ElectionTick: 10,
              HeartbeatTick: 1,
              MaxInflightBlocks: 5,
              SnapshotIntervalSize: snapshotIntervalSize(batch.preferredMaxBytes),
            },
          },
          BatchTimeout: batch.timeout,
          BatchSize: {
            MaxMessageCount: batch.maxMessageCount,
            AbsoluteMaxBytes: '10 MB',
            PreferredMaxBytes: batch.preferredMaxBytes,
          },
          Organizations: [ordererOrg(ctx, orderer)],
          Policies: {
            Readers: implicit('ANY Readers'),
            Writers: implicit('ANY Writers'),
            Admins: implicit('MAJORITY Admins'),
            BlockValidation: implicit('ANY Writers'),
          },
          Capabilities: { V2_0: true },
        },
        Application: {
          Organizations: topology.members.map((org) => memberOrg(ctx, org)),
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

/** Writes configtx.yaml and the channel's genesis block once; the block is reused on later `up`s. */
export async function ensureGenesisBlock(ctx: NetworkContext): Promise<string> {
  const block = ctx.paths.genesisBlock;
  if (existsSync(block)) return block;
  mkdirSync(ctx.paths.channel, { recursive: true });
  writeFileSync(join(ctx.paths.channel, 'configtx.yaml'), stringify(channelProfile(ctx, ctx.topology)));
  const channel = ctx.topology.config.channel;
  await run(fabricBin(ctx.tools, 'configtxgen'), [
    '-configPath',
    ctx.paths.channel,
    '-profile',
    PROFILE,
    '-channelID',
    channel,
    '-outputBlock',
    block,
  ]);
  ctx.log(`genesis block of channel "${channel}" written`);
  return block;
}
