import type { Fen } from '../money.ts';
import type { EnterpriseKind } from './enterprise.ts';
import type { LedgerRecord } from './record.ts';

/** The charter's id: the consortium has one. */
export const CHARTER_ID = 'consortium';

/** A member org and the kinds of enterprise its admins may register. */
export interface CharterMember {
  mspId: string;
  /** Sorted, without duplicates. */
  kinds: EnterpriseKind[];
}

/** What a charter says; a proposal carries the terms it would adopt. */
export interface CharterTerms {
  /** Sorted by mspId. */
  members: CharterMember[];
  /** MSP ids of the orgs whose bank admins attest benchmark rates, sorted; all are members. */
  ratePublishers: string[];
  /** Distinct publisher orgs that must attest the same value before a rate is in force. */
  rateQuorum: number;
  /**
   * Consortium-wide caps on what all banks together may have financed against a core enterprise
   * (debtor id → fen); absent, or a debtor not named, means no cap. Never an empty object.
   */
  exposureCaps?: Record<string, Fen>;
}

/**
 * The consortium charter: who is a member and who publishes rates. Its key is bound to a majority
 * of the member orgs, and it changes only by a proposal a majority of them approved.
 */
export interface Charter extends LedgerRecord, CharterTerms {
  docType: 'charter';
  id: typeof CHARTER_ID;
  /** 1 when established, one more with each adopted amendment. */
  version: number;
}

export const CharterProposalStatuses = ['OPEN', 'ADOPTED', 'SUPERSEDED'] as const;
/** OPEN: collecting approvals. ADOPTED: it became the charter. SUPERSEDED: another amendment of its base was adopted first. */
export type CharterProposalStatus = (typeof CharterProposalStatuses)[number];

/** A proposed amendment; its id is the SHA-256 (hex) of marshal({ baseVersion, terms }). */
export interface CharterProposal extends LedgerRecord {
  docType: 'charterproposal';
  /** The charter version it amends. */
  baseVersion: number;
  terms: CharterTerms;
  /** MSP ids of the member orgs that approved it, sorted; the proposer's org first approves. */
  approvals: string[];
  status: CharterProposalStatus;
  /** MSP id of the org whose admin proposed it. */
  proposedBy: string;
}
