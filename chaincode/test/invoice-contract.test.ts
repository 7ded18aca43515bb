import { describe, expect, it } from 'vitest';
import { InvoiceContract } from '../src/contracts/invoice-contract';
import { type ErrorCode, ErrorCodes, Events, type Invoice, type Voucher } from '@scf/ledger-contract';
import { orgAdmin, userOf } from './support/callers';
import { sha256 } from './support/digests';
import { ENTERPRISES, MSP } from './support/enterprises';
import { lastEvent } from './support/events';
import { expectRefused } from './support/expect-refused';
import { invoiceArgs, registerInvoice, registerInvoiceAs } from './support/invoices';
import { key, patchStored, stored } from './support/ledger-state';
import { MemoryLedger, type TestCaller, txIdOf } from './support/memory-stub';
import { parse } from './support/parse';
import { endorsersOf } from './support/policies';
import { registerEnterprises, suspend } from './support/registration';
import { pickUp, shipAndDeliver } from './support/shipments';
import { voucherNumberCandidate } from '../src/repositories/voucher-numbers';

const contract = new InvoiceContract();
const { core, tier1, tier2, tier3 } = ENTERPRISES;
/** The first transaction after `setUp` (the charter, the 7 consortium and 2 extra enterprises). */
const FIRST_TX = 11;
const fingerprint = (seller: string, buyer: string, number: string): string =>
  sha256(`${seller}\u0000${buyer}\u0000${number.toUpperCase()}`);
const coreApprover = userOf('core', 'approver');

async function setUp(): Promise<MemoryLedger> {
  const ledger = new MemoryLedger();
  await registerEnterprises(ledger, { extra: ['otherCore', 'otherCarrier'] });
  return ledger;
}

const confirm = (
  ledger: MemoryLedger,
  caller: TestCaller,
  id: string,
  waive: string,
  lateInterestBps = '',
): Promise<string> => ledger.submit(caller, (ctx) => contract.Confirm(ctx, id, waive, lateInterestBps));

