import {
  chaincodeProcessName,
  peerProcessName,
  type MemberPlan,
  type NetworkContext,
  type UnitSpec,
} from '@scf/network';
import { nodeProcessName, nodeProcessSpec, portalProcessName, portalProcessSpec } from './node-processes.ts';

/**
 * The org's node API (which runs and restarts its embedded PostgreSQL itself) and portal as systemd
 * units, with the environment `npm start` gives them: the node API after the org's CA, peer and
 * chaincode server, the portal after the node API. Enrolls the node's service identity if needed.
 */
export async function nodeUnits(ctx: NetworkContext, member: MemberPlan): Promise<UnitSpec[]> {
  const api = nodeProcessName(member.name);
  return [
    {
      name: api,
      description: `node API of ${member.name}, with its embedded PostgreSQL`,
      spec: await nodeProcessSpec(ctx, member),
      after: [member.ca.name, peerProcessName(member), chaincodeProcessName(member)],
    },
    {
      name: portalProcessName(member.name),
      description: `portal of ${member.name}`,
      spec: portalProcessSpec(member),
      after: [api],
    },
  ];
}
