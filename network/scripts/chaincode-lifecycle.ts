/*
 * Fabric's chaincode lifecycle as each member org runs it on its own node, with its own admin and
 * peer and the channel's public config: install (and run its server), approve for its org, commit
 * once a majority of member orgs approved. The one-box `deploy` calls the same steps for each org.
 */
import { ruleThreshold } from './channel-policy.ts';
import { peerTargets } from './channel-members.ts';
import {
  memberPolicy,
  sameDefinition,
  samePolicy,
  type ChaincodeDefinition,
} from './chaincode-definition.ts';
import { buildPackage, chaincodeLabel, packageId } from './chaincode-package.ts';
import {
  commitReadiness,
  definitionArgs,
  installedPackage,
  installedPackages,
  queryApproved,
  queryCommitted,
  type CommittedDefinition,
} from './chaincode-queries.ts';
import { runServer } from './chaincode-server.ts';
import type { NetworkContext } from './context.ts';
import { withMemberChannel } from './member-channel.ts';
import { writeWaitingForCommit } from './commit-wait.ts';
import { peerCli } from './peer.ts';
import { findMember, type MemberPlan } from './topology.ts';

/** The org's peer lacks the package a definition names: install this build first. */
export class ChaincodeNotInstalledError extends Error {
  constructor(org: MemberPlan, version: string) {
    super(
      `${org.peer.name} has no package of ${version} installed: run \`npm run network -- chaincode install ` +
        `--org ${org.name}\` with that chaincode build first`,
    );
    this.name = ChaincodeNotInstalledError.name;
  }
}

/** `approve --current` or a join before the chaincode was ever committed. */
export class NothingCommittedError extends Error {
  constructor(channel: string, name: string) {
    super(`chaincode "${name}" has no committed definition on channel "${channel}" to approve`);
    this.name = NothingCommittedError.name;
  }
}

/** Commit asked of an org that approved no definition at the next sequence. */
export class NotApprovedError extends Error {
  readonly sequence: number;

  constructor(mspId: string, sequence: number) {
    super(
      `${mspId} approved no definition at sequence ${String(sequence)}: run chaincode approve first ` +
        '(the committing org commits what it approved itself)',
    );
    this.name = NotApprovedError.name;
    this.sequence = sequence;
  }
}

/** Fewer member orgs than a majority approved the definition: the commit would not be endorsed. */
export class CommitNotReadyError extends Error {
  readonly approvedBy: string[];
  readonly members: string[];
  readonly needed: number;

  constructor(definition: ChaincodeDefinition, approvedBy: string[], members: string[], needed: number) {
    const waiting = members.filter((mspId) => !approvedBy.includes(mspId));
    super(
      `sequence ${String(definition.sequence)} (${definition.version}) is approved by ` +
        `${approvedBy.length > 0 ? approvedBy.join(', ') : 'nobody'}: ${String(approvedBy.length)} of ` +
        `${String(members.length)} member orgs; a commit needs ${String(needed)} (a majority). ` +
        `Not yet approved by: ${waiting.join(', ')}`,
    );
    this.name = CommitNotReadyError.name;
    this.approvedBy = approvedBy;
    this.members = members;
    this.needed = needed;
  }
}

export interface Installed {
  label: string;
  packageId: string;
  /** False if the peer had the package already. */
  installed: boolean;
  /** The package the org's chaincode server runs now, if any. */
  running: string | undefined;
}

export interface Approval {
  definition: ChaincodeDefinition;
  /** False if the org had approved that very definition already. */
  approved: boolean;
}

export interface Commit {
  definition: ChaincodeDefinition;
  approvedBy: string[];
}

function member(ctx: NetworkContext, org: MemberPlan | string): MemberPlan {
  return typeof org === 'string' ? findMember(ctx.topology, org) : org;
}

/**
 * Runs the org's chaincode server for the package its peer launches: the one the org approved for
 * the committed definition (else that definition's package, if installed here: the org is about to
 * approve it); before any commit, the package of `label`. Returns the package id run, if any.
 */
export async function runChaincode(
  ctx: NetworkContext,
  orgOrName: MemberPlan | string,
  label = chaincodeLabel(ctx.topology.config.chaincode.name),
  known: KnownState = {},
): Promise<string | undefined> {
  const org = member(ctx, orgOrName);
  const committed = await committedOf(ctx, org, known);
  const approved = committed && (await queryApproved(ctx, org, committed.sequence));
  const id = approved?.packageId ?? (await packageOf(ctx, org, committed ? committed.version : label, known));
  if (id === undefined) {
    ctx.log(`${org.name}: no installed package of ${committed?.version ?? label} to run`);
    return undefined;
  }
  await runServer(ctx, org, id);
  return id;
}

/**
 * What a caller already asked the org's peer, so that a step need not ask again: the committed
 * definition (undefined: none), the package of a label it installed.
 */
export interface KnownState {
  committed?: CommittedDefinition | undefined;
  installed?: { label: string; packageId: string };
}

/** The channel's committed definition: as the caller knows it, or as the org's peer says. */
async function committedOf(
  ctx: NetworkContext,
  org: MemberPlan,
  known: KnownState,
): Promise<CommittedDefinition | undefined> {
  return 'committed' in known ? known.committed : queryCommitted(ctx, org);
}

/** The id of the package of `version` on the org's peer: the one the caller installed, or the peer's. */
async function packageOf(
  ctx: NetworkContext,
  org: MemberPlan,
  version: string,
  known: KnownState,
): Promise<string | undefined> {
  return known.installed?.label === version ? known.installed.packageId : installedPackage(ctx, org, version);
}

/**
 * Builds the org's chaincode-as-a-service package of `label`, installs it on its peer, runs its server.
 * `known.committed` is the channel's committed definition if the caller has asked for it already.
 */
