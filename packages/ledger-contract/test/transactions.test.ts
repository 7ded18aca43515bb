import { describe, expect, it } from 'vitest';
import { encodeArgs, encodeTransient, Transactions } from '../src/transactions.ts';

describe('encodeArgs', () => {
  it("puts the arguments in the table's order, whatever order the call names them in", () => {
    const args = encodeArgs(Transactions.invoice.Register, {
      purchaseOrderNumber: 'PO-1',
      documentHash: 'ab'.repeat(32),
      dueDate: '2026-04-30',
      issueDate: '2026-01-04',
      amount: '123456789',
      buyerId: 'BUYER',
      number: 'INV-1',
    });
    expect(args).toEqual([
      'INV-1',
      'BUYER',
      '123456789',
      '2026-01-04',
      '2026-04-30',
      'ab'.repeat(32),
      'PO-1',
    ]);
  });

  it('sends an absent optional text as the empty string', () => {
    const args = encodeArgs(Transactions.invoice.Register, {
      number: 'INV-1',
      buyerId: 'BUYER',
      amount: '1',
      issueDate: '2026-01-04',
      dueDate: '2026-04-30',
      documentHash: 'ab'.repeat(32),
      purchaseOrderNumber: undefined,
    });
    expect(args.at(-1)).toBe('');
  });

  it('writes numbers and booleans as decimal text, lists as JSON', () => {
    expect(
      encodeArgs(Transactions.rate.Publish, { tenor: '1Y', rateBps: 310, effectiveDate: '2025-12-22' }),
    ).toEqual(['1Y', '310', '2025-12-22']);
    expect(
      encodeArgs(Transactions.invoice.Confirm, {
        invoiceId: 'I',
        waiveDelivery: false,
        lateInterestBps: 600,
      }),
    ).toEqual(['I', 'false', '600']);
    expect(
      encodeArgs(Transactions.invoice.Confirm, {
        invoiceId: 'I',
        waiveDelivery: true,
        lateInterestBps: undefined,
      }),
    ).toEqual(['I', 'true', '']);
    expect(encodeArgs(Transactions.settlement.SweepOverdue, { limit: 200 })).toEqual(['200']);
    const pieces = [{ amount: '1' }, { amount: '2', toEnterpriseId: 'T', invoiceId: 'I' }];
    expect(encodeArgs(Transactions.voucher.SplitTransfer, { voucherId: 'V', piecesJson: pieces })).toEqual([
      'V',
      JSON.stringify(pieces),
    ]);
    expect(encodeArgs(Transactions.ledger.ListAll, { type: 'invoice', pageSize: 100, bookmark: '' })).toEqual(
      ['invoice', '100', ''],
    );
  });

  it('sends no argument to a transaction that takes none', () => {
    expect(encodeArgs(Transactions.charter.Get, {})).toEqual([]);
    expect(encodeArgs(Transactions.smoke.WhoAmI, {})).toEqual([]);
  });
});

describe('encodeTransient', () => {
  it('encodes the offer terms as JSON under their key', () => {
    const terms = {
      advanceRateBps: 9_000,
      spreadBps: -50,
      fees: '5000',
      validUntil: '2026-01-15',
      salt: 'a'.repeat(32),
    };
    const transient = encodeTransient(Transactions.financing.Offer, { terms });
    expect(transient).toEqual({ terms: JSON.stringify(terms) });
    expect(JSON.parse(transient.terms ?? '')).toEqual(terms);
  });

  it('is empty for a transaction without private inputs', () => {
    expect(encodeTransient(Transactions.financing.Accept, {})).toEqual({});
    expect(encodeTransient(Transactions.approval.Prepare, { terms: undefined })).toEqual({});
  });
});

describe('Transactions', () => {
  it('marks writes and reads', () => {
    expect(Transactions.financing.Offer.writes).toBe(true);
    expect(Transactions.financing.GetTerms.writes).toBe(false);
    expect(Transactions.ledger.ListAll.writes).toBe(false);
  });

  it('lists no query the read model serves instead', () => {
    const tables: Record<string, { name: string }>[] = Object.values(Transactions);
    const names = tables.flatMap((specs) => Object.values(specs).map((spec) => spec.name));
    expect(names.filter((name) => name.startsWith('List'))).toEqual(['ListAll']);
    expect(names).not.toContain('GetTree');
    expect(names).not.toContain('History');
  });
});
