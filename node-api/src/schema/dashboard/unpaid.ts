import type { VoucherStatus } from '@scf/ledger-contract';

/**
 * Voucher states that still owe money: SPLIT pieces live on in their children, SETTLED ones are paid,
 * RETURNED ones live on in the piece that returned them. A piece waiting for its recipient's consent is
 * owed all the same (to whichever of the two ends up holding it), and so is a DISPUTED one until its
 * holder writes it off (WRITTEN_OFF, no longer owed) or withdraws the dispute.
 */
export const UNPAID: readonly VoucherStatus[] = [
  'PENDING_ACCEPTANCE',
  'ACTIVE',
  'FINANCING',
  'FINANCED',
  'OVERDUE',
  'DISPUTED',
];

/** Unpaid pieces an enterprise holds: not one offered to it that it has not accepted yet. */
export const HELD: readonly VoucherStatus[] = UNPAID.filter((status) => status !== 'PENDING_ACCEPTANCE');

/** Money and count of a set of vouchers. */
export interface Total {
  count: number;
  amount: bigint;
}
