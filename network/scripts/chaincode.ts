import { isFounding } from './config.ts';
import { approveChaincode, commitChaincode, installChaincode } from './chaincode-lifecycle.ts';
import { chaincodeLabel } from './chaincode-package.ts';
import { queryCommitted } from './chaincode-queries.ts';
import { chaincodeServerExpected, runServer, waitForChaincode } from './chaincode-server.ts';
import type { NetworkContext } from './context.ts';
import { endpoint } from './hosts.ts';
import type { MemberPlan } from './topology.ts';
import { tlsRootFile } from './trust-roots.ts';

export { chaincodeLabel, packageId } from './chaincode-package.ts';
export {
  chaincodeProcessName,
  chaincodeServerExpected,
  chaincodeServerSpec,
  ensureChaincodeServer,
  waitForChaincode,
} from './chaincode-server.ts';

export interface DeployResult {
  label: string;
  sequence: number;
  /** False when the same chaincode was already committed. */
  committed: boolean;
}

/**
 * The orgs of this state folder that run the chaincode: the founding members, and an org that
 * joined later once it has run its chaincode server here.
 */
export function chaincodeOrgs(ctx: NetworkContext): MemberPlan[] {
  return ctx.local.members.filter((org) => isFounding(org) || chaincodeServerExpected(ctx, org));
}

/**
 * The one-box deployment, made of the per-org lifecycle steps each org runs on its own node: every
 * org installs the build and runs its server, approves the definition (the next sequence if the
 * build or the member orgs changed), the first org commits once they all have, and every org's
 * server then runs the committed definition's package.
 */
export async function deployChaincode(
  ctx: NetworkContext,
  label = chaincodeLabel(ctx.topology.config.chaincode.name),
): Promise<DeployResult> {
  const orgs = chaincodeOrgs(ctx);
  const [first] = orgs;
  if (!first) throw new Error('no member org');
  // One box: every org's peer has the same channel, so the first org's answer on what is committed
  // is each org's; what a step learnt is handed to the next instead of asked of the peers again.
  const before = await queryCommitted(ctx, first);
  const steps = await Promise.all(
    orgs.map(async (org) => ({
      org,
      installed: await installChaincode(ctx, org, label, { committed: before }),
    })),
  );
  const approvals = await Promise.all(
    steps.map(({ org, installed }) =>
      approveChaincode(ctx, org, { label, known: { committed: before, installed } }),
    ),
  );
  const sequence = approvals[0]?.definition.sequence ?? 0;
  const committed = sequence !== before?.sequence;
  if (committed) await commitChaincode(ctx, first);
  // Servers switch to the new package only now: until the commit, peers still expect the old one.
  // Each org approved the committed definition with the package it just installed.
  await Promise.all(steps.map(({ org, installed }) => runServer(ctx, org, installed.packageId)));
  await Promise.all(orgs.map((org) => waitForChaincode(ctx, org)));
  return { label, sequence, committed };
}

/** Where the peer CLI sends transactions: the first orderer, over TLS. */
export function ordererArgs(ctx: NetworkContext): string[] {
  const orderer = ctx.topology.ordererOrg;
  const first = orderer.orderers[0];
  if (!first) throw new Error('no orderer in the topology');
  return ['-o', endpoint(first.host, first.port), '--tls', '--cafile', tlsRootFile(ctx, orderer.name)];
}
