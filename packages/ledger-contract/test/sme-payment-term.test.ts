import { describe, expect, it } from 'vitest';
import { SME_PAYMENT_DAYS, smePaymentRuleApplies, smePaymentTerm } from '../src/sme-payment-term.ts';

const coreOwesSupplier = { sellerKind: 'SUPPLIER', buyerKind: 'CORE' } as const;

describe('smePaymentTerm (保障中小企业款项支付条例 Art. 9: 60 days from delivery)', () => {
  it('covers only what a CORE enterprise owes a SUPPLIER', () => {
    expect(SME_PAYMENT_DAYS).toBe(60);
    expect(smePaymentRuleApplies('SUPPLIER', 'CORE')).toBe(true);
    expect(smePaymentRuleApplies('SUPPLIER', 'SUPPLIER')).toBe(false);
    expect(smePaymentRuleApplies('CORE', 'CORE')).toBe(false);
    const dates = { issueDate: '2026-01-04', dueDate: '2026-12-31' };
    expect(smePaymentTerm({ sellerKind: 'SUPPLIER', buyerKind: 'SUPPLIER', ...dates })).toBeUndefined();
  });

  it('counts from the issue date until a delivery is confirmed: 60 days pass, 61 are flagged', () => {
    expect(smePaymentTerm({ ...coreOwesSupplier, issueDate: '2026-01-04', dueDate: '2026-03-05' })).toEqual({
      days: 60,
      from: '2026-01-04',
      basis: 'ISSUE_DATE',
      exceeded: false,
    });
    expect(
      smePaymentTerm({ ...coreOwesSupplier, issueDate: '2026-01-04', dueDate: '2026-03-06' }),
    ).toMatchObject({ days: 61, exceeded: true });
  });

  it('counts from the delivery once there is one, which can clear or raise the flag', () => {
    const invoice = { ...coreOwesSupplier, issueDate: '2026-01-04', dueDate: '2026-03-06' };
    expect(smePaymentTerm({ ...invoice, deliveredOn: '2026-01-10' })).toEqual({
      days: 55,
      from: '2026-01-10',
      basis: 'DELIVERY',
      exceeded: false,
    });
    // Goods delivered before the invoice was issued: the term runs from the delivery.
    expect(smePaymentTerm({ ...invoice, dueDate: '2026-03-01', deliveredOn: '2025-12-20' })).toMatchObject({
      days: 71,
      exceeded: true,
    });
  });

  it('counts 29 February in a leap year', () => {
    // 1 Jan to 1 Mar: 31 + 29 = 60 days in 2028, 31 + 28 = 59 in 2027.
    const term = (issueDate: string, dueDate: string) =>
      smePaymentTerm({ ...coreOwesSupplier, issueDate, dueDate });
    expect(term('2028-01-01', '2028-03-01')).toMatchObject({ days: 60, exceeded: false });
    expect(term('2028-01-01', '2028-03-02')).toMatchObject({ days: 61, exceeded: true });
    expect(term('2027-01-01', '2027-03-02')).toMatchObject({ days: 60, exceeded: false });
  });
});
