import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { channelAdmin, type BlockSource, type ChannelAdmin } from './channel-admin.ts';
import { assertNeedsMet, policyNeeds, type PolicyNeed } from './channel-policy.ts';
import { ordererSources, waitForConfigBlock } from './config-block.ts';
import { staleElements } from './config-delta.ts';
import { envelopeOf, mergeSignedCopies, type ConfigUpdateEnvelope } from './config-envelope.ts';
import { adminOrgs, verifySignatures } from './config-signers.ts';
import { configtxlator } from './configtxlator.ts';
import type { NetworkContext } from './context.ts';
import { CommandError } from './exec.ts';
import { assertChannel, envelopeBytes, readProposal, type ChannelProposal } from './proposal.ts';
import { assertUpdateIsStatement } from './proposal-check.ts';
import { ProposalError } from './proposal-error.ts';
import { withScratchDir } from './scratch-dir.ts';

/** The channel changed after the proposal was made: the orderer would refuse its update. */
export class StaleProposalError extends Error {
  readonly stale: string[];

  constructor(basedOn: number, stale: string[]) {
    super(`the channel changed after config block ${basedOn}: ${stale.join('; ')}; propose the change again`);
    this.name = StaleProposalError.name;
    this.stale = stale;
  }
}

/** An orderer refused the update (its answer, e.g. a policy it found unmet). */
export class UpdateRefusedError extends Error {
  readonly orderer: string;

  constructor(orderer: string, reason: string) {
    super(`${orderer} refused the config update: ${reason}`);
    this.name = UpdateRefusedError.name;
    this.orderer = orderer;
  }
}

export interface Submitted {
  /** The config block that holds the change, as the submitter's own node has it. */
  configBlock: number;
  orderer: string;
  /** The orgs whose admins' signatures count (the submitter's own included), sorted. */
  signedBy: string[];
  needs: PolicyNeed[];
  /** MSP ids claimed by signatures that do not verify over the update: left out. */
  ignored: string[];
}

/** Reads the signed copies of one proposal: the same channel and statement in each. */
function readCopies(files: string[], channel: string): ChannelProposal[] {
  const proposals = files.map((file) => {
    const proposal = readProposal(file);
    assertChannel(proposal, channel, file);
    return proposal;
  });
  const [first] = proposals;
  if (!first || files[0] === undefined) throw new Error('submit needs at least one proposal file');
  proposals.forEach((proposal, index) => {
    for (const field of ['change', 'basedOnConfigBlock', 'proposedBy'] as const) {
      if (!isDeepStrictEqual(proposal[field], first[field])) {
        throw new ProposalError(files[index] ?? '', field, `differs from ${files[0] ?? ''}`);
      }
    }
  });
  return proposals;
}

function refusal(error: CommandError): string | undefined {
  const match = /got unexpected status: (.*)/.exec(error.output);
  return match?.[1]?.trim();
}

/** `peer channel update` against the first orderer that answers; the peer CLI adds the admin's signature. */
async function sendUpdate(admin: ChannelAdmin, orderers: BlockSource[], file: string): Promise<string> {
  const failures: string[] = [];
  for (const orderer of orderers) {
    try {
      await admin.peer(['channel', 'update', '-f', file, '-c', admin.channel, ...orderer.args]);
      return orderer.name;
    } catch (error) {
      if (!(error instanceof CommandError)) throw error;
      const reason = refusal(error);
      if (reason !== undefined) throw new UpdateRefusedError(orderer.name, reason);
      failures.push(`${orderer.name}: ${error.message}`);
    }
  }
  throw new Error(`no orderer took the config update:\n${failures.join('\n')}`);
}

/**
 * `submit`: merges the signatures of the proposal's signed copies, checks the update against the
 * statement and the channel as the org's own node has it, and counts the orgs whose admins signed
 * (the submitter's own signature, which `peer channel update` adds, included) against every policy
 * the update must meet. Only then is the update sent to an orderer; returns once the org's own node
 * holds the new config block.
 */
export async function submitProposals(
  ctx: NetworkContext,
  orgName: string,
  files: string[],
): Promise<Submitted> {
  const admin = channelAdmin(ctx, orgName);
  const proposals = readCopies(files, admin.channel);
  const [first] = proposals;
  if (!first) throw new Error('submit needs at least one proposal file');
  return await withScratchDir('submit', async (dir) => {
    const translator = configtxlator(ctx.tools, dir);
    const copies = [];
    for (const [index, proposal] of proposals.entries()) {
      const envelope = await translator.decode<ConfigUpdateEnvelope>(
        'common.Envelope',
        envelopeBytes(proposal),
      );
      copies.push({ file: files[index] ?? '', envelope });
    }
    const { update, signatures } = mergeSignedCopies(admin.channel, copies);
    await assertUpdateIsStatement(ctx.tools, admin, translator, dir, first, update, files[0] ?? '');
    const current = await waitForConfigBlock(admin, translator, dir, first.basedOnConfigBlock);
    const stale = staleElements(current.config, update);
    if (stale.length > 0) throw new StaleProposalError(first.basedOnConfigBlock, stale);
    const checked = await verifySignatures(translator, update, signatures);
    const valid = checked.filter((item) => item.valid);
    const signers = [...valid.map((item) => item.signer), { mspId: admin.mspId, certPem: admin.certPem }];
    const signedBy = adminOrgs(current.config, signers);
    const needs = policyNeeds(current.config, update);
    assertNeedsMet(needs, signedBy);
    const file = join(dir, 'update.pb');
    const envelope = envelopeOf(
      admin.channel,
      update,
      valid.map((item) => item.signature),
    );
    writeFileSync(file, await translator.encode('common.Envelope', envelope));
    const orderer = await sendUpdate(admin, ordererSources(current.config, dir), file);
    const block = await waitForConfigBlock(admin, translator, dir, current.number + 1);
    const ignored = checked.filter((item) => !item.valid).map((item) => item.signer.mspId);
    return { configBlock: block.number, orderer, signedBy, needs, ignored };
  });
}