describe('InvoiceContract.Register', () => {
  it('registers an invoice of the calling supplier, stamped, bound to both orgs, with one event', async () => {
    const ledger = await setUp();
    const args = invoiceArgs(core.id);
    const saved = parse<Invoice>(await registerInvoiceAs(ledger, userOf('tier1', 'clerk'), args));
    const id = fingerprint(tier1.id, core.id, 'INV-2026/0001');
    expect(saved).toEqual({
      docType: 'invoice',
      id,
      number: 'INV-2026/0001',
      sellerId: tier1.id,
      buyerId: core.id,
      amount: '123456789',
      currency: 'CNY',
      issueDate: '2026-01-04',
      dueDate: '2026-04-30',
      documentHash: args.documentHash,
      purchaseOrderNumber: 'PO_77',
      status: 'REGISTERED',
      paidAmount: '0',
      // A core enterprise owes a supplier, due 116 days after the issue date: Art. 9 flags it.
      paymentTermExceeded: true,
      createdAt: '2026-01-05T02:00:00.000Z',
      updatedAt: '2026-01-05T02:00:00.000Z',
      txId: txIdOf(FIRST_TX),
      updatedBy: `${tier1.id}/clerk@SupplierMSP`,
    });
    expect(stored<Invoice>(ledger, 'invoice', id)).toEqual(saved);
    const read = parse<Invoice>(
      await ledger.evaluate(userOf('bankB', 'clerk'), (ctx) => contract.Get(ctx, id)),
    );
    expect(read).toEqual(saved);
    expect(endorsersOf(ledger, 'invoice', id)).toEqual([MSP.core, MSP.supplier]);
    expect(ledger.events).toHaveLength(FIRST_TX);
    expect(lastEvent(ledger)).toEqual({ name: Events.InvoiceRegistered, records: [saved] });
    expect(ledger.events.at(-1)?.txId).toBe(txIdOf(FIRST_TX));
  });

  it('lets an approver register to a supplier buyer, without a purchase order; one org binds no key policy', async () => {
    const ledger = await setUp();
    const saved = parse<Invoice>(
      await registerInvoiceAs(
        ledger,
        userOf('tier1', 'approver'),
        invoiceArgs(tier2.id, { purchaseOrderNumber: '' }),
      ),
    );
    expect(saved.purchaseOrderNumber).toBeUndefined();
    expect('purchaseOrderNumber' in saved).toBe(false);
    // Art. 9 covers what a core enterprise owes a supplier, not trade between suppliers.
    expect('paymentTermExceeded' in saved).toBe(false);
    expect(saved).toMatchObject({
      sellerId: tier1.id,
      buyerId: tier2.id,
      updatedBy: `${tier1.id}/approver@SupplierMSP`,
    });
    expect(saved.id).toBe(fingerprint(tier1.id, tier2.id, 'INV-2026/0001'));
    expect(endorsersOf(ledger, 'invoice', saved.id)).toEqual([]);
  });

  it('accepts the limits: a 64-character number, a 64-character order number, issue date today, 1 fen', async () => {
    const ledger = await setUp();
    const number = `A-_/9${'x'.repeat(59)}`;
    const saved = parse<Invoice>(
      await registerInvoiceAs(
        ledger,
        userOf('tier1', 'clerk'),
        invoiceArgs(core.id, {
          number,
          purchaseOrderNumber: 'P'.repeat(64),
          amount: '1',
          issueDate: '2026-01-05',
          dueDate: '2026-01-06',
        }),
      ),
    );
    expect(saved).toMatchObject({ number, amount: '1', issueDate: '2026-01-05', dueDate: '2026-01-06' });
  });

  it('takes the issue date limit from the China business date, not the UTC date', async () => {
    const ledger = await setUp();
    ledger.setTime('2026-01-05T16:00:00Z'); // 2026-01-06 00:00 in China
    const saved = await registerInvoice(ledger, core.id, { issueDate: '2026-01-06' });
    expect(saved.issueDate).toBe('2026-01-06');
  });

  it('refuses the same invoice twice, even with a differently-cased number', async () => {
    const ledger = await setUp();
    await registerInvoice(ledger, core.id);
    for (const number of ['INV-2026/0001', 'inv-2026/0001']) {
      await expectRefused(
        ledger,
        () => registerInvoiceAs(ledger, userOf('tier1', 'approver'), invoiceArgs(core.id, { number })),
        ErrorCodes.AlreadyExists,
      );
    }
  });

  it('allows the same number to another buyer: that is another invoice', async () => {
    const ledger = await setUp();
    const first = await registerInvoice(ledger, core.id);
    const second = await registerInvoice(ledger, tier2.id);
    expect(second.id).not.toBe(first.id);
    expect(stored<Invoice>(ledger, 'invoice', first.id)).toEqual(first);
    expect(stored<Invoice>(ledger, 'invoice', second.id)).toEqual(second);
  });

  const bankA = userOf('bankA', 'approver');
  it.each<[string, TestCaller]>([
    ['a bank', bankA],
    ['a core enterprise', userOf('core', 'approver')],
    ['a logistics enterprise', userOf('carrier', 'approver')],
    ['a supplier admin (only a clerk or approver registers)', userOf('tier1', 'admin')],
    ['org X acting for an enterprise hosted by org Y', { ...userOf('tier1', 'clerk'), mspId: MSP.bankA }],
    [
      'an unregistered enterprise',
      { mspId: MSP.supplier, attrs: { 'scf.enterpriseId': 'NOPE', 'scf.role': 'clerk' } },
    ],
    ['a certificate without scf attributes', { mspId: MSP.supplier }],
    ['an unknown role', { mspId: MSP.supplier, attrs: { 'scf.enterpriseId': tier1.id, 'scf.role': 'boss' } }],
    ['an org admin acting for no enterprise', orgAdmin(MSP.supplier)],
  ])('refuses %s with FORBIDDEN', async (_, caller) => {
    const ledger = await setUp();
    await expectRefused(
      ledger,
      () => registerInvoiceAs(ledger, caller, invoiceArgs(core.id)),
      ErrorCodes.Forbidden,
    );
  });

  it('refuses a suspended seller with FORBIDDEN', async () => {
    const ledger = await setUp();
    await suspend(ledger, 'tier1');
    await expectRefused(
      ledger,
      () => registerInvoiceAs(ledger, userOf('tier1', 'clerk'), invoiceArgs(core.id)),
      ErrorCodes.Forbidden,
    );
  });

  it.each<[string, () => string, ErrorCode]>([
    ['an unregistered buyer', () => 'NOT-AN-ENTERPRISE', ErrorCodes.NotFound],
    ['a bank buyer', () => ENTERPRISES.bankA.id, ErrorCodes.InvalidArgument],
    ['a logistics buyer', () => ENTERPRISES.carrier.id, ErrorCodes.InvalidArgument],
    ['the seller itself', () => tier1.id, ErrorCodes.InvalidArgument],
  ])('refuses %s', async (_, buyer, code) => {
    const ledger = await setUp();
    await expectRefused(
      ledger,
      () => registerInvoiceAs(ledger, userOf('tier1', 'clerk'), invoiceArgs(buyer())),
      code,
    );
  });

  it('refuses a suspended buyer with INVALID_STATE', async () => {
    const ledger = await setUp();
    await suspend(ledger, 'tier3');
    await expectRefused(
      ledger,
      () => registerInvoiceAs(ledger, userOf('tier1', 'clerk'), invoiceArgs(tier3.id)),
      ErrorCodes.InvalidState,
    );
  });

  it.each<[string, Partial<Parameters<typeof invoiceArgs>[1]>]>([
    ['an empty number', { number: '' }],
    ['a blank number', { number: '  ' }],
    ['a number over 64 characters', { number: 'N'.repeat(65) }],
    ['a number with a space', { number: 'INV 1' }],
    ['a number with a #', { number: 'INV#1' }],
    ['a zero amount', { amount: '0' }],
    ['a negative amount', { amount: '-1' }],
    ['a fractional amount', { amount: '10.5' }],
    ['an amount with a leading zero', { amount: '0100' }],
    ['an amount above the maximum', { amount: '10000000000000001' }],
    ['an empty amount', { amount: '' }],
    ['a malformed issue date', { issueDate: '2026/01/04' }],
    ['an impossible issue date', { issueDate: '2026-02-30' }],
    ['an issue date after today', { issueDate: '2026-01-06' }],
    ['a malformed due date', { dueDate: '30-04-2026' }],
    ['a due date on the issue date', { dueDate: '2026-01-04' }],
    ['a due date before the issue date', { dueDate: '2026-01-03' }],
    ['an upper-case document hash', { documentHash: sha256('x').toUpperCase() }],
    ['a short document hash', { documentHash: 'abc123' }],
    ['an empty document hash', { documentHash: '' }],
    ['a purchase order number over 64 characters', { purchaseOrderNumber: 'P'.repeat(65) }],
    ['a blank purchase order number', { purchaseOrderNumber: '   ' }],
    ['a purchase order number with NUL', { purchaseOrderNumber: 'PO\u000077' }],
    ['a purchase order number with NEL (U+0085)', { purchaseOrderNumber: 'PO\u008577' }],
    ['a purchase order number with a newline', { purchaseOrderNumber: 'PO\n77' }],
    ['a purchase order number with a lone surrogate', { purchaseOrderNumber: 'PO\uD800' }],
  ])('refuses %s with INVALID_ARGUMENT', async (_, overrides) => {
    const ledger = await setUp();
    await expectRefused(
      ledger,
      () => registerInvoiceAs(ledger, userOf('tier1', 'clerk'), invoiceArgs(core.id, overrides)),
      ErrorCodes.InvalidArgument,
    );
  });
});

