import { amendTerms, type CharterChange } from './charter-change.ts';
import type { CharterTerms } from './charter.ts';
import type { NetworkContext } from './context.ts';
import { evaluateAs, submitAs, type LedgerCall } from './ledger-call.ts';
import { withMemberChannel } from './member-channel.ts';

/** The charter on the ledger (`charter:Get`). */
export interface LedgerCharter extends CharterTerms {
  version: number;
}

/** A charter amendment on the ledger (`charter:Propose`, `charter:Approve`, `charter:GetProposal`). */
export interface CharterProposalRecord {
  id: string;
  baseVersion: number;
  terms: CharterTerms;
  approvals: string[];
  status: 'OPEN' | 'ADOPTED' | 'SUPERSEDED';
  proposedBy: string;
}

const charterCall = (fn: string, args: string[] = []): LedgerCall => ({ fn: `charter:${fn}`, args });

/** The charter in force, read on the org's own peer. */
export async function charterAs(ctx: NetworkContext, orgName: string): Promise<LedgerCharter> {
  return JSON.parse(await evaluateAs(ctx, orgName, charterCall('Get'))) as LedgerCharter;
}

/**
 * The orgs whose peers endorse a charter transaction: every member of the charter in force that is
 * a member org of the channel. Adopting an amendment rewrites the charter, whose key needs peers
 * of a majority of its members; asking them all leaves no guessing which ones count.
 */
async function charterEndorsers(ctx: NetworkContext, orgName: string): Promise<string[]> {
  const charter = await charterAs(ctx, orgName);
  return withMemberChannel(ctx, orgName, (channel) => {
    const inChannel = new Set(channel.members.map((member) => member.mspId));
    return Promise.resolve(
      charter.members.map((member) => member.mspId).filter((mspId) => inChannel.has(mspId)),
    );
  });
}

/**
 * Submits a charter transaction as the org's admin, endorsed by the charter's member orgs (a refusal
 * comes back before anything is sent), and returns the proposal as the transaction wrote it.
 */
async function submitCharterCall(
  ctx: NetworkContext,
  orgName: string,
  call: LedgerCall,
): Promise<CharterProposalRecord> {
  const written = await submitAs(ctx, orgName, call, await charterEndorsers(ctx, orgName));
  return JSON.parse(written) as CharterProposalRecord;
}

/** `charter propose`: the org's admin proposes the charter in force with the change; its org approves it at once. */
export async function proposeCharterChange(
  ctx: NetworkContext,
  orgName: string,
  change: CharterChange,
): Promise<CharterProposalRecord> {
  const current = await charterAs(ctx, orgName);
  const terms = amendTerms(current, change);
  return submitCharterCall(ctx, orgName, charterCall('Propose', [JSON.stringify(terms)]));
}

/** `charter approve`: the org's admin approves an open proposal for its org; a majority adopts it. */
export function approveCharterProposal(
  ctx: NetworkContext,
  orgName: string,
  id: string,
): Promise<CharterProposalRecord> {
  return submitCharterCall(ctx, orgName, charterCall('Approve', [id]));
}
