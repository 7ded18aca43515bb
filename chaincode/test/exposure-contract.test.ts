import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Context } from 'fabric-contract-api';
import { ExposureContract } from '../src/contracts/exposure-contract';
import { InvoiceContract } from '../src/contracts/invoice-contract';
import { SettlementContract } from '../src/contracts/settlement-contract';
import {
  type DebtorExposure,
  ErrorCodes,
  type Financing,
  type Invoice,
  type SplitResult,
} from '@scf/ledger-contract';
import { orgAdmin, userOf } from './support/callers';
import { amendCharter, CHARTER_TERMS, charters } from './support/charter';
import { setBusinessDate } from './support/clock';
import { ids, MSP } from './support/enterprises';
import { expectRefused } from './support/expect-refused';
import {
  accept,
  apply,
  disburse,
  financeVoucher,
  financings,
  offer,
  registrationFor,
  setupFinance,
  withTerms,
} from './support/financing';
import { registerInvoice, seedInvoice } from './support/invoices';
import { key } from './support/ledger-state';
import type { MemoryLedger } from './support/memory-stub';
import { MemoryLedger as Ledger } from './support/memory-stub';
import { parse } from './support/parse';
import { registerEnterprise } from './support/registration';
import { acceptPiece, kept, paid, voucherContract } from './support/vouchers';
import type { EventPayload } from '@scf/ledger-contract';

const exposure = new ExposureContract();
const invoices = new InvoiceContract();
const settlement = new SettlementContract();

/** Invoices in the worked example fall due here. */
const DUE = '2026-04-30';

let ledger: MemoryLedger;

beforeEach(async () => {
  ledger = new Ledger();
  await setupFinance(ledger);
});

const figures = async (caller = userOf('bankB'), debtorId = ids.core): Promise<DebtorExposure> =>
  parse<DebtorExposure>(await ledger.evaluate(caller, (ctx) => exposure.Get(ctx, debtorId)));

/** tier 1 invoices the core enterprise, which confirms it (delivery waived): a root voucher of `amount`. */
async function confirmedVoucher(number: string, amount: string): Promise<string> {
  const invoice = await registerInvoice(ledger, ids.core, { number, amount, dueDate: DUE });
  const confirmed = parse<Invoice>(
    await ledger.submit(userOf('core'), (ctx) => invoices.Confirm(ctx, invoice.id, 'true', '')),
  );
  return confirmed.voucherId ?? '';
}

const pay = (voucherId: string): Promise<string> =>
  ledger.submit(userOf('core'), (ctx) => settlement.Pay(ctx, voucherId, `PAY-${voucherId.slice(0, 8)}`));

const lastPayload = (): EventPayload => {
  const event = ledger.events.at(-1);
  if (!event) throw new Error('no event');
  return parse<EventPayload>(event.payload);
};

/** The consortium charter with a cap on the core enterprise. */
const capped = (cap: string) => ({ ...CHARTER_TERMS, exposureCaps: { [ids.core]: cap } });

describe('consortium-wide figures per core enterprise', () => {
  it('follows confirm, split, finance at two banks and pay, in worked numbers', async () => {
    // Confirmed: 600,000.00 + 400,000.00 yuan.
    const first = await confirmedVoucher('INV-EXP-1', '60000000');
    expect(lastPayload().exposure).toEqual([{ debtorId: ids.core, measure: 'vouchers', amount: '60000000' }]);
    const second = await confirmedVoucher('INV-EXP-2', '40000000');
    expect(await figures()).toEqual({
      debtorId: ids.core,
      outstandingVouchers: '100000000',
      financedOutstanding: '0',
    });

    // Split: 350,000 kept, 250,000 passed to tier 2; the debtor owes the same in total.
    const tier2Invoice = await seedInvoice(ledger, {
      seller: 'tier2',
      buyer: 'tier1',
      number: 'INV-T2-EXP',
      amount: '30000000',
    });
    const split = parse<SplitResult>(
      await ledger.submit(userOf('tier1'), (ctx) =>
        voucherContract.SplitTransfer(
          ctx,
          first,
          JSON.stringify([kept('35000000'), paid('25000000', 'tier2', tier2Invoice)]),
        ),
      ),
    );
    expect(lastPayload().exposure).toBeUndefined();
    const [keptPiece, passedPiece] = split.children.map((child) => child.id);
    await acceptPiece(ledger, 'tier2', passedPiece ?? '');
    expect((await figures()).outstandingVouchers).toBe('100000000');

    // Financed: the kept piece at bank A, the second voucher at bank B.
    await financeVoucher(ledger, keptPiece ?? '', 'bankA');
    expect(lastPayload().exposure).toEqual([{ debtorId: ids.core, measure: 'financed', amount: '35000000' }]);
    await financeVoucher(ledger, second, 'bankB');
    expect(await figures(userOf('bankA', 'clerk'))).toEqual({
      debtorId: ids.core,
      outstandingVouchers: '100000000',
      financedOutstanding: '75000000',
    });

    // Paid at maturity: the financed piece leaves both figures, the unfinanced one only the first.
    setBusinessDate(ledger, DUE);
    await pay(keptPiece ?? '');
    expect(lastPayload().exposure).toEqual([
      { debtorId: ids.core, measure: 'financed', amount: '-35000000' },
      { debtorId: ids.core, measure: 'vouchers', amount: '-35000000' },
    ]);
    await pay(passedPiece ?? '');
    expect(await figures()).toEqual({
      debtorId: ids.core,
      outstandingVouchers: '40000000',
      financedOutstanding: '40000000',
    });
  });

  it('says nothing of which bank financed what, nor at which terms', async () => {
    const voucherId = await confirmedVoucher('INV-EXP-3', '60000000');
    await financeVoucher(ledger, voucherId, 'bankA');
    const answer = await ledger.evaluate(userOf('bankB'), (ctx) => exposure.Get(ctx, ids.core));
    expect(answer).not.toContain(ids.bankA);
    expect(answer).not.toContain(MSP.bankA);
    expect(Object.keys(parse<object>(answer)).sort()).toEqual([
      'debtorId',
      'financedOutstanding',
      'outstandingVouchers',
    ]);
  });

  it('answers banks and the debtor itself; refuses SMEs and other core enterprises', async () => {
    await registerEnterprise(ledger, 'core2');
    expect((await figures(userOf('core', 'clerk'))).debtorId).toBe(ids.core);
    await expect(figures(userOf('tier1'))).rejects.toMatchObject({ code: ErrorCodes.Forbidden });
    await expect(figures(userOf('core2'))).rejects.toMatchObject({ code: ErrorCodes.Forbidden });
    await expect(figures(userOf('bankA'), ids.tier1)).rejects.toMatchObject({
      code: ErrorCodes.InvalidArgument,
    });
  });

  it('writes one entry per transaction and never reads the others when no cap applies', async () => {
    const ranges: string[] = [];
    const spy = (ctx: Context): void => {
      const original = ctx.stub.getStateByPartialCompositeKey.bind(ctx.stub);
      vi.spyOn(ctx.stub, 'getStateByPartialCompositeKey').mockImplementation((type, attributes) => {
        ranges.push(type);
        return original(type, attributes);
      });
    };
    const invoice = await registerInvoice(ledger, ids.core, {
      number: 'INV-EXP-4',
      amount: '60000000',
      dueDate: DUE,
    });
    const confirmed = parse<Invoice>(
      await ledger.submit(userOf('core'), (ctx) => {
        spy(ctx);
        return invoices.Confirm(ctx, invoice.id, 'true', '');
      }),
    );
    const entries = [...ledger.state.keys()].filter((name) =>
      name.startsWith(key('agg.exposure').slice(0, -1)),
    );
    expect(entries).toEqual([key('agg.exposure', ids.core, 'vouchers', confirmed.txId)]);
    expect(ranges).not.toContain('agg.exposure');
  });
});

