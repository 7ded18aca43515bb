import { beforeEach, describe, expect, it } from 'vitest';
import { SettlementContract } from '../src/contracts/settlement-contract';
import {
  type CreditLine,
  ErrorCodes,
  Events,
  type Financing,
  ObjectTypes,
  type Voucher,
} from '@scf/ledger-contract';
import { VoucherIndexes } from '../src/repositories/vouchers';
import { orgAdmin, userOf } from './support/callers';
import { morningOf, setBusinessDate } from './support/clock';
import { creditLines, lineIdOf, setUsed } from './support/credit-lines';
import { ENTERPRISES, ids, MSP } from './support/enterprises';
import { lastEvent } from './support/events';
import { expectRefused, snapshot } from './support/expect-refused';
import { apply, financeVoucher, financings, offer, setupFinance, withTerms } from './support/financing';
import { hasIndex, stored } from './support/ledger-state';
import { MemoryLedger } from './support/memory-stub';
import { parse } from './support/parse';
import { registerEnterprise } from './support/registration';
import { coreVoucher, MATURITY, seedVoucher } from './support/vouchers';

const contract = new SettlementContract();

let ledger: MemoryLedger;

beforeEach(async () => {
  ledger = new MemoryLedger();
  await setupFinance(ledger);
});

const pay = (voucherId: string, caller = userOf('core', 'approver'), reference = 'CORE-PAY-0001') =>
  ledger.submit(caller, (ctx) => contract.Pay(ctx, voucherId, reference));
const sweep = async (limit: string, caller = userOf('core', 'approver')) =>
  parse<{ count: number; vouchers: Voucher[] }>(
    await ledger.submit(caller, (ctx) => contract.SweepOverdue(ctx, limit)),
  );
const voucherOf = (id: string) => stored<Voucher>(ledger, ObjectTypes.Voucher, id);
const lineA = () => stored<CreditLine>(ledger, ObjectTypes.CreditLine, lineIdOf('bankA'));

