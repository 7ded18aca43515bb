import { httpGet } from './health.ts';
import { endpoint, localAddress } from './hosts.ts';
import { sampleValue } from './prometheus-text.ts';
import type { OrdererNode } from './topology.ts';

/** One orderer's view of a channel's Raft cluster, from its Prometheus metrics. */
export interface RaftView {
  isLeader: boolean;
  /**
   * Consenters it counts as active. Fabric's etcdraft sets it to 0 on every tick while the node knows
   * no leader, and to the leader's count once it hears from one: the sign that it follows a leader.
   */
  activeNodes: number;
  clusterSize: number;
  /** Leaders this orderer has seen since it started: 0 until it takes part in the cluster. */
  leaderChanges: number;
  /** Raft steps it has written to its log: a live member writes several per second. */
  steps: number;
  /** Blocks in its copy of the channel's ledger. */
  height: number;
}

/** The view from an orderer's /metrics text; undefined if it does not serve the channel (not joined). */
export function raftViewOf(metrics: string, channel: string): RaftView | undefined {
  const labels = { channel };
  const metric = (name: string): number | undefined => sampleValue(metrics, name, labels);
  const clusterSize = metric('consensus_etcdraft_cluster_size');
  if (clusterSize === undefined) return undefined;
  return {
    isLeader: metric('consensus_etcdraft_is_leader') === 1,
    activeNodes: metric('consensus_etcdraft_active_nodes') ?? 0,
    clusterSize,
    leaderChanges: metric('consensus_etcdraft_leader_changes') ?? 0,
    steps: metric('consensus_etcdraft_data_persist_duration_count') ?? 0,
    height: metric('ledger_blockchain_height') ?? 0,
  };
}

/** Whether the orderer follows (or is) a Raft leader. */
export function knowsLeader(view: RaftView): boolean {
  return view.isLeader || view.activeNodes > 0;
}

/** The orderer's metrics page, or undefined when its operations endpoint does not answer. */
export async function ordererMetrics(node: OrdererNode): Promise<string | undefined> {
  const answer = await httpGet(`http://${endpoint(localAddress(node.listenHost), node.opsPort)}/metrics`);
  return answer?.status === 200 ? answer.body : undefined;
}

export async function raftView(node: OrdererNode, channel: string): Promise<RaftView | undefined> {
  const metrics = await ordererMetrics(node);
  return metrics === undefined ? undefined : raftViewOf(metrics, channel);
}
