import { createHash } from 'node:crypto';
import type { Context } from 'fabric-contract-api';
import { bindToMajority } from '../lib/endorsement';
import {
  CHARTER_ID,
  type Charter,
  type CharterMember,
  type CharterProposal,
  type CharterTerms,
  ObjectTypes,
  invalidState,
  marshal,
} from '@scf/ledger-contract';
import { idsByIndex } from '../lib/query';
import { findRecord, moveIndex, putIndex, putRecord, recordKey } from '../lib/store';

export const CharterIndexes = {
  /** status, id: the OPEN proposals an adoption supersedes. */
  proposalsByStatus: 'idx.charterproposal.status',
} as const;

/** Far more open proposals than a consortium makes; bounds the work of an adoption. */
export const MAX_OPEN_PROPOSALS = 500;

/** The charter in force, if the consortium has established one. */
export async function findCharter(ctx: Context): Promise<Charter | undefined> {
  return findRecord<Charter>(ctx, ObjectTypes.Charter, CHARTER_ID);
}

/** The charter in force; INVALID_STATE before the consortium established one. */
export async function requireCharter(ctx: Context): Promise<Charter> {
  const charter = await findCharter(ctx);
  if (!charter) throw invalidState('no consortium charter is established');
  return charter;
}

/** The charter's entry for an org, if it is a member. */
export function memberOf(charter: CharterTerms, mspId: string): CharterMember | undefined {
  return charter.members.find((member) => member.mspId === mspId);
}

/**
 * Writes the charter and binds its key to a majority of its member orgs: changing it later needs
 * endorsements from peers of more than half of the members it names.
 */
export async function saveCharter(ctx: Context, charter: Charter, now: string): Promise<Charter> {
  const saved = await putRecord(ctx, charter, now);
  const members = saved.members.map((member) => member.mspId);
  await bindToMajority(ctx, recordKey(ctx, ObjectTypes.Charter, CHARTER_ID), members);
  return saved;
}

/** A proposal's id: the same amendment of the same version is one proposal. */
export function charterProposalId(baseVersion: number, terms: CharterTerms): string {
  return createHash('sha256').update(marshal({ baseVersion, terms })).digest('hex');
}

/** Writes a proposal and keeps its status index in step; `previous` is absent on creation. */
export async function saveCharterProposal(
  ctx: Context,
  proposal: CharterProposal,
  now: string,
  previous?: CharterProposal,
): Promise<CharterProposal> {
  const saved = await putRecord(ctx, proposal, now);
  if (!previous) await putIndex(ctx, CharterIndexes.proposalsByStatus, [saved.status], saved.id);
  else await moveIndex(ctx, CharterIndexes.proposalsByStatus, [previous.status], [saved.status], saved.id);
  return saved;
}

/** The ids of the OPEN proposals, in id order. */
export async function openProposalIds(ctx: Context): Promise<string[]> {
  return idsByIndex(ctx, CharterIndexes.proposalsByStatus, ['OPEN'], MAX_OPEN_PROPOSALS);
}
