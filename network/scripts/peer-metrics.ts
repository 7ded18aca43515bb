import { endpoint, localAddress } from './hosts.ts';
import { samplesOf, type Sample } from './prometheus-text.ts';
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
  const samples = await peerMetricSamples(org, metric);
  return samples.find((sample) => sample.labels.size === 1 && sample.labels.get('channel') === channel)
    ?.value;
}

/** Every sample of a metric on the org's peer (its operations endpoint); none if the peer does not answer. */
export async function peerMetricSamples(org: MemberPlan, metric: string): Promise<Sample[]> {
  try {
    const ops = endpoint(localAddress(org.peer.listenHost), org.peer.opsPort);
    const response = await fetch(`http://${ops}/metrics`, { signal: AbortSignal.timeout(1000) });
    return samplesOf(await response.text(), metric);
  } catch {
    return [];
  }
}
