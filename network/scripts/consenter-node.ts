import { join } from 'node:path';
import { channelAdmin } from './channel-admin.ts';
import { fetchBlock, fetchConfigBlock } from './config-block.ts';
import { configtxlator } from './configtxlator.ts';
import { isConsenter } from './consenter-change.ts';
import { ConfigError } from './config.ts';
import type { NetworkContext } from './context.ts';
import { joinOrderer, leaveOrdererChannel, waitForRaftLeader } from './orderer.ts';
import { withScratchDir } from './scratch-dir.ts';
import type { OrdererNode } from './topology.ts';

/** Leaving or rejoining would contradict the channel's consenters as its newest config states them. */
export class ConsenterStateError extends Error {
  readonly code: 'STILL_CONSENTER' | 'NOT_CONSENTER';
  readonly orderer: string;

  constructor(code: ConsenterStateError['code'], orderer: string, message: string) {
    super(message);
    this.name = ConsenterStateError.name;
    this.code = code;
    this.orderer = orderer;
  }
}

function localOrderer(ctx: NetworkContext, name: string): OrdererNode {
  const node = ctx.local.orderers.find((item) => item.name === name);
  if (!node) {
    const here = ctx.local.orderers.map((item) => item.name).join(', ') || 'none';
    throw new ConfigError(`${name} does not run on this host (its orderers: ${here})`);
  }
  return node;
}

/**
 * The channel's newest config block, written to `dir`, fetched by the ordering org's admin from its
 * other orderers (the one at hand is leaving, or holds no channel, or an outdated one).
 */
async function newestConfigBlock(
  ctx: NetworkContext,
  node: OrdererNode,
  dir: string,
): Promise<{ file: string; number: number; consenter: boolean }> {
  const admin = channelAdmin(ctx, ctx.topology.ordererOrg.name);
  const sources = admin.ownNodes.filter((source) => source.name !== node.name);
  const newest = await fetchConfigBlock(admin, configtxlator(ctx.tools, dir), dir, sources, 'config');
  const file = join(dir, `config-${String(newest.number)}.block`);
  await fetchBlock(admin, sources, newest.number, file);
  return { file, number: newest.number, consenter: isConsenter(newest.config, node.name) };
}

/**
 * `consenter leave --name ordererN`, on the orderer's host once the channel adopted its
 * remove-consenter: drops the channel from the orderer (ledger and Raft log). Refused while the
 * channel still counts it as a consenter: that would take a member away from Raft's majority.
 */
export function leaveAsConsenter(ctx: NetworkContext, name: string): Promise<boolean> {
  const node = localOrderer(ctx, name);
  return withScratchDir(`leave-${name}`, async (dir) => {
    const newest = await newestConfigBlock(ctx, node, dir);
    if (newest.consenter) {
      throw new ConsenterStateError(
        'STILL_CONSENTER',
        name,
        `config block ${String(newest.number)} still counts ${name} as a consenter: adopt a remove-consenter first`,
      );
    }
    return leaveOrdererChannel(ctx, node);
  });
}

/**
 * `consenter rejoin --name ordererN`, on the orderer's host once the channel adopted its
 * add-consenter: joins the orderer with the channel's newest config block (osnadmin); it pulls the
 * blocks before it from the other orderers, then takes part in Raft. Waits until it knows a leader.
 * `joined` is false if the orderer held the channel already (it was not left: nothing changed).
 */
export function rejoinAsConsenter(
  ctx: NetworkContext,
  name: string,
): Promise<{ joined: boolean; configBlock: number }> {
  const node = localOrderer(ctx, name);
  return withScratchDir(`rejoin-${name}`, async (dir) => {
    const newest = await newestConfigBlock(ctx, node, dir);
    if (!newest.consenter) {
      throw new ConsenterStateError(
        'NOT_CONSENTER',
        name,
        `config block ${String(newest.number)} does not count ${name} as a consenter: adopt an add-consenter first`,
      );
    }
    const joined = await joinOrderer(ctx, node, newest.file);
    await waitForRaftLeader(ctx, [node]);
    return { joined, configBlock: newest.number };
  });
}
