import { beforeEach, describe, expect, it } from 'vitest';
import { InvoiceContract } from '../src/contracts/invoice-contract';
import { SettlementContract } from '../src/contracts/settlement-contract';
import {
  type AccruedLateInterest,
  ErrorCodes,
  type Invoice,
  ObjectTypes,
  type Voucher,
} from '@scf/ledger-contract';
import { userOf } from './support/callers';
import { morningOf, setBusinessDate } from './support/clock';
import { ids } from './support/enterprises';
import { expectRefused } from './support/expect-refused';
import { setupFinance } from './support/financing';
import { registerInvoice } from './support/invoices';
import { stored } from './support/ledger-state';
import { MemoryLedger } from './support/memory-stub';
import { parse } from './support/parse';
import { LPR_1Y, publishRate } from './support/rates';
import { coreVoucher, MATURITY, seedVoucher } from './support/vouchers';

/*
 * Decree 802 Art. 17 on the ledger. The fixtures' 1Y LPR is 310 bps from 2025-12-22; the ledger's
 * clock starts on 2026-01-05; a registered invoice is 123,456,789 fen due 2026-04-30.
 */

const invoices = new InvoiceContract();
const settlement = new SettlementContract();
const DUE = '2026-04-30';

let ledger: MemoryLedger;

const confirm = (invoiceId: string, lateInterestBps: string): Promise<string> =>
  ledger.submit(userOf('core', 'approver'), (ctx) =>
    invoices.Confirm(ctx, invoiceId, 'true', lateInterestBps),
  );
const voucherOf = (id: string): Voucher => stored<Voucher>(ledger, ObjectTypes.Voucher, id);
const accrued = async (voucherId: string): Promise<AccruedLateInterest> =>
  parse<AccruedLateInterest>(
    await ledger.submit(userOf('tier1', 'clerk'), (ctx) => settlement.LateInterest(ctx, voucherId)),
  );
const pay = async (voucherId: string): Promise<Voucher> =>
  parse<Voucher>(
    await ledger.submit(userOf('core', 'approver'), (ctx) => settlement.Pay(ctx, voucherId, 'PAY-1')),
  );

async function confirmed(lateInterestBps: string): Promise<Invoice> {
  const invoice = await registerInvoice(ledger, ids.core);
  await confirm(invoice.id, lateInterestBps);
  return invoice;
}

beforeEach(async () => {
  ledger = new MemoryLedger();
  await setupFinance(ledger, { lines: [] });
});

describe('the late-interest rate fixed at confirmation', () => {
  it('keeps an agreed rate above the 1Y LPR of the day, with the floor on the record', async () => {
    const invoice = await confirmed('600');
    expect(voucherOf(invoice.id).lateInterestRate).toEqual({
      basis: 'AGREED',
      agreedAnnualBps: 600,
      lprFloorBps: LPR_1Y.rateBps,
      annualBps: 600,
    });
  });

  it('raises an agreed rate below the 1Y LPR to the LPR', async () => {
    const invoice = await confirmed('300');
    expect(voucherOf(invoice.id).lateInterestRate).toMatchObject({ agreedAnnualBps: 300, annualBps: 310 });
  });

  it('records no rate where none was agreed: the statutory 0.05 % a day applies', async () => {
    const invoice = await confirmed('');
    expect('lateInterestRate' in voucherOf(invoice.id)).toBe(false);
    setBusinessDate(ledger, '2026-05-03');
    expect(await accrued(invoice.id)).toMatchObject({
      days: 3,
      // 123,456,789 × 5 × 3 / 10,000 = 185,185.18
      amount: '185185',
      rate: { basis: 'STATUTORY', dailyBps: 5 },
    });
  });

  it('refuses an agreed rate out of range, and one without a 1Y LPR in force to floor it', async () => {
    const invoice = await registerInvoice(ledger, ids.core);
    for (const bad of ['0', '10001', '3.5', 'six']) {
      await expectRefused(ledger, () => confirm(invoice.id, bad), ErrorCodes.InvalidArgument);
    }
    const bare = new MemoryLedger();
    await setupFinance(bare, { rate: false, lines: [] });
    ledger = bare;
    const unrated = await registerInvoice(ledger, ids.core);
    await expectRefused(ledger, () => confirm(unrated.id, '600'), ErrorCodes.NotFound);
    expect(parse<Invoice>(await confirm(unrated.id, '')).status).toBe('CONFIRMED');
  });
});

describe('late interest at payment', () => {
  it('keeps the LPR of the confirmation date when the LPR changes afterwards', async () => {
    const invoice = await confirmed('300');
    await publishRate(ledger, '1Y', 350, '2026-03-20');
    setBusinessDate(ledger, '2026-05-10');
    // 123,456,789 × 310 × 10 / 3,600,000 = 106,310.01 fen (at 350 it would be 120,027.43)
    expect(await accrued(invoice.id)).toEqual({
      voucherId: invoice.id,
      principal: '123456789',
      maturityDate: DUE,
      asOf: '2026-05-10',
      days: 10,
      amount: '106310',
      rate: { basis: 'AGREED', agreedAnnualBps: 300, lprFloorBps: 310, annualBps: 310 },
    });
    const paid = await pay(invoice.id);
    expect(paid.settlement).toMatchObject({
      amount: '123456789',
      lateInterest: { amount: '106310', days: 10, rate: { annualBps: 310 } },
      total: '123563099',
    });
    // Read after payment: what was paid, not what would accrue today.
    setBusinessDate(ledger, '2026-06-01');
    expect(await accrued(invoice.id)).toMatchObject({ asOf: '2026-05-10', days: 10, amount: '106310' });
  });

  it('counts over a month boundary for a voucher confirmed before rates were agreed (statutory)', async () => {
    const voucher = await seedVoucher(ledger, coreVoucher({ amount: '100000000' }));
    setBusinessDate(ledger, '2026-05-06');
    // MATURITY 2026-04-05 to 2026-05-06: 31 days; 100,000,000 × 5 × 31 / 10,000
    expect((await pay(voucher.id)).settlement).toMatchObject({
      lateInterest: { amount: '1550000', days: 31 },
      total: '101550000',
    });
  });

  it('reads no figure for a payment recorded before late interest was', async () => {
    const settlement = {
      paidTo: ids.tier1,
      amount: '100000000',
      paymentReference: 'OLD',
      paidAt: morningOf('2026-04-06'),
    };
    const voucher = await seedVoucher(ledger, { ...coreVoucher({ status: 'SETTLED' }), settlement });
    await expect(accrued(voucher.id)).rejects.toMatchObject({ code: ErrorCodes.InvalidState });
  });

  it('accrues nothing up to maturity', async () => {
    const voucher = await seedVoucher(ledger);
    expect(await accrued(voucher.id)).toMatchObject({ days: 0, amount: '0' });
    setBusinessDate(ledger, MATURITY);
    expect(await accrued(voucher.id)).toMatchObject({ days: 0, amount: '0' });
  });
});
