import { caProcessName, caProcessSpec } from './ca.ts';
import { chaincodeProcessName, chaincodeServerSpec } from './chaincode.ts';
import type { NetworkContext } from './context.ts';
import { ordererProcessName, ordererProcessSpec } from './orderer.ts';
import { peerProcessName, peerProcessSpec } from './peer.ts';
import type { UnitSpec } from './systemd-unit.ts';
import { findOrg } from './topology.ts';

/**
 * The Fabric processes of one org's node as systemd units, with the process specs `up` starts them
 * from: for a member its CA, peer (after the CA) and chaincode server (after the peer; the command it
 * last ran with here, so the chaincode must have been deployed); for the orderer org its CA and
 * orderers, those this state folder runs. Writes the peer's generated core.yaml, as a start does.
 */
export function fabricUnits(ctx: NetworkContext, orgName: string): UnitSpec[] {
  const org = findOrg(ctx.topology, orgName);
  const ca = caProcessName(org.ca);
  const caUnit: UnitSpec = {
    name: ca,
    description: `Fabric CA of ${org.name}`,
    spec: caProcessSpec(ctx, org.ca),
    after: [],
  };
  if ('orderers' in org) {
    // A host of the ordering org may run its CA, some of its orderers, or both (local-nodes.ts).
    const withCa = ctx.local.cas.includes(org.ca);
    return [
      ...(withCa ? [caUnit] : []),
      ...ctx.local.orderers.map((node) => ({
        name: ordererProcessName(node),
        description: `Raft orderer ${node.name}`,
        spec: ordererProcessSpec(ctx, node),
        after: withCa ? [ca] : [],
      })),
    ];
  }
  const peer = peerProcessName(org);
  return [
    caUnit,
    { name: peer, description: `peer of ${org.name}`, spec: peerProcessSpec(ctx, org), after: [ca] },
    {
      name: chaincodeProcessName(org),
      description: `chaincode server of ${org.name}`,
      spec: chaincodeServerSpec(ctx, org),
      after: [peer],
    },
  ];
}
