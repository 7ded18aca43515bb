import { joinChannel } from './channel-join.ts';
import { ConfigError } from './config.ts';
import type { NetworkContext } from './context.ts';

export const JOIN_USAGE = `  join      join --org ORG [--orderer-definition FILE]: ORG (a member the consortium added by an
            add-org proposal) joins its peer to the channel from the genesis block, fetched from an
            orderer named in the ordering org's definition file (default: the consortium folder's),
            and waits until its peer has every block the orderers have`;

/** `npm run network -- join --org ORG`: prints progress as blocks behind, then the time it took. */
export async function joinCommand(
  ctx: NetworkContext,
  options: { org?: string | undefined; 'orderer-definition'?: string | undefined },
): Promise<number> {
  const { org } = options;
  if (!org) throw new ConfigError('join needs --org NAME (the joining org)');
  let lastReport = 0;
  const joined = await joinChannel(ctx, org, {
    ordererDefinition: options['orderer-definition'],
    onProgress: ({ height, target }) => {
      // One line a second at most: a long ledger moves by hundreds of blocks between polls.
      if (height < target && Date.now() - lastReport < 1000) return;
      lastReport = Date.now();
      ctx.log(`${org}: block ${String(height)} of ${String(target)} (${String(target - height)} behind)`);
    },
  });
  const blocks = joined.height - joined.startHeight;
  process.stdout.write(
    `${org} ${joined.joined ? 'joined' : 'was in'} channel "${ctx.topology.config.channel}"; its peer holds ` +
      `${String(joined.height)} blocks (caught up ${String(blocks)} after the join) in ` +
      `${(joined.ms / 1000).toFixed(1)}s\n`,
  );
  return 0;
}
