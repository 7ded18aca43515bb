import { channelAdmin, type BlockSource, type ChannelAdmin } from './channel-admin.ts';
import { channelMembers, type ChannelMember } from './channel-members.ts';
import { latestConfigBlock, ordererSources, type ConfigBlock } from './config-block.ts';
import { configtxlator } from './configtxlator.ts';
import type { NetworkContext } from './context.ts';
import { CommandError } from './exec.ts';
import { withScratchDir } from './scratch-dir.ts';
import { findMember, type MemberPlan } from './topology.ts';

/**
 * A member org's view of the channel for one command, from its own admin and its own peer: the
 * channel's newest config (its member orgs, their anchor peers and TLS roots, the orderers) and a
 * scratch folder for the files the peer CLI reads. Nothing of another org's state is used.
 */
export interface MemberChannel {
  org: MemberPlan;
  admin: ChannelAdmin;
  config: ConfigBlock;
  members: ChannelMember[];
  orderers: BlockSource[];
  dir: string;
  /** Sends a peer CLI command that needs an orderer to the first of the channel's orderers it reaches. */
  viaOrderer: (args: string[]) => Promise<string>;
}

/** The peer CLI's words for an orderer it could not connect to (then the next one is tried). */
const UNREACHABLE = /failed to create new connection|error getting broadcast client|connection refused/;

export async function sendViaOrderer(
  admin: ChannelAdmin,
  orderers: BlockSource[],
  args: string[],
): Promise<string> {
  const failures: string[] = [];
  for (const orderer of orderers) {
    try {
      return await admin.peer([...args, ...orderer.args]);
    } catch (error) {
      if (!(error instanceof CommandError) || !UNREACHABLE.test(error.output)) throw error;
      failures.push(`${orderer.name}: ${error.message}`);
    }
  }
  throw new Error(`no orderer of channel "${admin.channel}" could be reached:\n${failures.join('\n')}`);
}

export async function withMemberChannel<T>(
  ctx: NetworkContext,
  orgName: string,
  body: (channel: MemberChannel) => Promise<T>,
): Promise<T> {
  const org = findMember(ctx.topology, orgName);
  const admin = channelAdmin(ctx, org.name);
  return withScratchDir(`channel-${org.name}`, async (dir) => {
    const config = await latestConfigBlock(admin, configtxlator(ctx.tools, dir), dir);
    const orderers = ordererSources(config.config, dir);
    return body({
      org,
      admin,
      config,
      members: channelMembers(config.config),
      orderers,
      dir,
      viaOrderer: (args) => sendViaOrderer(admin, orderers, args),
    });
  });
}
