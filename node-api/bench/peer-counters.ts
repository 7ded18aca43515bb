import { peerMetricSamples, type NetworkContext } from '@scf/network';

/** What every member's peer has counted so far, summed over the peers. */
export interface PeerCounters {
  /** Proposals the peers endorsed (Fabric's `endorser_successful_proposals`). */
  endorsements: number;
  /** The chaincode's requests to the peers by type: GET_STATE, PUT_STATE, GET_STATE_METADATA, … */
  shim: Map<string, number>;
}

export async function peerCounters(ctx: NetworkContext): Promise<PeerCounters> {
  const { chaincode } = ctx.topology.config;
  const counters: PeerCounters = { endorsements: 0, shim: new Map() };
  await Promise.all(
    ctx.topology.members.map(async (org) => {
      for (const { value } of await peerMetricSamples(org, 'endorser_successful_proposals')) {
        counters.endorsements += value;
      }
      for (const { labels, value } of await peerMetricSamples(org, 'chaincode_shim_requests_received')) {
        const type = labels.get('type');
        if (type === undefined || !(labels.get('chaincode') ?? '').startsWith(chaincode.name)) continue;
        counters.shim.set(type, (counters.shim.get(type) ?? 0) + value);
      }
    }),
  );
  return counters;
}

/**
 * The peers' work between two counts per transaction: how many peers endorsed it, and the chaincode's
 * requests to them (on every endorsing peer), largest first, e.g. "GET_STATE 6.0, PUT_STATE 1.5".
 */
export function peerWorkPerTransaction(
  before: PeerCounters,
  after: PeerCounters,
  transactions: number,
): { endorsements: string; shim: string } {
  const shim = [...after.shim]
    .map(([type, count]) => [type, (count - (before.shim.get(type) ?? 0)) / transactions] as const)
    .filter(([, perTx]) => perTx > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([type, perTx]) => `${type} ${perTx.toFixed(1)}`)
    .join(', ');
  return { endorsements: ((after.endorsements - before.endorsements) / transactions).toFixed(1), shim };
}
