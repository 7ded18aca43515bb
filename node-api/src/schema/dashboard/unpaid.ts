import type { VoucherStatus } from '@scf/ledger-contract';

/** Voucher states that still owe money: SPLIT pieces live on in their children, SETTLED ones are paid. */
export const UNPAID: readonly VoucherStatus[] = ['ACTIVE', 'FINANCING', 'FINANCED', 'OVERDUE'];

/** Money and count of a set of vouchers. */
export interface Total {
  count: number;
  amount: bigint;
}
