import { formatBps } from './rates';

/*
 * 保障中小企业款项支付条例 Art. 15 and 17 as the portal offers them; the ledger decides again
 * (settlement:Dispute, ResolveDispute, Pay).
 */

/** Statuses in which a debtor may dispute a voucher: open and not with a bank (settlement contract). */
export const DISPUTABLE_STATUSES = ['ACTIVE', 'OVERDUE'] as const;

export function isDisputable(voucher: { status: string }): boolean {
  return (DISPUTABLE_STATUSES as readonly string[]).includes(voucher.status);
}

/** Why a disputed amount (in fen, or null if unreadable) cannot be sent, as an i18n key; null if it can. */
export function disputeAmountProblem(amount: bigint | null, voucherAmount: string): string | null {
  if (amount === null || amount <= 0n) return 'lateInterest.problem.amount';
  if (amount > BigInt(voucherAmount)) return 'lateInterest.problem.tooMuch';
  return null;
}

/** A voucher's late-interest rate as the GraphQL API gives it. */
export interface RateView {
  basis: 'AGREED' | 'STATUTORY';
  annualBps: number | null;
  agreedAnnualBps: number | null;
  lprFloorBps: number | null;
  dailyBps: number | null;
}

/** The i18n key and values that say the rate: `3.10% a year (agreed 3.00%, LPR 3.10%)` or `0.05% a day`. */
export function rateText(rate: RateView): { key: string; values: Record<string, string> } {
  if (rate.basis === 'AGREED') {
    return {
      key: 'lateInterest.rateAgreed',
      values: {
        annual: formatBps(rate.annualBps ?? 0),
        agreed: formatBps(rate.agreedAnnualBps ?? 0),
        floor: formatBps(rate.lprFloorBps ?? 0),
      },
    };
  }
  return { key: 'lateInterest.rateStatutory', values: { daily: formatBps(rate.dailyBps ?? 0) } };
}