describe('SettlementContract.Pay', () => {
  it('pays the holder of an unfinanced piece at maturity, with one event', async () => {
    const voucher = await seedVoucher(ledger);
    setBusinessDate(ledger, MATURITY);
    const paid = parse<Voucher>(await pay(voucher.id));
    expect(paid).toEqual({
      ...voucher,
      status: 'SETTLED',
      settlement: {
        paidTo: ids.tier1,
        amount: '100000000',
        paymentReference: 'CORE-PAY-0001',
        paidAt: morningOf(MATURITY),
        // Paid on the maturity date: on time, no late interest.
        lateInterest: { amount: '0', days: 0, rate: { basis: 'STATUTORY', dailyBps: 5 } },
        total: '100000000',
      },
      updatedAt: morningOf(MATURITY),
      txId: paid.txId,
      updatedBy: `${ids.core}/approver@${MSP.core}`,
    });
    expect(voucherOf(voucher.id)).toEqual(paid);
    expect(lastEvent(ledger)).toEqual({ name: Events.VoucherSettled, records: [paid] });
    expect(hasIndex(ledger, VoucherIndexes.openByMaturity, [MATURITY], voucher.id)).toBe(false);
  });

  it('pays the bank for a financed piece, settles the financing and releases the line', async () => {
    const voucher = await seedVoucher(ledger);
    const financing = await financeVoucher(ledger, voucher.id);
    expect(lineA().used).toBe('100000000');
    setBusinessDate(ledger, '2026-04-10');
    const paid = parse<Voucher>(await pay(voucher.id, userOf('core', 'admin')));
    expect(paid.settlement).toEqual({
      paidTo: ids.bankA,
      amount: '100000000',
      paymentReference: 'CORE-PAY-0001',
      paidAt: morningOf('2026-04-10'),
      // Five days after maturity at 0.05 % a day, to the holder (the bank): 100,000,000 × 5 × 5 / 10,000.
      lateInterest: { amount: '250000', days: 5, rate: { basis: 'STATUTORY', dailyBps: 5 } },
      total: '100250000',
    });
    const settled = stored<Financing>(ledger, ObjectTypes.Financing, financing.id);
    expect(settled).toEqual({
      ...financing,
      status: 'SETTLED',
      updatedAt: paid.updatedAt,
      txId: paid.txId,
      updatedBy: paid.updatedBy,
    });
    const line = lineA();
    expect(line.used).toBe('0');
    expect(lastEvent(ledger)).toEqual({ name: Events.VoucherSettled, records: [paid, settled, line] });
  });

  it('refuses financing beyond the available line until settlement releases it', async () => {
    await ledger.submit(userOf('bankA', 'approver'), (ctx) =>
      creditLines.Change(ctx, lineIdOf('bankA'), '100000000', '2026-12-31'),
    );
    const first = await seedVoucher(
      ledger,
      coreVoucher({
        label: 'first',
        amount: '60000000',
        maturityDate: '2026-02-05',
      }),
    );
    const second = await seedVoucher(ledger, coreVoucher({ label: 'second', amount: '60000000' }));
    await financeVoucher(ledger, first.id, 'bankA', { validUntil: '2026-01-10' });
    expect(lineA().used).toBe('60000000');
    const applied = await apply(ledger, second.id);
    await expectRefused(
      ledger,
      () =>
        ledger.submit(userOf('bankA', 'approver'), (ctx) => financings.Offer(ctx, applied.id), withTerms()),
      ErrorCodes.CreditLimitExceeded,
    );
    setBusinessDate(ledger, '2026-02-05');
    await pay(first.id);
    expect(lineA().used).toBe('0');
    const offered = await offer(ledger, applied, { validUntil: '2026-02-10' });
    expect(offered.status).toBe('OFFERED');
  });

  it('settles the financing of a financed piece that went overdue', async () => {
    const voucher = await seedVoucher(ledger);
    const financing = await financeVoucher(ledger, voucher.id);
    setBusinessDate(ledger, '2026-04-06');
    expect((await sweep('10')).count).toBe(1);
    const paid = parse<Voucher>(await pay(voucher.id));
    expect(paid).toMatchObject({ status: 'SETTLED', settlement: { paidTo: ids.bankA } });
    expect(stored<Financing>(ledger, ObjectTypes.Financing, financing.id).status).toBe('SETTLED');
    expect(lineA().used).toBe('0');
    expect(lastEvent(ledger).records.map((record) => record.docType)).toEqual([
      'voucher',
      'financing',
      'creditline',
    ]);
  });

  it('pays an overdue unfinanced piece, and one whose financing was withdrawn, without touching financing', async () => {
    const overdue = await seedVoucher(
      ledger,
      coreVoucher({
        label: 'overdue',
        maturityDate: '2026-01-04',
        status: 'OVERDUE',
      }),
    );
    const withdrawnOne = await seedVoucher(ledger, coreVoucher({ label: 'withdrawn' }));
    const financing = await apply(ledger, withdrawnOne.id);
    await ledger.submit(userOf('tier1', 'clerk'), (ctx) => financings.Withdraw(ctx, financing.id));
    expect(parse<Voucher>(await pay(overdue.id)).status).toBe('SETTLED');
    expect(lastEvent(ledger).records).toHaveLength(1);
    setBusinessDate(ledger, MATURITY);
    const paid = parse<Voucher>(await pay(withdrawnOne.id));
    expect(paid).toMatchObject({
      status: 'SETTLED',
      financingId: financing.id,
      settlement: { paidTo: ids.tier1 },
    });
    expect(lastEvent(ledger).records).toEqual([paid]);
    expect(stored<Financing>(ledger, ObjectTypes.Financing, financing.id).status).toBe('WITHDRAWN');
  });

  it('refuses to pay before maturity with NOT_MATURE', async () => {
    const voucher = await seedVoucher(ledger);
    setBusinessDate(ledger, '2026-04-04');
    await expectRefused(ledger, () => pay(voucher.id), ErrorCodes.NotMature);
  });

  it.each(['FINANCING', 'SPLIT', 'SETTLED'] as const)('refuses to pay a %s piece', async (status) => {
    const voucher = await seedVoucher(ledger, coreVoucher({ status, maturityDate: '2026-01-05' }));
    await expectRefused(ledger, () => pay(voucher.id), ErrorCodes.InvalidState);
  });

  it('refuses to pay twice', async () => {
    const voucher = await seedVoucher(ledger, coreVoucher({ maturityDate: '2026-01-05' }));
    await pay(voucher.id);
    await expectRefused(ledger, () => pay(voucher.id), ErrorCodes.InvalidState);
  });

  it('refuses a piece whose open financing has to close first', async () => {
    const voucher = await seedVoucher(ledger, coreVoucher({ maturityDate: '2026-01-06' }));
    await apply(ledger, voucher.id);
    setBusinessDate(ledger, '2026-01-06');
    await expectRefused(ledger, () => pay(voucher.id), ErrorCodes.InvalidState);
  });

  it.each([
    ['the holder', userOf('tier1', 'admin'), 'REF', ErrorCodes.Forbidden],
    ['a clerk of the debtor', userOf('core', 'clerk'), 'REF', ErrorCodes.Forbidden],
    ['a bank', userOf('bankA', 'admin'), 'REF', ErrorCodes.Forbidden],
    [
      'a core enterprise that is not the debtor',
      { mspId: MSP.core, attrs: { 'scf.enterpriseId': ENTERPRISES.otherCore.id, 'scf.role': 'admin' } },
      'REF',
      ErrorCodes.Forbidden,
    ],
    ['an empty payment reference', userOf('core', 'approver'), '', ErrorCodes.InvalidArgument],
    [
      'a payment reference over 64 characters',
      userOf('core', 'approver'),
      'P'.repeat(65),
      ErrorCodes.InvalidArgument,
    ],
    ['a payment reference with NUL', userOf('core', 'approver'), 'REF\u00001', ErrorCodes.InvalidArgument],
    ['a payment reference with a newline', userOf('core', 'approver'), 'REF\n1', ErrorCodes.InvalidArgument],
  ])('refuses %s', async (_, caller, reference, code) => {
    await registerEnterprise(ledger, 'otherCore');
    const voucher = await seedVoucher(ledger, coreVoucher({ maturityDate: '2026-01-05' }));
    await expectRefused(ledger, () => pay(voucher.id, caller, reference), code);
  });

  it('refuses an unknown voucher, and a line that has less in use than it would release', async () => {
    await expectRefused(ledger, () => pay('nope'), ErrorCodes.NotFound);
    const voucher = await seedVoucher(ledger);
    await financeVoucher(ledger, voucher.id);
    await setUsed(ledger, lineIdOf('bankA'), '99999999');
    setBusinessDate(ledger, MATURITY);
    await expectRefused(ledger, () => pay(voucher.id), ErrorCodes.InvalidState);
  });
});

