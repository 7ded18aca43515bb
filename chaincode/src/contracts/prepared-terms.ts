import type { Context } from 'fabric-contract-api';
import {
  type Approval,
  ContractError,
  ErrorCodes,
  PREPARED_TERMS_HASH_ARG,
  forbidden,
  invalid,
  invalidState,
} from '@scf/ledger-contract';
import { orgCollection } from '../lib/collections';
import { hasTermsInput, readTermsInput, sha256Hex, termsInputBytes } from './offer-terms-input';

/**
 * A prepared offer's terms while its approval waits: kept in the bank org's own implicit collection
 * (only its peers hold them), under a key of the approval; the public approval carries their hash.
 */
const keyOf = (approvalId: string): string => `approval-terms/${approvalId}`;

/** Keeps the terms sent in the transient map for approval `approvalId`; resolves to their hash. */
export async function keepPreparedTerms(ctx: Context, approvalId: string, mspId: string): Promise<string> {
  const bytes = termsInputBytes(readTermsInput(ctx));
  await ctx.stub.putPrivateData(orgCollection(mspId), keyOf(approvalId), bytes);
  return sha256Hex(bytes);
}

/**
 * The approver's node sends the prepared terms again (it read them from its own collection): they
 * must be the ones prepared, byte for byte once canonical, or the offer does not run.
 */
export function requirePreparedTerms(ctx: Context, approval: Approval): void {
  const hash = sha256Hex(termsInputBytes(readTermsInput(ctx)));
  if (hash !== approval.args[PREPARED_TERMS_HASH_ARG]) {
    throw invalid(`the terms sent are not the ones prepared in approval ${approval.id}`);
  }
}

/** Refuses terms sent with an action that takes none: they would be neither kept nor checked. */
export function refuseTerms(ctx: Context, action: string): void {
  if (hasTermsInput(ctx)) throw invalid(`${action} takes no offer terms in the transient map`);
}

/** Drops the kept terms once the approval is decided (approved, rejected or withdrawn). */
export async function dropPreparedTerms(ctx: Context, approval: Approval, mspId: string): Promise<void> {
  await ctx.stub.deletePrivateData(orgCollection(mspId), keyOf(approval.id));
}

/** The kept terms, read on a peer of `mspId`, checked against the approval's hash. */
export async function readPreparedTerms(ctx: Context, approval: Approval, mspId: string): Promise<string> {
  const peerMsp = ctx.stub.getMspID();
  if (peerMsp !== mspId) {
    throw forbidden(`prepared terms are read on a peer of ${mspId}; this peer belongs to ${peerMsp}`);
  }
  const bytes = await ctx.stub.getPrivateData(orgCollection(mspId), keyOf(approval.id));
  if (bytes.length === 0) {
    throw new ContractError(
      ErrorCodes.NotFound,
      `approval ${approval.id} has no prepared terms for ${mspId}`,
    );
  }
  if (sha256Hex(bytes) !== approval.args[PREPARED_TERMS_HASH_ARG]) {
    throw invalidState(`the prepared terms of approval ${approval.id} do not match its hash`);
  }
  return Buffer.from(bytes).toString('utf8');
}
