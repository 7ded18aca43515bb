import { endpoint, localAddress } from './hosts.ts';
import type { MemberPlan } from './topology.ts';

/**
 * One channel's value of a Prometheus metric on the org's peer (its operations endpoint, reached
 * on the peer's own host): undefined if the peer does not answer or has no such line yet. Unlike
 * the peer's gRPC queries, which a channel's ACLs guard, the metrics answer while a peer that just
 * joined still replays blocks from before its org was a member.
 */
export async function peerMetric(
  org: MemberPlan,
  metric: string,
  channel: string,
): Promise<number | undefined> {
  try {
    const ops = endpoint(localAddress(org.peer.listenHost), org.peer.opsPort);
    const response = await fetch(`http://${ops}/metrics`, { signal: AbortSignal.timeout(1000) });
    const text = await response.text();
    const line = text.split('\n').find((row) => row.startsWith(`${metric}{channel="${channel}"}`));
    return line === undefined ? undefined : Number(line.split(' ').pop());
  } catch {
    return undefined;
  }
}