describe('InvoiceContract.Register: the Art. 9 payment term', () => {
  it.each<[string, string, boolean]>([
    ['60 days after the issue date', '2026-03-05', false],
    ['61 days after the issue date', '2026-03-06', true],
  ])('flags a core buyer’s invoice due %s: %s', async (_, dueDate, exceeded) => {
    const ledger = await setUp();
    const saved = await registerInvoice(ledger, core.id, { issueDate: '2026-01-04', dueDate });
    expect(saved.paymentTermExceeded).toBe(exceeded);
  });
});

describe('InvoiceContract.Confirm', () => {
  async function registered(): Promise<{ ledger: MemoryLedger; invoice: Invoice }> {
    const ledger = await setUp();
    return { ledger, invoice: await registerInvoice(ledger, core.id) };
  }

  function expectedVoucher(invoice: Invoice, tx: number): Voucher {
    const number = voucherNumberCandidate(
      { debtorId: core.id, date: '2026-01-05', txId: txIdOf(tx), voucherId: invoice.id },
      0,
    );
    return {
      docType: 'voucher',
      id: invoice.id,
      number,
      debtorId: core.id,
      holderId: tier1.id,
      amount: '123456789',
      currency: 'CNY',
      maturityDate: '2026-04-30',
      rootId: invoice.id,
      tier: 0,
      status: 'ACTIVE',
      invoiceId: invoice.id,
      childIds: [],
      createdAt: '2026-01-05T02:00:00.000Z',
      updatedAt: '2026-01-05T02:00:00.000Z',
      txId: txIdOf(tx),
      updatedBy: `${core.id}/approver@CoreFirmMSP`,
    };
  }

  it('confirms after a delivered shipment and issues the root voucher to the seller', async () => {
    const { ledger, invoice } = await registered();
    await shipAndDeliver(ledger, invoice.id);
    const tx = FIRST_TX + 3;
    const confirmed = parse<Invoice>(await confirm(ledger, coreApprover, invoice.id, 'false'));
    expect(confirmed).toEqual({
      ...invoice,
      status: 'CONFIRMED',
      voucherId: invoice.id,
      // The delivery dated it and recounted its term: 2026-01-05 to 2026-04-30 is still over 60 days.
      deliveredOn: '2026-01-05',
      paymentTermExceeded: true,
      txId: txIdOf(tx),
      updatedBy: `${core.id}/approver@CoreFirmMSP`,
    });
    expect('deliveryWaived' in confirmed).toBe(false);
    expect(stored<Invoice>(ledger, 'invoice', invoice.id)).toEqual(confirmed);

    const voucher = stored<Voucher>(ledger, 'voucher', invoice.id);
    expect(voucher).toEqual(expectedVoucher(invoice, tx));
    expect('parentId' in voucher).toBe(false);
    expect(ledger.keysOfType('idx.voucher.open-maturity')).toEqual([
      key('idx.voucher.open-maturity', '2026-04-30', invoice.id),
    ]);
    expect(ledger.keysOfType('idx.voucher.number')).toEqual([
      key('idx.voucher.number', voucher.number ?? ''),
    ]);
    expect(endorsersOf(ledger, 'voucher', invoice.id)).toEqual([MSP.core, MSP.supplier]);
    expect(endorsersOf(ledger, 'invoice', invoice.id)).toEqual([MSP.core, MSP.supplier]);

    expect(ledger.events).toHaveLength(tx);
    expect(lastEvent(ledger)).toEqual({ name: Events.InvoiceConfirmed, records: [confirmed, voucher] });
    expect(ledger.events.at(-1)?.txId).toBe(txIdOf(tx));
  });

  it('confirms without a delivery when the buyer waives it, and records the waiver', async () => {
    const { ledger, invoice } = await registered();
    const confirmed = parse<Invoice>(await confirm(ledger, userOf('core', 'admin'), invoice.id, 'true'));
    expect(confirmed).toMatchObject({ status: 'CONFIRMED', voucherId: invoice.id, deliveryWaived: true });
    expect(stored<Invoice>(ledger, 'invoice', invoice.id)).toEqual(confirmed);
    expect(stored<Voucher>(ledger, 'voucher', invoice.id)).toEqual({
      ...expectedVoucher(invoice, FIRST_TX + 1),
      updatedBy: `${core.id}/admin@CoreFirmMSP`,
    });
    expect(endorsersOf(ledger, 'voucher', invoice.id)).toEqual([MSP.core, MSP.supplier]);
    expect(lastEvent(ledger).records).toHaveLength(2);
  });

  it('counts any delivered shipment of the invoice, among ones still on the way', async () => {
    const { ledger, invoice } = await registered();
    await pickUp(ledger, invoice.id, 'WB-A');
    await shipAndDeliver(ledger, invoice.id, 'WB-B');
    await pickUp(ledger, invoice.id, 'WB-C');
    const confirmed = parse<Invoice>(await confirm(ledger, coreApprover, invoice.id, 'false'));
    expect(confirmed.status).toBe('CONFIRMED');
  });

  it('refuses to confirm without a delivered shipment: none, or only picked up', async () => {
    const { ledger, invoice } = await registered();
    await expectRefused(
      ledger,
      () => confirm(ledger, coreApprover, invoice.id, 'false'),
      ErrorCodes.DeliveryNotConfirmed,
    );
    await pickUp(ledger, invoice.id);
    await expectRefused(
      ledger,
      () => confirm(ledger, coreApprover, invoice.id, 'false'),
      ErrorCodes.DeliveryNotConfirmed,
    );
  });

  it('does not count a delivery for another invoice', async () => {
    const { ledger, invoice } = await registered();
    const other = await registerInvoice(ledger, core.id, { number: 'INV-2026/0002' });
    await shipAndDeliver(ledger, other.id);
    await expectRefused(
      ledger,
      () => confirm(ledger, coreApprover, invoice.id, 'false'),
      ErrorCodes.DeliveryNotConfirmed,
    );
  });

  it.each(['yes', 'TRUE', '1', ''])('refuses waiveDelivery %j with INVALID_ARGUMENT', async (waive) => {
    const { ledger, invoice } = await registered();
    await expectRefused(
      ledger,
      () => confirm(ledger, coreApprover, invoice.id, waive),
      ErrorCodes.InvalidArgument,
    );
  });

  it.each<[string, TestCaller]>([
    ['a clerk of the buyer', userOf('core', 'clerk')],
    ['the supplier seller', userOf('tier1', 'approver')],
    ['another supplier', userOf('tier2', 'admin')],
    ['a bank', userOf('bankA', 'admin')],
    ['another core enterprise', userOf('otherCore', 'approver')],
    ['org X acting for the buyer hosted by org Y', { ...coreApprover, mspId: MSP.supplier }],
  ])('refuses %s with FORBIDDEN', async (_, caller) => {
    const { ledger, invoice } = await registered();
    await expectRefused(ledger, () => confirm(ledger, caller, invoice.id, 'true'), ErrorCodes.Forbidden);
  });

  it('refuses an SME buyer: only a core enterprise confirms into a voucher', async () => {
    const ledger = await setUp();
    const invoice = await registerInvoice(ledger, tier2.id);
    await expectRefused(
      ledger,
      () => confirm(ledger, userOf('tier2', 'approver'), invoice.id, 'true'),
      ErrorCodes.Forbidden,
    );
  });

  it('answers NOT_FOUND for an unknown invoice', async () => {
    const ledger = await setUp();
    await expectRefused(ledger, () => confirm(ledger, coreApprover, 'nope', 'true'), ErrorCodes.NotFound);
  });

  it('refuses an invoice that is no longer REGISTERED', async () => {
    const { ledger, invoice } = await registered();
    await confirm(ledger, coreApprover, invoice.id, 'true');
    await expectRefused(
      ledger,
      () => confirm(ledger, coreApprover, invoice.id, 'true'),
      ErrorCodes.InvalidState,
    );
    const other = await registerInvoice(ledger, core.id, { number: 'INV-2' });
    await ledger.submit(coreApprover, (ctx) => contract.Reject(ctx, other.id, 'wrong price'));
    await expectRefused(
      ledger,
      () => confirm(ledger, coreApprover, other.id, 'true'),
      ErrorCodes.InvalidState,
    );
  });

  describe('term caps (银发〔2025〕77号): at most one year, flagged beyond six months', () => {
    /** An invoice due on `dueDate`, confirmed (delivery waived) on the ledger's date, 2026-01-05. */
    async function confirmDue(dueDate: string): Promise<{ ledger: MemoryLedger; invoice: Invoice }> {
      const ledger = await setUp();
      const invoice = await registerInvoice(ledger, core.id, { dueDate });
      return { ledger, invoice };
    }

    it('confirms a 200-day term and flags the root voucher long-term', async () => {
      // 2026-01-05 + 200 days = 2026-07-24, after 2026-07-05 (six months on).
      const { ledger, invoice } = await confirmDue('2026-07-24');
      await confirm(ledger, coreApprover, invoice.id, 'true');
      expect(stored<Voucher>(ledger, 'voucher', invoice.id)).toMatchObject({
        maturityDate: '2026-07-24',
        longTerm: true,
      });
    });

    it('does not flag a maturity exactly six months on', async () => {
      const { ledger, invoice } = await confirmDue('2026-07-05');
      await confirm(ledger, coreApprover, invoice.id, 'true');
      expect('longTerm' in stored<Voucher>(ledger, 'voucher', invoice.id)).toBe(false);
    });

    it('confirms a maturity exactly a year on, and refuses one a day later, with TERM_TOO_LONG', async () => {
      const { ledger, invoice } = await confirmDue('2027-01-05');
      await confirm(ledger, coreApprover, invoice.id, 'true');
      expect(stored<Voucher>(ledger, 'voucher', invoice.id).longTerm).toBe(true);
      const later = await registerInvoice(ledger, core.id, { number: 'INV-LATE', dueDate: '2027-01-06' });
      await expectRefused(
        ledger,
        () => confirm(ledger, coreApprover, later.id, 'true'),
        ErrorCodes.TermTooLong,
      );
      await expect(confirm(ledger, coreApprover, later.id, 'true')).rejects.toThrow(
        'may mature on 2027-01-05 at the latest',
      );
    });

    it('refuses a 400-day term with TERM_TOO_LONG and writes nothing', async () => {
      const { ledger, invoice } = await confirmDue('2027-02-09');
      await expectRefused(
        ledger,
        () => confirm(ledger, coreApprover, invoice.id, 'true'),
        ErrorCodes.TermTooLong,
      );
      expect(stored<Invoice>(ledger, 'invoice', invoice.id).status).toBe('REGISTERED');
    });

    it('counts the year from the China business date of the confirmation, clamped on 29 February', async () => {
      const ledger = await setUp();
      ledger.setTime('2028-02-28T16:00:00Z'); // 2028-02-29 00:00 in China
      const ok = await registerInvoice(ledger, core.id, { issueDate: '2028-02-28', dueDate: '2029-02-28' });
      await confirm(ledger, coreApprover, ok.id, 'true');
      const late = await registerInvoice(ledger, core.id, {
        number: 'INV-LEAP',
        issueDate: '2028-02-28',
        dueDate: '2029-03-01',
      });
      await expectRefused(
        ledger,
        () => confirm(ledger, coreApprover, late.id, 'true'),
        ErrorCodes.TermTooLong,
      );
    });
  });

  it('refuses an invoice already due on the China business date', async () => {
    const { ledger, invoice } = await registered();
    ledger.setTime('2026-04-29T16:00:00Z'); // 2026-04-30 00:00 in China: the due date
    await expectRefused(
      ledger,
      () => confirm(ledger, coreApprover, invoice.id, 'true'),
      ErrorCodes.InvalidState,
    );
    ledger.setTime('2026-04-29T15:59:59Z'); // still 2026-04-29 in China
    const confirmed = parse<Invoice>(await confirm(ledger, coreApprover, invoice.id, 'true'));
    expect(confirmed.updatedAt).toBe('2026-04-29T15:59:59.000Z');
  });
});

