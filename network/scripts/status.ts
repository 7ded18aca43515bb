import { caProcessName } from './ca.ts';
import { chaincodeProcessName, chaincodeServerExpected } from './chaincode.ts';
import { isFounding } from './config.ts';
import type { NetworkContext } from './context.ts';
import { healthUrl, httpOk, tcpOpen } from './health.ts';
import { endpoint, localAddress } from './hosts.ts';
import { ordererProcessName } from './orderer.ts';
import { peerProcessName } from './peer.ts';
import { knownProcesses, runningPid } from './processes.ts';
import type { MemberPlan } from './topology.ts';

export interface NodeStatus {
  name: string;
  kind: 'ca' | 'orderer' | 'peer' | 'chaincode';
  endpoint: string;
  pid: number | undefined;
  healthy: boolean;
}

/** How to look at one Fabric process: its health endpoint (or port), and its metrics page if it has one. */
export interface FabricProbe {
  name: string;
  kind: NodeStatus['kind'];
  org: string;
  endpoint: string;
  check: () => Promise<boolean>;
  /** Peers and orderers: their Prometheus metrics (ledger height, Raft). */
  metricsUrl?: string;
}

/** This state folder's Fabric processes (local-nodes.ts), and how to look at each. */
function probes(ctx: NetworkContext, withChaincode: (org: MemberPlan) => boolean): FabricProbe[] {
  const { members, orderers: ordererNodes, cas: caNodes } = ctx.local;
  const ops = (host: string, port: number): string => `http://${endpoint(localAddress(host), port)}`;
  const cas = caNodes.map((ca): FabricProbe => ({
    name: caProcessName(ca),
    kind: 'ca',
    org: ca.org,
    endpoint: endpoint(ca.host, ca.port),
    check: () => httpOk(healthUrl(localAddress(ca.listenHost), ca.opsPort)),
  }));
  const orderers = ordererNodes.map((node): FabricProbe => ({
    name: ordererProcessName(node),
    kind: 'orderer',
    org: ctx.topology.ordererOrg.name,
    endpoint: endpoint(node.host, node.port),
    check: () => httpOk(healthUrl(localAddress(node.listenHost), node.opsPort)),
    metricsUrl: `${ops(node.listenHost, node.opsPort)}/metrics`,
  }));
  const peers = members.map((org): FabricProbe => ({
    name: peerProcessName(org),
    kind: 'peer',
    org: org.name,
    endpoint: endpoint(org.peer.host, org.peer.port),
    check: () => httpOk(healthUrl(localAddress(org.peer.listenHost), org.peer.opsPort)),
    metricsUrl: `${ops(org.peer.listenHost, org.peer.opsPort)}/metrics`,
  }));
  const servers = members.filter(withChaincode).map((org): FabricProbe => ({
    name: chaincodeProcessName(org),
    kind: 'chaincode',
    org: org.name,
    endpoint: endpoint(org.peer.host, org.peer.chaincodeServerPort),
    check: () => tcpOpen(localAddress(org.peer.listenHost), org.peer.chaincodeServerPort),
  }));
  return [...cas, ...orderers, ...peers, ...servers];
}

/**
 * The Fabric processes of the plan that this state folder has started at least once (none if it has
 * started nothing, or `down` stopped everything). Chaincode servers count once the chaincode was
 * deployed here (they stay part of the network after `down`, which removes their pid files), or
 * always with `chaincode: true`.
 */
export function fabricProbes(ctx: NetworkContext, options: { chaincode?: boolean } = {}): FabricProbe[] {
  const known = new Set(knownProcesses(ctx.paths));
  if (known.size === 0) return [];
  const withChaincode = (org: MemberPlan): boolean =>
    (options.chaincode === true && isFounding(org)) ||
    known.has(chaincodeProcessName(org)) ||
    chaincodeServerExpected(ctx, org);
  return probes(ctx, withChaincode);
}

/**
 * Health of every Fabric node (see fabricProbes): its process is alive and its operations endpoint
 * (or, for chaincode servers, its port) answers. `status` looks further (fabric-status.ts).
 */
export async function nodeStatuses(
  ctx: NetworkContext,
  options: { chaincode?: boolean } = {},
): Promise<NodeStatus[]> {
  return Promise.all(
    fabricProbes(ctx, options).map(async (probe) => {
      const pid = runningPid(ctx.paths, probe.name);
      const healthy = pid !== undefined && (await probe.check());
      return { name: probe.name, kind: probe.kind, endpoint: probe.endpoint, pid, healthy };
    }),
  );
}
