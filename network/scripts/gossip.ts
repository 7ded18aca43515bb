import { START_TIMEOUT_MS, type NetworkContext } from './context.ts';
import { waitFor } from './health.ts';
import { peerMetric } from './peer-metrics.ts';
import { foundingMembers, type MemberPlan } from './topology.ts';

/** How many other peers `org`'s peer knows on the channel, from its Prometheus metrics. */
export async function knownPeers(org: MemberPlan, channel: string): Promise<number> {
  return (await peerMetric(org, 'gossip_membership_total_peers_known', channel)) ?? 0;
}

/**
 * Waits until each of `peers` knows `needed` other peers on the channel through gossip: by default
 * every founding org's peer knows every other one. Until then service discovery, and so the gateway,
 * cannot find endorsers for a policy that needs several orgs. A joining org's peer is not waited for:
 * it is not in the channel until `join`.
 */
export async function waitForGossip(
  ctx: NetworkContext,
  peers: MemberPlan[] = foundingMembers(ctx.topology),
  needed = peers.length - 1,
): Promise<void> {
  const { config } = ctx.topology;
  await Promise.all(
    peers.map((org) =>
      waitFor(
        `gossip membership of ${org.peer.name}`,
        async () => (await knownPeers(org, config.channel)) >= needed,
        START_TIMEOUT_MS,
      ),
    ),
  );
}