describe('InvoiceContract.Reject', () => {
  const reject = (ledger: MemoryLedger, caller: TestCaller, id: string, reason: string): Promise<string> =>
    ledger.submit(caller, (ctx) => contract.Reject(ctx, id, reason));

  it('lets the core buyer reject a registered invoice, with its reason, and one event', async () => {
    const ledger = await setUp();
    const invoice = await registerInvoice(ledger, core.id);
    const rejected = parse<Invoice>(
      await reject(ledger, userOf('core', 'clerk'), invoice.id, 'price differs from PO'),
    );
    expect(rejected).toEqual({
      ...invoice,
      status: 'REJECTED',
      rejectionReason: 'price differs from PO',
      txId: txIdOf(FIRST_TX + 1),
      updatedBy: `${core.id}/clerk@CoreFirmMSP`,
    });
    expect(stored<Invoice>(ledger, 'invoice', invoice.id)).toEqual(rejected);
    expect(lastEvent(ledger)).toEqual({ name: Events.InvoiceRejected, records: [rejected] });
    expect(ledger.events.at(-1)?.txId).toBe(txIdOf(FIRST_TX + 1));
  });

  it('keeps a multi-line reason, in NFC', async () => {
    const ledger = await setUp();
    const invoice = await registerInvoice(ledger, core.id);
    const reason = 'Price differs:\n\tline 3 re\u0301duced';
    const rejected = parse<Invoice>(await reject(ledger, coreApprover, invoice.id, reason));
    expect(rejected.rejectionReason).toBe('Price differs:\n\tline 3 r\u00E9duced');
  });

  it('lets a supplier buyer reject, with a reason of 500 characters', async () => {
    const ledger = await setUp();
    const invoice = await registerInvoice(ledger, tier2.id);
    const rejected = parse<Invoice>(
      await reject(ledger, userOf('tier2', 'clerk'), invoice.id, 'r'.repeat(500)),
    );
    expect(rejected).toMatchObject({ status: 'REJECTED', rejectionReason: 'r'.repeat(500) });
  });

  it.each<[string, TestCaller]>([
    ['the seller', userOf('tier1', 'approver')],
    ['another core enterprise', userOf('otherCore', 'admin')],
    ['a bank', userOf('bankA', 'admin')],
    ['org X acting for the buyer hosted by org Y', { ...userOf('core', 'clerk'), mspId: MSP.bankB }],
  ])('refuses %s with FORBIDDEN', async (_, caller) => {
    const ledger = await setUp();
    const invoice = await registerInvoice(ledger, core.id);
    await expectRefused(ledger, () => reject(ledger, caller, invoice.id, 'no'), ErrorCodes.Forbidden);
  });

  it.each([
    ['an empty reason', ''],
    ['a blank reason', ' \t '],
    ['a reason over 500 characters', 'r'.repeat(501)],
    ['a reason with NUL', 'wrong\u0000price'],
    ['a reason with a carriage return', 'wrong\r\nprice'],
    ['a reason with U+009F', 'wrong\u009Fprice'],
    ['a reason with a lone surrogate', 'wrong \uDE00 price'],
  ])('refuses %s with INVALID_ARGUMENT', async (_, reason) => {
    const ledger = await setUp();
    const invoice = await registerInvoice(ledger, core.id);
    await expectRefused(
      ledger,
      () => reject(ledger, coreApprover, invoice.id, reason),
      ErrorCodes.InvalidArgument,
    );
  });

  it('refuses an unknown invoice and one no longer REGISTERED', async () => {
    const ledger = await setUp();
    await expectRefused(ledger, () => reject(ledger, coreApprover, 'nope', 'no'), ErrorCodes.NotFound);
    const invoice = await registerInvoice(ledger, core.id);
    await confirm(ledger, coreApprover, invoice.id, 'true');
    await expectRefused(
      ledger,
      () => reject(ledger, coreApprover, invoice.id, 'no'),
      ErrorCodes.InvalidState,
    );
  });
});

