import { describePolicy, type ChaincodeDefinition } from './chaincode-definition.ts';
import { wantedDefinition } from './chaincode-lifecycle.ts';
import { chaincodeLabel } from './chaincode-package.ts';
import {
  commitReadiness,
  installedPackages,
  queryCommitted,
  type CommittedDefinition,
} from './chaincode-queries.ts';
import { serverPackageId } from './chaincode-server.ts';
import { ruleThreshold } from './channel-policy.ts';
import type { NetworkContext } from './context.ts';
import { withMemberChannel } from './member-channel.ts';

/** The chaincode's lifecycle as one member org sees it from its own node. */
export interface ChaincodeStatus {
  mspId: string;
  /** The channel's member orgs in its newest config. */
  members: string[];
  committed: CommittedDefinition | undefined;
  /** The definition this build wants on the channel as it is (the committed one if up to date). */
  wanted: ChaincodeDefinition;
  /** For a wanted next sequence: which member orgs approved it so far. */
  pendingApprovals: Record<string, boolean> | undefined;
  installed: string[];
  /** The package the org's chaincode server was last started with. */
  running: string | undefined;
}

export async function chaincodeStatus(ctx: NetworkContext, orgName: string): Promise<ChaincodeStatus> {
  const { config } = ctx.topology;
  return withMemberChannel(ctx, orgName, async (channel) => {
    const { org } = channel;
    const members = channel.members.map((item) => item.mspId);
    const committed = await queryCommitted(ctx, org);
    const label = chaincodeLabel(config.chaincode.name);
    const wanted = wantedDefinition(committed, label, members, config.chaincode.endorsingOrgs);
    const pending = wanted.sequence === committed?.sequence ? undefined : wanted;
    return {
      mspId: org.mspId,
      members,
      committed,
      wanted,
      pendingApprovals: pending && (await commitReadiness(ctx, org, pending)),
      installed: await installedPackages(ctx, org),
      running: serverPackageId(ctx, org),
    };
  });
}

function approvalLine(members: string[], approvals: Record<string, boolean>): string {
  const count = members.filter((mspId) => approvals[mspId] === true).length;
  const each = members.map((mspId) => `${mspId} ${approvals[mspId] === true ? 'yes' : 'no'}`).join(', ');
  return `${String(count)} of ${String(members.length)} (a commit needs ${String(ruleThreshold('MAJORITY', members.length))}): ${each}`;
}

const definitionLine = (definition: ChaincodeDefinition): string =>
  `sequence ${String(definition.sequence)}, ${definition.version}, endorsement ${describePolicy(definition.policy)}`;

/** The status as the `chaincode status` command prints it. */
export function formatChaincodeStatus(status: ChaincodeStatus): string {
  const { committed, wanted, members } = status;
  const lines = [
    `as ${status.mspId}; member orgs of the channel: ${members.join(', ')}`,
    committed ? `committed:   ${definitionLine(committed)}` : 'committed:   nothing yet',
    ...(committed ? [`  approvals: ${approvalLine(members, committed.approvals)}`] : []),
    status.pendingApprovals
      ? `next:        ${definitionLine(wanted)} (this build, the current member orgs)`
      : 'next:        none: the committed definition is this build with a policy over the current member orgs',
    ...(status.pendingApprovals ? [`  approvals: ${approvalLine(members, status.pendingApprovals)}`] : []),
    `installed:   ${status.installed.length > 0 ? status.installed.join(', ') : 'nothing'}`,
    `server runs: ${status.running ?? 'nothing (run chaincode install)'}`,
  ];
  return `${lines.join('\n')}\n`;
}
