import { START_TIMEOUT_MS, type NetworkContext } from './context.ts';
import { waitFor } from './health.ts';
import { endpoint, localAddress } from './hosts.ts';
import type { MemberPlan } from './topology.ts';

/** How many other peers `org`'s peer knows on the channel, from its Prometheus metrics. */
export async function knownPeers(org: MemberPlan, channel: string): Promise<number> {
  try {
    const ops = endpoint(localAddress(org.peer.listenHost), org.peer.opsPort);
    const response = await fetch(`http://${ops}/metrics`, {
      signal: AbortSignal.timeout(1000),
    });
    const text = await response.text();
    const line = text
      .split('\n')
      .find((row) => row.startsWith(`gossip_membership_total_peers_known{channel="${channel}"}`));
    return line === undefined ? 0 : Number(line.split(' ').pop());
  } catch {
    return 0;
  }
}

/**
 * Waits until every peer knows every other org's peer through gossip. Until then service discovery,
 * and so the gateway, cannot find endorsers for a policy that needs several orgs.
 */
export async function waitForGossip(ctx: NetworkContext): Promise<void> {
  const { members, config } = ctx.topology;
  await Promise.all(
    members.map((org) =>
      waitFor(
        `gossip membership of ${org.peer.name}`,
        async () => (await knownPeers(org, config.channel)) >= members.length - 1,
        START_TIMEOUT_MS,
      ),
    ),
  );
}
