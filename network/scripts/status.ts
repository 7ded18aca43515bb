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

interface Probe {
  name: string;
  kind: NodeStatus['kind'];
  endpoint: string;
  check: () => Promise<boolean>;
}

function probes(ctx: NetworkContext, withChaincode: (org: MemberPlan) => boolean): Probe[] {
  const { members, ordererOrg } = ctx.topology;
  const cas = [...members, ordererOrg].map((org): Probe => ({
    name: caProcessName(org.ca),
    kind: 'ca',
    endpoint: endpoint(org.ca.host, org.ca.port),
    check: () => httpOk(healthUrl(localAddress(org.ca.listenHost), org.ca.opsPort)),
  }));
  const orderers = ordererOrg.orderers.map((node): Probe => ({
    name: ordererProcessName(node),
    kind: 'orderer',
    endpoint: endpoint(node.host, node.port),
    check: () => httpOk(healthUrl(localAddress(node.listenHost), node.opsPort)),
  }));
  const peers = members.map((org): Probe => ({
    name: peerProcessName(org),
    kind: 'peer',
    endpoint: endpoint(org.peer.host, org.peer.port),
    check: () => httpOk(healthUrl(localAddress(org.peer.listenHost), org.peer.opsPort)),
  }));
  const servers = members.filter(withChaincode).map((org): Probe => ({
    name: chaincodeProcessName(org),
    kind: 'chaincode',
    endpoint: endpoint(org.peer.host, org.peer.chaincodeServerPort),
    check: () => tcpOpen(localAddress(org.peer.listenHost), org.peer.chaincodeServerPort),
  }));
  return [...cas, ...orderers, ...peers, ...servers];
}

/**
 * Health of every node of the plan that this state folder has started at least once: its process
 * is alive and its operations endpoint (or, for chaincode servers, its port) answers. Chaincode
 * servers count once the chaincode was deployed here (they stay part of the network after `down`,
 * which removes their pid files), or always with `chaincode: true` (a founding org's).
 */
export async function nodeStatuses(
  ctx: NetworkContext,
  options: { chaincode?: boolean } = {},
): Promise<NodeStatus[]> {
  const known = new Set(knownProcesses(ctx.paths));
  if (known.size === 0) return [];
  const withChaincode = (org: MemberPlan): boolean =>
    (options.chaincode === true && isFounding(org)) ||
    known.has(chaincodeProcessName(org)) ||
    chaincodeServerExpected(ctx, org);
  return Promise.all(
    probes(ctx, withChaincode).map(async (probe) => {
      const pid = runningPid(ctx.paths, probe.name);
      const healthy = pid !== undefined && (await probe.check());
      return { name: probe.name, kind: probe.kind, endpoint: probe.endpoint, pid, healthy };
    }),
  );
}