describe('SettlementContract.SweepOverdue', () => {
  let seeds: Record<'a' | 'b' | 'c' | 'd' | 'e', Voucher>;

  beforeEach(async () => {
    seeds = {} as typeof seeds;
    seeds.a = await seedVoucher(ledger, coreVoucher({ label: 'a', maturityDate: '2026-01-10' }));
    seeds.b = await seedVoucher(ledger, coreVoucher({ label: 'b', maturityDate: '2026-01-12' }));
    seeds.c = await seedVoucher(ledger, coreVoucher({ label: 'c', maturityDate: '2026-01-12' }));
    seeds.d = await seedVoucher(ledger, coreVoucher({ label: 'd', maturityDate: '2026-01-15' }));
    seeds.e = await seedVoucher(ledger, coreVoucher({ label: 'e', maturityDate: '2026-01-20' }));
    // A SPLIT parent matured first but is not open: its pieces are swept, not it.
    await seedVoucher(ledger, coreVoucher({ label: 'split', maturityDate: '2026-01-08', status: 'SPLIT' }));
    await financeVoucher(ledger, seeds.b.id, 'bankA', { validUntil: '2026-01-06' });
    await apply(ledger, seeds.c.id);
    setBusinessDate(ledger, '2026-01-15');
  });

  it('marks matured ACTIVE and FINANCED pieces overdue, earliest first, up to the limit', async () => {
    const first = await sweep('1');
    const a = voucherOf(seeds.a.id);
    expect(a).toMatchObject({ status: 'OVERDUE', updatedAt: morningOf('2026-01-15') });
    expect(first).toEqual({ count: 1, vouchers: [a] });
    expect(lastEvent(ledger)).toEqual({ name: Events.VouchersOverdue, records: [a] });
    expect(hasIndex(ledger, VoucherIndexes.openByMaturity, ['2026-01-10'], a.id)).toBe(false);

    const second = await sweep('200', userOf('bankB', 'admin'));
    const b = voucherOf(seeds.b.id);
    expect(b).toMatchObject({ status: 'OVERDUE', holderId: ids.bankA });
    expect(second).toEqual({ count: 1, vouchers: [b] });
    expect(lastEvent(ledger)).toEqual({ name: Events.VouchersOverdue, records: [b] });

    for (const name of ['c', 'd', 'e'] as const) {
      expect(voucherOf(seeds[name].id).status).not.toBe('OVERDUE');
    }
    expect(voucherOf(seeds.c.id).status).toBe('FINANCING');
  });

  it('writes and emits nothing when nothing is overdue', async () => {
    await sweep('200');
    const before = snapshot(ledger);
    expect(await sweep('200')).toEqual({ count: 0, vouchers: [] });
    expect(snapshot(ledger)).toEqual(before);
  });

  it('sweeps several in one event once the date moves on', async () => {
    setBusinessDate(ledger, '2026-01-21');
    const result = await sweep('200');
    const swept = [seeds.a, seeds.b, seeds.d, seeds.e].map((voucher) => voucher.id);
    expect(result.vouchers.map((voucher) => voucher.id)).toEqual(swept);
    expect(result.count).toBe(4);
    expect(lastEvent(ledger).records.map((record) => record.id)).toEqual(swept);
  });

  it.each([
    ['a core approver', userOf('core', 'approver')],
    ['a core admin', userOf('core', 'admin')],
    ['a bank approver', userOf('bankA', 'approver')],
    ['a bank admin', userOf('bankB', 'admin')],
  ])('lets %s sweep', async (_, caller) => {
    expect((await sweep('1', caller)).count).toBe(1);
  });

  it.each([
    ['a zero limit', '0', userOf('core', 'approver'), ErrorCodes.InvalidArgument],
    ['a limit over 200', '201', userOf('core', 'approver'), ErrorCodes.InvalidArgument],
    ['a non-numeric limit', 'all', userOf('bankA', 'approver'), ErrorCodes.InvalidArgument],
    ['an unregistered caller', '10', orgAdmin(MSP.logistics), ErrorCodes.Forbidden],
    ['a supplier clerk', '10', userOf('tier1', 'clerk'), ErrorCodes.Forbidden],
    ['a supplier approver', '10', userOf('tier1', 'approver'), ErrorCodes.Forbidden],
    ['a supplier admin', '10', userOf('tier2', 'admin'), ErrorCodes.Forbidden],
    ['a core clerk', '10', userOf('core', 'clerk'), ErrorCodes.Forbidden],
    ['a bank clerk', '10', userOf('bankA', 'clerk'), ErrorCodes.Forbidden],
    ['a logistics admin', '10', userOf('carrier', 'admin'), ErrorCodes.Forbidden],
  ])('refuses %s', async (_, limit, caller, code) => {
    await expectRefused(
      ledger,
      () => ledger.submit(caller, (ctx) => contract.SweepOverdue(ctx, limit)),
      code,
    );
  });
});