describe('InvoiceContract.Cancel', () => {
  const cancel = (ledger: MemoryLedger, caller: TestCaller, id: string): Promise<string> =>
    ledger.submit(caller, (ctx) => contract.Cancel(ctx, id));

  it('lets the seller cancel a registered, unpaid invoice, with one event', async () => {
    const ledger = await setUp();
    const invoice = await registerInvoice(ledger, core.id);
    const cancelled = parse<Invoice>(await cancel(ledger, userOf('tier1', 'clerk'), invoice.id));
    expect(cancelled).toEqual({
      ...invoice,
      status: 'CANCELLED',
      txId: txIdOf(FIRST_TX + 1),
      updatedBy: `${tier1.id}/clerk@SupplierMSP`,
    });
    expect(stored<Invoice>(ledger, 'invoice', invoice.id)).toEqual(cancelled);
    expect(lastEvent(ledger)).toEqual({ name: Events.InvoiceCancelled, records: [cancelled] });
    expect(ledger.events.at(-1)?.txId).toBe(txIdOf(FIRST_TX + 1));
  });

  it.each<[string, TestCaller]>([
    ['the buyer', coreApprover],
    ['another supplier', userOf('tier2', 'admin')],
    ['org X acting for the seller hosted by org Y', { ...userOf('tier1', 'admin'), mspId: MSP.logistics }],
  ])('refuses %s with FORBIDDEN', async (_, caller) => {
    const ledger = await setUp();
    const invoice = await registerInvoice(ledger, core.id);
    await expectRefused(ledger, () => cancel(ledger, caller, invoice.id), ErrorCodes.Forbidden);
  });

  it('refuses an unknown invoice, a confirmed one and a partly paid one', async () => {
    const ledger = await setUp();
    const seller = userOf('tier1', 'clerk');
    await expectRefused(ledger, () => cancel(ledger, seller, 'nope'), ErrorCodes.NotFound);
    const confirmed = await registerInvoice(ledger, core.id);
    await confirm(ledger, coreApprover, confirmed.id, 'true');
    await expectRefused(ledger, () => cancel(ledger, seller, confirmed.id), ErrorCodes.InvalidState);
    const paid = await registerInvoice(ledger, core.id, { number: 'INV-PAID' });
    patchStored(ledger, 'invoice', paid.id, { paidAmount: '5' });
    await expectRefused(ledger, () => cancel(ledger, seller, paid.id), ErrorCodes.InvalidState);
  });
});

describe('InvoiceContract reads', () => {
  it('answers NOT_FOUND for an unknown id', async () => {
    const ledger = await setUp();
    await expect(ledger.evaluate(coreApprover, (ctx) => contract.Get(ctx, 'nope'))).rejects.toMatchObject({
      code: ErrorCodes.NotFound,
    });
  });

  it('is open to any caller', async () => {
    const ledger = await setUp();
    const invoice = await registerInvoice(ledger, core.id);
    const outsider: TestCaller = { mspId: MSP.bankB };
    expect(parse<Invoice>(await ledger.evaluate(outsider, (ctx) => contract.Get(ctx, invoice.id)))).toEqual(
      invoice,
    );
  });
});
