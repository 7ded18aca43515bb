import { type Voucher, daysBetween, invalidState } from '@scf/ledger-contract';

/**
 * A financed voucher unpaid past maturity: OVERDUE, or still FINANCED because the sweep has not seen it.
 * Returns its days overdue; refuses anything else (`what` says what only an overdue voucher may be).
 */
export function requireOverdue(voucher: Voucher, today: string, what: string): number {
  const days = daysBetween(voucher.maturityDate, today);
  if (days < 1 || (voucher.status !== 'OVERDUE' && voucher.status !== 'FINANCED')) {
    throw invalidState(
      `voucher ${voucher.id} is ${voucher.status}, maturing ${voucher.maturityDate}; only an unpaid voucher past maturity is ${what}`,
    );
  }
  return days;
}
