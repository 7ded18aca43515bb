import type { LedgerRecord } from './record.ts';

/**
 * The money-moving transactions an enterprise with four eyes on runs only through an approval
 * (`namespace:Transaction`, as the transaction table names them). `financing:Offer` is not among
 * them: its terms travel privately (transient map, org collections), and an approval would put them
 * on the public ledger.
 */
export const ApprovalActions = [
  'invoice:Confirm',
  'voucher:SplitTransfer',
  'financing:Disburse',
  'settlement:Pay',
  'earlypay:Publish',
  'creditnote:Accept',
] as const;
export type ApprovalAction = (typeof ApprovalActions)[number];

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
