import { daysBetween, type IsoDate } from './dates.ts';
import type { EnterpriseKind } from './model/enterprise.ts';

/**
 * 保障中小企业款项支付条例 (decree 802) Art. 9: a large enterprise pays an SME within 60 days of
 * receiving the goods. On the ledger: a CORE enterprise buying from a SUPPLIER.
 */
export const SME_PAYMENT_DAYS = 60;

/** What the rule reads of an invoice and its two parties. */
export interface SmePaymentTermInput {
  sellerKind: EnterpriseKind;
  buyerKind: EnterpriseKind;
  issueDate: IsoDate;
  dueDate: IsoDate;
  /** The business date of the first confirmed delivery, once there is one. */
  deliveredOn?: IsoDate;
}

/** How an invoice's payment term stands against Art. 9. */
export interface SmePaymentTerm {
  /** Days from `from` to the due date. */
  days: number;
  /**
   * Where the term is counted from: the delivery once confirmed; until then the issue date, since an
   * invoice is normally issued on or after delivery (so the count starts no later than the goods came).
   */
  from: IsoDate;
  basis: 'DELIVERY' | 'ISSUE_DATE';
  /** More than 60 days. */
  exceeded: boolean;
}

/** Whether Art. 9 covers the trade: a CORE enterprise owes a SUPPLIER. */
export function smePaymentRuleApplies(sellerKind: EnterpriseKind, buyerKind: EnterpriseKind): boolean {
  return sellerKind === 'SUPPLIER' && buyerKind === 'CORE';
}

/** The invoice's payment term under Art. 9, or undefined where the rule does not cover the trade. */
export function smePaymentTerm(input: SmePaymentTermInput): SmePaymentTerm | undefined {
  if (!smePaymentRuleApplies(input.sellerKind, input.buyerKind)) return undefined;
  const from = input.deliveredOn ?? input.issueDate;
  const days = daysBetween(from, input.dueDate);
  return {
    days,
    from,
    basis: input.deliveredOn === undefined ? 'ISSUE_DATE' : 'DELIVERY',
    exceeded: days > SME_PAYMENT_DAYS,
  };
}
