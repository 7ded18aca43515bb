/** Statuses in which the debtor pays a voucher at maturity (settlement contract). */
export const PAYABLE_STATUSES = ['ACTIVE', 'FINANCED', 'OVERDUE'] as const;

/** Whether the debtor may pay this piece today: a payable status, and matured. */
export function isPayable(voucher: { status: string; maturityDate: string }, today: string): boolean {
  return (PAYABLE_STATUSES as readonly string[]).includes(voucher.status) && voucher.maturityDate <= today;
}

/** Whether the holder may still split, transfer or finance it: active and not yet due. */
export function isDisposable(voucher: { status: string; maturityDate: string }, today: string): boolean {
  return voucher.status === 'ACTIVE' && today < voucher.maturityDate;
}
