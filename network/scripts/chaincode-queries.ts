/* What an org's own peer says about the chaincode's lifecycle: read-only, as the org's admin. */
import type { NetworkContext } from './context.ts';
import { decodePolicy, policyExpression, type ChaincodeDefinition } from './chaincode-definition.ts';
import { packageLabel } from './chaincode-package.ts';
import { CommandError } from './exec.ts';
import { peerCli } from './peer.ts';
import type { MemberPlan } from './topology.ts';

/** The committed definition, with the orgs that approved it. */
export interface CommittedDefinition extends ChaincodeDefinition {
  approvals: Record<string, boolean>;
}

/** The definition an org approved at one sequence, with the package its peers run for it. */
export interface ApprovedDefinition extends ChaincodeDefinition {
  packageId: string | undefined;
}

interface DefinitionJson {
  sequence: number;
  version: string;
  validation_parameter: string;
  approvals?: Record<string, boolean>;
  source?: { Type?: { LocalPackage?: { package_id?: string } } };
}

function definitionOf(json: DefinitionJson): ChaincodeDefinition {
  return { version: json.version, sequence: json.sequence, policy: decodePolicy(json.validation_parameter) };
}

/** `--channelID … --name … --version … --sequence … --signature-policy …` for the peer CLI. */
export function definitionArgs(ctx: NetworkContext, definition: ChaincodeDefinition): string[] {
  const { channel, chaincode } = ctx.topology.config;
  return [
    '--channelID',
    channel,
    '--name',
    chaincode.name,
    '--version',
    definition.version,
    '--sequence',
    String(definition.sequence),
    '--signature-policy',
    policyExpression(definition.policy),
  ];
}

export async function queryCommitted(
  ctx: NetworkContext,
  org: MemberPlan,
): Promise<CommittedDefinition | undefined> {
  const { channel, chaincode } = ctx.topology.config;
  try {
    const output = await peerCli(ctx, org, [
      'lifecycle',
      'chaincode',
      'querycommitted',
      '-C',
      channel,
      '-n',
      chaincode.name,
      '--output',
      'json',
    ]);
    const json = JSON.parse(output) as DefinitionJson;
    return { ...definitionOf(json), approvals: json.approvals ?? {} };
  } catch (error) {
    if (error instanceof CommandError && /not (be )?found|not defined/i.test(error.output)) return undefined;
    throw error;
  }
}

/** What the org approved at `sequence`, or undefined if it approved nothing there. */
export async function queryApproved(
  ctx: NetworkContext,
  org: MemberPlan,
  sequence: number,
): Promise<ApprovedDefinition | undefined> {
  const { channel, chaincode } = ctx.topology.config;
  try {
    const output = await peerCli(ctx, org, [
      'lifecycle',
      'chaincode',
      'queryapproved',
      '-C',
      channel,
      '-n',
      chaincode.name,
      '--sequence',
      String(sequence),
      '--output',
      'json',
    ]);
    const json = JSON.parse(output) as DefinitionJson;
    return { ...definitionOf(json), packageId: json.source?.Type?.LocalPackage?.package_id };
  } catch (error) {
    if (error instanceof CommandError && /could not fetch approved/i.test(error.output)) return undefined;
    throw error;
  }
}

/** Which member orgs approved exactly this definition (the next sequence only). */
export async function commitReadiness(
  ctx: NetworkContext,
  org: MemberPlan,
  definition: ChaincodeDefinition,
): Promise<Record<string, boolean>> {
  const output = await peerCli(ctx, org, [
    'lifecycle',
    'chaincode',
    'checkcommitreadiness',
    ...definitionArgs(ctx, definition),
    '--output',
    'json',
  ]);
  return (JSON.parse(output) as { approvals: Record<string, boolean> }).approvals;
}

/** The package ids installed on the org's peer. */
export async function installedPackages(ctx: NetworkContext, org: MemberPlan): Promise<string[]> {
  const output = await peerCli(ctx, org, ['lifecycle', 'chaincode', 'queryinstalled', '--output', 'json']);
  const body = JSON.parse(output || '{}') as { installed_chaincodes?: { package_id: string }[] };
  return (body.installed_chaincodes ?? []).map((item) => item.package_id);
}

/** The installed package of the build labelled `label`, if the org's peer has one. */
export async function installedPackage(
  ctx: NetworkContext,
  org: MemberPlan,
  label: string,
): Promise<string | undefined> {
  return (await installedPackages(ctx, org)).find((id) => packageLabel(id) === label);
}
