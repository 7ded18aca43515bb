import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import {
  CHARTER_ID,
  ContractError,
  type Charter,
  type CharterProposal,
  type CharterTerms,
  ErrorCodes,
  type EventName,
  Events,
  ObjectTypes,
  forbidden,
  invalidState,
  marshal,
  parseCharterTerms,
  requireSha256,
} from '@scf/ledger-contract';
import { txTime } from '../lib/dates';
import { majorityOf } from '../lib/endorsement';
import { emit } from '../lib/events';
import { requireOrgAdmin } from '../lib/org-admin';
import { findRecord, getRecord } from '../lib/store';
import {
  charterProposalId,
  findCharter,
  memberOf,
  openProposalIds,
  requireCharter,
  saveCharter,
  saveCharterProposal,
} from '../repositories/charters';
import { BaseContract } from './base-contract';

/** The caller must be an org admin of a member of the charter in force; returns its MSP id. */
function requireMemberAdmin(ctx: Context, charter: Charter, what: string): string {
  const mspId = requireOrgAdmin(ctx, what);
  if (!memberOf(charter, mspId)) throw forbidden(`${mspId} is not a member of the consortium charter`);
  return mspId;
}

/** Marks every other OPEN proposal SUPERSEDED: they amend a version that is no longer in force. */
async function supersedeOthers(ctx: Context, adoptedId: string, now: string): Promise<CharterProposal[]> {
  const superseded: CharterProposal[] = [];
  for (const id of await openProposalIds(ctx)) {
    if (id === adoptedId) continue;
    const open = await getRecord<CharterProposal>(ctx, ObjectTypes.CharterProposal, id);
    superseded.push(await saveCharterProposal(ctx, { ...open, status: 'SUPERSEDED' }, now, open));
  }
  return superseded;
}

/**
 * The charter with the adopted terms at the next version. Optional terms the new ones leave out
 * (exposure caps) are dropped, not kept from the old charter: the proposal states the whole charter.
 */
function amendedCharter(charter: Charter, terms: CharterTerms): Charter {
  const kept: Charter = { ...charter };
  delete kept.exposureCaps;
  return { ...kept, ...terms, version: charter.version + 1 };
}

/**
 * Records a proposal that gained an approval (or was just made). Once a majority of the charter's
 * members approved, it is adopted: the charter takes its terms at the next version, its key is
 * bound to a majority of the new members, and the other open proposals are superseded.
 */
async function decide(
  ctx: Context,
  charter: Charter,
  proposal: CharterProposal,
  previous: CharterProposal | undefined,
  pending: EventName,
): Promise<string> {
  const now = txTime(ctx);
  if (proposal.approvals.length < majorityOf(charter.members.length)) {
    const saved = await saveCharterProposal(ctx, proposal, now, previous);
    emit(ctx, pending, [saved]);
    return marshal(saved);
  }
  const adopted = await saveCharterProposal(ctx, { ...proposal, status: 'ADOPTED' }, now, previous);
  const amended = await saveCharter(ctx, amendedCharter(charter, proposal.terms), now);
  const superseded = await supersedeOthers(ctx, adopted.id, now);
  emit(ctx, Events.CharterAmended, [adopted, amended, ...superseded]);
  return marshal(adopted);
}

/**
 * The consortium charter: which orgs are members, which kinds of enterprise each may host, and who
 * publishes benchmark rates. Established once; amended by a proposal a majority of members approve.
 */
@Info({ title: 'CharterContract', description: 'Consortium charter and its amendment by majority' })
export class CharterContract extends BaseContract {
  constructor() {
    super('charter');
  }

  /** Establishes the charter (version 1) once; an org admin of a member named in the terms. */
  @Transaction()
  @Returns('string')
  async Establish(ctx: Context, termsJson: string): Promise<string> {
    const mspId = requireOrgAdmin(ctx, 'establish the consortium charter');
    const terms = parseCharterTerms(termsJson);
    if (!memberOf(terms, mspId)) throw forbidden(`${mspId} is not a member in the terms it establishes`);
    if (await findCharter(ctx)) {
      throw new ContractError(
        ErrorCodes.AlreadyExists,
        'the consortium charter is already established; amend it by proposal',
      );
    }
    const now = txTime(ctx);
    const charter: Charter = {
      docType: ObjectTypes.Charter,
      id: CHARTER_ID,
      version: 1,
      ...terms,
      createdAt: now,
      updatedAt: '',
      txId: '',
      updatedBy: '',
    };
    const saved = await saveCharter(ctx, charter, now);
    emit(ctx, Events.CharterEstablished, [saved]);
    return marshal(saved);
  }

  /** The charter in force; NOT_FOUND before it is established. */
  @Transaction(false)
  @Returns('string')
  async Get(ctx: Context): Promise<string> {
    const charter = await findCharter(ctx);
    if (!charter) throw new ContractError(ErrorCodes.NotFound, 'no consortium charter is established');
    return marshal(charter);
  }

  /** Proposes new terms for the charter in force; an org admin of a member, whose org approves at once. */
  @Transaction()
  @Returns('string')
  async Propose(ctx: Context, termsJson: string): Promise<string> {
    const charter = await requireCharter(ctx);
    const mspId = requireMemberAdmin(ctx, charter, 'propose a charter amendment');
    const terms = parseCharterTerms(termsJson);
    const id = charterProposalId(charter.version, terms);
    const existing = await findRecord<CharterProposal>(ctx, ObjectTypes.CharterProposal, id);
    if (existing) {
      throw new ContractError(
        ErrorCodes.AlreadyExists,
        `the same proposal ${id} is already ${existing.status}`,
      );
    }
    const proposal: CharterProposal = {
      docType: ObjectTypes.CharterProposal,
      id,
      baseVersion: charter.version,
      terms,
      approvals: [mspId],
      status: 'OPEN',
      proposedBy: mspId,
      createdAt: txTime(ctx),
      updatedAt: '',
      txId: '',
      updatedBy: '',
    };
    return decide(ctx, charter, proposal, undefined, Events.CharterProposed);
  }

  /** Approves an open proposal for the caller's org (an org admin of a member); a majority adopts it. */
  @Transaction()
  @Returns('string')
  async Approve(ctx: Context, proposalId: string): Promise<string> {
    const charter = await requireCharter(ctx);
    const mspId = requireMemberAdmin(ctx, charter, 'approve a charter amendment');
    const id = requireSha256(proposalId, 'proposalId');
    const proposal = await getRecord<CharterProposal>(ctx, ObjectTypes.CharterProposal, id);
    if (proposal.status !== 'OPEN') throw invalidState(`proposal ${id} is ${proposal.status}, not OPEN`);
    if (proposal.baseVersion !== charter.version) {
      throw invalidState(
        `proposal ${id} amends charter version ${proposal.baseVersion}; version ${charter.version} is in force`,
      );
    }
    if (proposal.approvals.includes(mspId)) {
      throw new ContractError(ErrorCodes.AlreadyExists, `${mspId} already approved proposal ${id}`);
    }
    const approved: CharterProposal = { ...proposal, approvals: [...proposal.approvals, mspId].sort() };
    return decide(ctx, charter, approved, proposal, Events.CharterProposalApproved);
  }

  /** Reads one proposal. */
  @Transaction(false)
  @Returns('string')
  async GetProposal(ctx: Context, proposalId: string): Promise<string> {
    const id = requireSha256(proposalId, 'proposalId');
    return marshal(await getRecord<CharterProposal>(ctx, ObjectTypes.CharterProposal, id));
  }
}