export async function installChaincode(
  ctx: NetworkContext,
  orgOrName: MemberPlan | string,
  label = chaincodeLabel(ctx.topology.config.chaincode.name),
  known: Pick<KnownState, 'committed'> = {},
): Promise<Installed> {
  const org = member(ctx, orgOrName);
  const file = await buildPackage(ctx, org, label);
  const id = packageId(label, file);
  const fresh = !(await installedPackages(ctx, org)).includes(id);
  if (fresh) {
    await peerCli(ctx, org, ['lifecycle', 'chaincode', 'install', file]);
    ctx.log(`chaincode ${label} installed on ${org.peer.name}`);
  }
  const running = await runChaincode(ctx, org, label, { ...known, installed: { label, packageId: id } });
  return { label, packageId: id, installed: fresh, running };
}

/**
 * The definition an org wants for build `label` on the channel as it is: the committed one if it
 * already is that build with a policy over the current member orgs, else the next sequence.
 */
export function wantedDefinition(
  committed: ChaincodeDefinition | undefined,
  label: string,
  members: string[],
  endorsingOrgs: number,
): ChaincodeDefinition {
  const policy = memberPolicy(members, endorsingOrgs);
  if (committed?.version === label && samePolicy(committed.policy, policy)) return committed;
  return { version: label, sequence: (committed?.sequence ?? 0) + 1, policy };
}

export interface ApproveOptions {
  /** Approve the committed definition as it is, at its sequence (an org that just joined). */
  current?: boolean;
  label?: string;
  /** What the caller already asked the org's peer (the committed definition, the package it installed). */
  known?: KnownState;
}

/**
 * Approves a definition for the org with its admin, naming the package its peer runs: the
 * committed one as it is with `current`, else the definition of `label` whose endorsement policy
 * is derived from the channel's member orgs in its newest config (the next sequence if that
 * differs from the committed one). Approving again what the org approved already does nothing.
 */
export async function approveChaincode(
  ctx: NetworkContext,
  orgOrName: MemberPlan | string,
  options: ApproveOptions = {},
): Promise<Approval> {
  const org = member(ctx, orgOrName);
  const { config } = ctx.topology;
  const known = options.known ?? {};
  return withMemberChannel(ctx, org.name, async (channel) => {
    const committed = await committedOf(ctx, org, known);
    let definition: ChaincodeDefinition;
    if (options.current === true) {
      if (!committed) throw new NothingCommittedError(config.channel, config.chaincode.name);
      definition = { version: committed.version, sequence: committed.sequence, policy: committed.policy };
    } else {
      const label = options.label ?? chaincodeLabel(config.chaincode.name);
      const members = channel.members.map((item) => item.mspId);
      definition = wantedDefinition(committed, label, members, config.chaincode.endorsingOrgs);
    }
    const id = await packageOf(ctx, org, definition.version, known);
    if (id === undefined) throw new ChaincodeNotInstalledError(org, definition.version);
    const isApproved = async (): Promise<boolean> => {
      const approved = await queryApproved(ctx, org, definition.sequence);
      return approved !== undefined && sameDefinition(approved, definition) && approved.packageId === id;
    };
    if (await isApproved()) return { definition, approved: false };
    await writeWaitingForCommit(
      (waitForCommit) =>
        channel.viaOrderer([
          'lifecycle',
          'chaincode',
          'approveformyorg',
          ...definitionArgs(ctx, definition),
          '--package-id',
          id,
          ...waitForCommit,
        ]),
      isApproved,
    );
    ctx.log(`${org.mspId} approved ${definition.version} (sequence ${String(definition.sequence)})`);
    return { definition, approved: true };
  });
}

/**
 * Commits the definition the org approved at the next sequence, once a majority of the channel's
 * member orgs (its newest config) approved that very definition; endorsed by the approving orgs'
 * anchor peers, reached with their TLS roots from the channel config. Then runs the org's server
 * for the new definition (every other org runs `chaincode run`, or `install` again, for its own).
 */
export async function commitChaincode(ctx: NetworkContext, orgOrName: MemberPlan | string): Promise<Commit> {
  const org = member(ctx, orgOrName);
  const result = await withMemberChannel(ctx, org.name, async (channel): Promise<Commit> => {
    const committed: CommittedDefinition | undefined = await queryCommitted(ctx, org);
    const sequence = (committed?.sequence ?? 0) + 1;
    const approved = await queryApproved(ctx, org, sequence);
    if (!approved) throw new NotApprovedError(org.mspId, sequence);
    const definition = { version: approved.version, sequence, policy: approved.policy };
    const readiness = await commitReadiness(ctx, org, definition);
    const members = channel.members.map((item) => item.mspId);
    const approvedBy = members.filter((mspId) => readiness[mspId] === true);
    const needed = ruleThreshold('MAJORITY', members.length);
    if (approvedBy.length < needed) throw new CommitNotReadyError(definition, approvedBy, members, needed);
    await writeWaitingForCommit(
      (waitForCommit) =>
        channel.viaOrderer([
          'lifecycle',
          'chaincode',
          'commit',
          ...definitionArgs(ctx, definition),
          ...peerTargets(channel.members, approvedBy, channel.dir),
          ...waitForCommit,
        ]),
      async () => (await queryCommitted(ctx, org))?.sequence === sequence,
    );
    ctx.log(
      `chaincode ${definition.version} committed on channel ${ctx.topology.config.channel} ` +
        `(sequence ${String(sequence)}, approved by ${approvedBy.join(', ')})`,
    );
    return { definition, approvedBy };
  });
  await runChaincode(ctx, org, result.definition.version);
  return result;
}
