import type { ProcessReport } from './process-report.ts';
import { sampleValue } from './prometheus-text.ts';
import { knowsLeader, raftViewOf, type RaftView } from './raft-view.ts';
import type { NodeStatus } from './status.ts';

/**
 * Blocks a peer or orderer may be behind the highest ledger of the channel and still count as keeping
 * up: heights are read from each node one after the other while blocks are being cut.
 */
export const LEDGER_LAG_BLOCKS = 5;

/** What was seen of one Fabric process at one moment. */
export interface FabricSample {
  name: string;
  kind: NodeStatus['kind'];
  org: string;
  endpoint: string;
  log: string;
  pid: number | undefined;
  /** Its health endpoint answers ok (a chaincode server: its port accepts connections). */
  answers: boolean;
  /** A peer's or orderer's Prometheus metrics; undefined when they did not answer (METRICS_TIMEOUT_MS). */
  metrics?: string | undefined;
}

type Base = Omit<ProcessReport, 'state' | 'detail'>;

function peerReport(base: Base, height: number | undefined, highest: number, channel: string): ProcessReport {
  if (height === undefined) {
    return { ...base, state: 'UNHEALTHY', detail: `no ledger of channel "${channel}" (not joined?)` };
  }
  const behind = highest - height;
  return behind > LEDGER_LAG_BLOCKS
    ? { ...base, state: 'LAGGING', behind, detail: `height ${height} of ${highest}` }
    : { ...base, state: 'healthy', detail: `height ${height} (highest ${highest})` };
}

function ordererReport(
  base: Base,
  view: RaftView | undefined,
  leaders: string[],
  highest: number,
  channel: string,
): ProcessReport {
  if (view === undefined) {
    return { ...base, state: 'UNHEALTHY', detail: `no Raft metrics for channel "${channel}" (not joined?)` };
  }
  const withView = { ...base, raft: view };
  if (leaders.length === 0)
    return { ...withView, state: 'UNHEALTHY', detail: 'no Raft leader in the cluster' };
  if (view.isLeader && leaders.length > 1) {
    return { ...withView, state: 'UNHEALTHY', detail: `${leaders.join(' and ')} both claim the Raft lead` };
  }
  if (!knowsLeader(view)) {
    return { ...withView, state: 'UNHEALTHY', detail: `knows no Raft leader (${leaders.join(', ')} leads)` };
  }
  const role = view.isLeader
    ? `Raft leader, ${view.activeNodes} of ${view.clusterSize} active`
    : `follows ${leaders.join(', ')}`;
  const behind = highest - view.height;
  return behind > LEDGER_LAG_BLOCKS
    ? { ...withView, state: 'LAGGING', behind, detail: `height ${view.height} of ${highest}, ${role}` }
    : { ...withView, state: 'healthy', detail: `${role}, height ${view.height}` };
}

/**
 * Judges every Fabric process from one round of samples: alive, answering, and working. A peer or an
 * orderer keeps up when its ledger is at most LEDGER_LAG_BLOCKS below the highest of any of them; an
 * orderer works when the cluster has one Raft leader and it follows that leader.
 */
export function reportFabric(samples: readonly FabricSample[], channel: string): ProcessReport[] {
  const live = samples.filter((sample) => sample.pid !== undefined && sample.answers);
  const views = new Map(
    live
      .filter((sample) => sample.kind === 'orderer' && sample.metrics !== undefined)
      .map((sample) => [sample.name, raftViewOf(sample.metrics ?? '', channel)]),
  );
  const peerHeights = new Map(
    live
      .filter((sample) => sample.kind === 'peer' && sample.metrics !== undefined)
      .map((sample) => [
        sample.name,
        sampleValue(sample.metrics ?? '', 'ledger_blockchain_height', { channel }),
      ]),
  );
  const heights = [...peerHeights.values(), ...[...views.values()].map((view) => view?.height)];
  const highest = Math.max(0, ...heights.filter((height) => height !== undefined));
  const leaders = [...views].filter(([, view]) => view?.isLeader === true).map(([name]) => name);

  return samples.map((sample): ProcessReport => {
    const { name, kind, org, endpoint, pid, log } = sample;
    const base: Base = { name, kind, org, endpoint, pid, log };
    if (pid === undefined) return { ...base, state: 'STOPPED', detail: 'not running' };
    if (!sample.answers) {
      const what = kind === 'chaincode' ? 'its port is closed' : 'its health endpoint does not answer';
      return { ...base, state: 'UNHEALTHY', detail: what };
    }
    if ((kind === 'peer' || kind === 'orderer') && sample.metrics === undefined) {
      return { ...base, state: 'UNHEALTHY', detail: 'its metrics do not answer' };
    }
    if (kind === 'peer') return peerReport(base, peerHeights.get(name), highest, channel);
    if (kind === 'orderer') return ordererReport(base, views.get(name), leaders, highest, channel);
    return { ...base, state: 'healthy', detail: kind === 'chaincode' ? 'port open' : 'health endpoint ok' };
  });
}