describe('the charter cap on what all banks together finance against a core enterprise', () => {
  it('refuses bank B an offer beyond the cap once bank A financed (EXPOSURE_CAP_EXCEEDED)', async () => {
    await amendCharter(ledger, capped('80000000'));
    const first = await confirmedVoucher('INV-CAP-1', '60000000');
    const second = await confirmedVoucher('INV-CAP-2', '40000000');
    await financeVoucher(ledger, first, 'bankA');
    const applied = await apply(ledger, second, 'bankB');
    await expectRefused(
      ledger,
      () => ledger.submit(userOf('bankB'), (ctx) => financings.Offer(ctx, applied.id), withTerms()),
      ErrorCodes.ExposureCapExceeded,
    );
    expect((await figures()).exposureCap).toBe('80000000');
  });

  it('checks again at disbursement: a cap adopted after the offer refuses the payout', async () => {
    const first = await confirmedVoucher('INV-CAP-3', '60000000');
    const second = await confirmedVoucher('INV-CAP-4', '40000000');
    await financeVoucher(ledger, first, 'bankA');
    const offered = await offer(ledger, await apply(ledger, second, 'bankB'));
    await accept(ledger, offered);
    await amendCharter(ledger, capped('99999999'));
    await expectRefused(
      ledger,
      () =>
        ledger.submit(userOf('bankB'), (ctx) =>
          financings.Disburse(ctx, offered.id, 'PAY-CAP', JSON.stringify(registrationFor(offered))),
        ),
      ErrorCodes.ExposureCapExceeded,
    );
    // Exactly at the cap is allowed; the bank's own line is checked as before.
    await amendCharter(ledger, capped('100000000'));
    const disbursed: Financing = await disburse(ledger, offered);
    expect(disbursed.status).toBe('DISBURSED');
    expect((await figures()).financedOutstanding).toBe('100000000');
  });

  it('makes room again once a financed voucher is paid', async () => {
    await amendCharter(ledger, capped('60000000'));
    const first = await confirmedVoucher('INV-CAP-5', '60000000');
    const second = await confirmedVoucher('INV-CAP-6', '40000000');
    await financeVoucher(ledger, first, 'bankA');
    setBusinessDate(ledger, DUE);
    await pay(first);
    expect((await figures()).financedOutstanding).toBe('0');
    setBusinessDate(ledger, '2026-01-06');
    const applied = await apply(ledger, second, 'bankB');
    expect((await offer(ledger, applied)).status).toBe('OFFERED');
  });

  it('keeps caps only while the adopted terms state them', async () => {
    const withCap = await amendCharter(ledger, capped('80000000'));
    expect(withCap.exposureCaps).toEqual({ [ids.core]: '80000000' });
    const without = await amendCharter(ledger, CHARTER_TERMS);
    expect(without).not.toHaveProperty('exposureCaps');
    const read = parse<object>(await ledger.evaluate(orgAdmin(MSP.core), (ctx) => charters.Get(ctx)));
    expect(read).not.toHaveProperty('exposureCaps');
  });
});
