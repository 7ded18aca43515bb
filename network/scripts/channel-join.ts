import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { common } from '@hyperledger/fabric-protos';
import { channelAdmin, type BlockSource, type ChannelAdmin } from './channel-admin.ts';
import { channelMembers } from './channel-members.ts';
import { ChannelAccessDeniedError, fetchBlock, fetchConfigBlock } from './config-block.ts';
import { configtxlator } from './configtxlator.ts';
import { START_TIMEOUT_MS, type NetworkContext } from './context.ts';
import { TimeoutError } from './health.ts';
import { endpoint, localAddress } from './hosts.ts';
import { whenAnswering } from './launch.ts';
import { DefinitionError, readOrgDefinition } from './org-definition.ts';
import { peerChannels, peerCli, peerProcessName } from './peer.ts';
import { peerMetric } from './peer-metrics.ts';
import { withScratchDir } from './scratch-dir.ts';
import { findMember, type MemberPlan } from './topology.ts';

/** The org's MSP is not in the channel's config yet: the consortium has not adopted its add-org. */
export class NotChannelMemberError extends Error {
  readonly mspId: string;
  readonly channel: string;

  constructor(mspId: string, channel: string) {
    super(
      `${mspId} is not yet a member of channel "${channel}"; the consortium must first adopt an add-org ` +
        'proposal for it (propose add-org from its exported definition, signed by a majority of member ' +
        'admins, submitted)',
    );
    this.name = NotChannelMemberError.name;
    this.mspId = mspId;
    this.channel = channel;
  }
}

export interface CatchUp {
  /** The peer's ledger height (blocks held) and the orderers' when it was last read. */
  height: number;
  target: number;
}

export interface JoinOptions {
  /** The ordering org's public definition file: where the orderers are and their TLS root. */
  ordererDefinition?: string;
  onProgress?: (progress: CatchUp) => void;
  /** How long the peer may go without a new block before the catch-up is given up. */
  stallTimeoutMs?: number;
}

export interface Joined extends CatchUp {
  /** False if the peer was in the channel already (then only the catch-up ran). */
  joined: boolean;
  /** The peer's height before the catch-up (1 after a join: the genesis block), and how long it all took. */
  startHeight: number;
  ms: number;
}

/** The orderers as the ordering org's definition names them, with its TLS root written to `dir`. */
export function ordererSourcesOf(file: string, dir: string): BlockSource[] {
  const definition = readOrgDefinition(file);
  if (definition.role !== 'orderer') throw new DefinitionError(file, 'role', 'must be "orderer" here');
  const caFile = join(dir, 'orderer-tls-root.pem');
  writeFileSync(caFile, definition.tlsCaCertPem);
  return definition.orderers.map((node) => {
    const address = endpoint(node.host, node.port);
    return { name: `${node.name} (${address})`, args: ['-o', address, '--tls', '--cafile', caFile] };
  });
}

/** The height of the channel as the orderers have it: the newest block's number plus one. */
async function ordererHeight(admin: ChannelAdmin, sources: BlockSource[], dir: string): Promise<number> {
  const file = join(dir, 'newest.block');
  await fetchBlock(admin, sources, 'newest', file);
  const header = common.Block.deserializeBinary(readFileSync(file)).getHeader();
  return (header?.getNumber() ?? 0) + 1;
}

/** The height of the channel's ledger on the org's peer (0 until it reports one). */
export async function peerHeight(ctx: NetworkContext, org: MemberPlan): Promise<number> {
  return (await peerMetric(org, 'ledger_blockchain_height', ctx.topology.config.channel)) ?? 0;
}

/** Fetches the channel's genesis block as the org's admin and joins the org's peer with it. */
async function joinFromGenesis(
  ctx: NetworkContext,
  org: MemberPlan,
  admin: ChannelAdmin,
  sources: BlockSource[],
  dir: string,
): Promise<void> {
  const translator = configtxlator(ctx.tools, dir);
  try {
    const config = await fetchConfigBlock(admin, translator, dir, sources, 'config');
    if (!channelMembers(config.config).some((item) => item.mspId === org.mspId)) {
      throw new NotChannelMemberError(org.mspId, admin.channel);
    }
  } catch (error) {
    if (error instanceof ChannelAccessDeniedError) throw new NotChannelMemberError(org.mspId, admin.channel);
    throw error;
  }
  const genesis = join(dir, 'genesis.block');
  await fetchBlock(admin, sources, 0, genesis);
  await peerCli(ctx, org, ['channel', 'join', '-b', genesis]);
  ctx.log(`${org.peer.name} joined channel "${admin.channel}" from its genesis block`);
}

/** Polls the peer's height until it reaches `target`, giving up if it stops growing for a while. */
async function catchUp(
  ctx: NetworkContext,
  org: MemberPlan,
  target: number,
  options: JoinOptions,
): Promise<number> {
  const stallMs = options.stallTimeoutMs ?? START_TIMEOUT_MS;
  let height = -1;
  let progressAt = Date.now();
  for (;;) {
    const now = await peerHeight(ctx, org);
    if (now !== height) {
      height = now;
      progressAt = Date.now();
      options.onProgress?.({ height, target });
    }
    if (height >= target) return height;
    if (Date.now() - progressAt > stallMs) {
      throw new TimeoutError(
        `${org.peer.name} stayed at height ${String(height)} for ${String(stallMs / 1000)}s, ` +
          `${String(target - height)} blocks behind the orderers (see ${ctx.paths.log(peerProcessName(org))})`,
      );
    }
    await sleep(500);
  }
}

/**
 * `join`, run by a new member org on its own node once the consortium adopted its add-org: its
 * admin checks that the channel's newest config holds its MSP (the orderers refuse it the blocks
 * until then), fetches the channel's genesis block from an orderer named in the ordering org's
 * public definition, joins its peer, and waits until the peer's height reaches the orderers'.
 */
export async function joinChannel(
  ctx: NetworkContext,
  orgName: string,
  options: JoinOptions = {},
): Promise<Joined> {
  const started = Date.now();
  const org = findMember(ctx.topology, orgName);
  const admin = channelAdmin(ctx, org.name);
  const channels = await whenAnswering(
    ctx,
    peerProcessName(org),
    `${org.peer.name} at ${endpoint(localAddress(org.peer.listenHost), org.peer.port)}`,
    () => peerChannels(ctx, org),
  );
  const definition = options.ordererDefinition ?? ctx.paths.definition(ctx.topology.ordererOrg.name);
  return withScratchDir(`join-${org.name}`, async (dir) => {
    const sources = ordererSourcesOf(definition, dir);
    const joined = !channels.includes(admin.channel);
    if (joined) await joinFromGenesis(ctx, org, admin, sources, dir);
    // A fresh join starts from the genesis block alone: every later block is caught up.
    const startHeight = joined ? 1 : await peerHeight(ctx, org);
    const target = await ordererHeight(admin, sources, dir);
    const height = await catchUp(ctx, org, target, options);
    return { joined, startHeight, height, target, ms: Date.now() - started };
  });
}
