import { describe, expect, it } from 'vitest';
import type { LedgerRecord } from '@scf/ledger-contract';
import { toRow } from '../../src/projector/rows.ts';

const stamp = {
  createdAt: '2025-06-20T01:00:00.000Z',
  updatedAt: '2025-06-20T01:00:00.000Z',
  txId: 't',
  updatedBy: 'x/admin@BankAMSP',
};

describe('rows of ledger records', () => {
  it('reads a rate written before the quorum rule (no status, no attestations) as published', () => {
    const legacy = {
      docType: 'rate',
      id: '1Y:2025-06-20',
      tenor: '1Y',
      rateBps: 300,
      effectiveDate: '2025-06-20',
      publishedBy: 'BANK',
      ...stamp,
    } as LedgerRecord;
    expect(toRow(legacy, 3n)).toMatchObject({ status: 'PUBLISHED', attestations: [], rateBps: 300 });
  });

  it('keeps a rate’s status and every attestation', () => {
    const attestations = [
      { mspId: 'BankAMSP', enterpriseId: 'A', rateBps: 305 },
      { mspId: 'BankBMSP', enterpriseId: 'B', rateBps: 310 },
    ];
    const rate = {
      docType: 'rate',
      id: '1Y:2025-07-20',
      tenor: '1Y',
      rateBps: 310,
      effectiveDate: '2025-07-20',
      publishedBy: 'B',
      status: 'PROPOSED',
      attestations,
      ...stamp,
    } as LedgerRecord;
    expect(toRow(rate, 4n)).toMatchObject({ status: 'PROPOSED', attestations });
  });

  it('keeps a piece’s long-term flag, its consent and the piece its amount returned as', () => {
    const piece = {
      docType: 'voucher',
      id: 'r.2',
      number: 'H1K0-20260107-7K3Q9A',
      debtorId: 'CORE',
      holderId: 'T2',
      amount: '700000',
      currency: 'CNY',
      maturityDate: '2026-09-30',
      rootId: 'r',
      parentId: 'r',
      tier: 1,
      status: 'RETURNED',
      invoiceId: 'i2',
      childIds: [],
      longTerm: true,
      transfer: {
        status: 'DECLINED',
        fromId: 'T1',
        decidedAt: '2026-01-07T01:00:00.000Z',
        reason: '只收现金',
        returnedAs: 'r.3',
      },
      ...stamp,
    } as LedgerRecord;
    expect(toRow(piece, 5n)).toMatchObject({
      number: 'H1K0-20260107-7K3Q9A',
      longTerm: true,
      transferredFrom: 'T1',
      consentStatus: 'DECLINED',
      consentDecidedAt: new Date('2026-01-07T01:00:00.000Z'),
      declineReason: '只收现金',
      returnedAs: 'r.3',
      returnOf: null,
    });
    const back = {
      ...piece,
      id: 'r.3',
      holderId: 'T1',
      tier: 0,
      status: 'ACTIVE',
      returnOf: 'r.2',
    } as LedgerRecord;
    delete (back as { transfer?: unknown }).transfer;
    // A voucher written before numbers existed has none.
    delete (back as { number?: unknown }).number;
    expect(toRow(back, 5n)).toMatchObject({
      number: null,
      transferredFrom: null,
      consentStatus: null,
      consentDecidedAt: null,
      returnOf: 'r.2',
    });
  });

  it('keeps a voucher’s late-interest rate, what its settlement paid, and its dispute', () => {
    const rate = { basis: 'AGREED', agreedAnnualBps: 300, lprFloorBps: 310, annualBps: 310 } as const;
    const piece = {
      docType: 'voucher',
      id: 'r.2',
      debtorId: 'CORE',
      holderId: 'T1',
      amount: '3000',
      currency: 'CNY',
      maturityDate: '2026-04-05',
      rootId: 'r',
      parentId: 'r',
      tier: 0,
      status: 'ACTIVE',
      invoiceId: 'r',
      childIds: [],
      ...stamp,
    };
    const disputed = {
      ...piece,
      status: 'SETTLED',
      lateInterestRate: rate,
      dispute: {
        status: 'WITHDRAWN',
        amount: '3000',
        reason: '质量争议',
        raisedBy: 'CORE',
        raisedAt: '2026-03-02T02:00:00.000Z',
        undisputedId: 'r.1',
        resolvedBy: 'T1',
        resolvedAt: '2026-04-12T02:00:00.000Z',
      },
      settlement: {
        paidTo: 'T1',
        amount: '3000',
        paymentReference: 'PAY-2',
        paidAt: '2026-04-15T02:00:00.000Z',
        lateInterest: { amount: '3', days: 10, rate },
        total: '3003',
      },
    } as LedgerRecord;
    expect(toRow(disputed, 7n)).toMatchObject({
      lateRateBasis: 'AGREED',
      lateRateBps: 310,
      lateAgreedBps: 300,
      lateFloorBps: 310,
      paidLateInterest: 3n,
      paidLateDays: 10,
      paidTotal: 3003n,
      disputeStatus: 'WITHDRAWN',
      disputedAmount: 3000n,
      disputeReason: '质量争议',
      disputedBy: 'CORE',
      disputedAt: new Date('2026-03-02T02:00:00.000Z'),
      undisputedId: 'r.1',
      disputeEndedBy: 'T1',
      disputeEndedAt: new Date('2026-04-12T02:00:00.000Z'),
    });
    expect(toRow(piece as LedgerRecord, 7n)).toMatchObject({
      lateRateBasis: 'STATUTORY',
      lateRateBps: 5,
      lateAgreedBps: null,
      paidLateInterest: null,
      paidTotal: null,
      disputeStatus: null,
      disputedAt: null,
    });
  });

  it('keeps an invoice’s first delivery date and its Art. 9 flag (false where absent)', () => {
    const invoice = {
      docType: 'invoice',
      id: 'i',
      number: 'N',
      sellerId: 'S',
      buyerId: 'B',
      amount: '1',
      currency: 'CNY',
      issueDate: '2026-01-04',
      dueDate: '2026-04-30',
      documentHash: 'a'.repeat(64),
      status: 'REGISTERED',
      paidAmount: '0',
      ...stamp,
    } as LedgerRecord;
    expect(toRow(invoice, 1n)).toMatchObject({ deliveredOn: null, paymentTermExceeded: false });
    const dated = { ...invoice, deliveredOn: '2026-01-10', paymentTermExceeded: true } as LedgerRecord;
    expect(toRow(dated, 2n)).toMatchObject({
      deliveredOn: new Date('2026-01-10T00:00:00.000Z'),
      paymentTermExceeded: true,
    });
  });
});
