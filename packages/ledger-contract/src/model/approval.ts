import type { LedgerRecord } from './record.ts';

/**
 * The money-moving transactions an enterprise with four eyes on runs only through an approval
 * (`namespace:Transaction`, as the transaction table names them). A `financing:Offer`'s terms never
 * enter the approval: they travel in the transient map, are kept in the bank org's own collection
 * while the offer waits, and the approval carries only their hash (`PREPARED_TERMS_HASH_ARG`).
 */
export const ApprovalActions = [
  'invoice:Confirm',
  'voucher:SplitTransfer',
  'financing:Offer',
  'financing:Disburse',
  'settlement:Pay',
  'earlypay:Publish',
  'creditnote:Accept',
] as const;
export type ApprovalAction = (typeof ApprovalActions)[number];

/**
 * The argument a prepared offer's approval carries in place of its private terms: the sha256 of the
 * terms as sorted-key JSON, a fresh secret salt among them (so the hash gives nothing away).
 */
export const PREPARED_TERMS_HASH_ARG = 'termsHash';

export const ApprovalStatuses = ['PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN'] as const;
/** PENDING: waits for an approver. APPROVED: the action ran. REJECTED: an approver refused it. WITHDRAWN: its preparer took it back. */
export type ApprovalStatus = (typeof ApprovalStatuses)[number];

/**
 * A money-moving action one person of an enterprise prepared and another must approve (four eyes).
 * Its id is the id of the transaction that prepared it; the approval runs the action itself, as the
 * approver, inside the approving transaction.
 */
export interface Approval extends LedgerRecord {
  docType: 'approval';
  enterpriseId: string;
  action: ApprovalAction;
  /** The action's arguments by name, as they travel on the wire (strings). */
  args: Record<string, string>;
  /** MSP of the preparer's certificate. */
  preparedByMsp: string;
  /** The preparer's certificate identity (`x509::subject::issuer`). */
  preparedBy: string;
  preparedAt: string;
  status: ApprovalStatus;
  decidedByMsp?: string;
  /** The certificate identity that approved, rejected or withdrew it. */
  decidedBy?: string;
  decidedAt?: string;
  /** Why it was rejected. */
  reason?: string;
  /** Once approved: the id of the record the action made or changed (voucher, financing, invoice). */
  resultId?: string;
}
