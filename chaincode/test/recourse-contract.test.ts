import { beforeEach, describe, expect, it } from 'vitest';
import {
  type CreditLine,
  ErrorCodes,
  Events,
  type Financing,
  ObjectTypes,
  type Voucher,
} from '@scf/ledger-contract';
import { RecourseContract } from '../src/contracts/recourse-contract';
import { SettlementContract } from '../src/contracts/settlement-contract';
import { VoucherIndexes } from '../src/repositories/vouchers';
import { person } from './support/approvals';
import { userOf } from './support/callers';
import { morningOf, setBusinessDate } from './support/clock';
import { lineIdOf } from './support/credit-lines';
import { ids, MSP } from './support/enterprises';
import { lastEvent } from './support/events';
import { expectRefused } from './support/expect-refused';
import {
  accept,
  apply,
  disburse,
  financeVoucher,
  financings,
  offer,
  setupFinance,
} from './support/financing';
import { hasIndex, stored } from './support/ledger-state';
import { type MemoryLedger as Ledger, MemoryLedger, type TestCaller } from './support/memory-stub';
import { parse } from './support/parse';
import { endorsersOf } from './support/policies';
import { coreVoucher, MATURITY, seedVoucher } from './support/vouchers';
import { issueReceipt, pledge } from './support/warehouse-receipts';

const contract = new RecourseContract();
const settlements = new SettlementContract();
const BANK_A_APPROVER = person('bankA', 'approver', 'bank-a-approver');

let ledger: Ledger;

beforeEach(async () => {
  ledger = new MemoryLedger();
  await setupFinance(ledger);
});

/** A financing of bank A (or B) disbursed on 2026-01-05 against a voucher maturing 2026-04-05. */
async function disbursed(recourse: boolean, bank: 'bankA' | 'bankB' = 'bankA', label = 'invoice-1') {
  const voucher = await seedVoucher(ledger, coreVoucher({ label }));
  return financeVoucher(ledger, voucher.id, bank, { recourse });
}

/** The terms as the bank's node reads them from its own peer (GetTerms), as the bytes it passes on. */
const termsOf = (financing: Financing, caller: TestCaller = userOf('bankA', 'clerk')) =>
  ledger.evaluate(caller, (ctx) => financings.GetTerms(ctx, financing.id));

const demand = async (financing: Financing, caller: TestCaller = BANK_A_APPROVER, terms?: string) => {
  const transient = { terms: terms ?? (await termsOf(financing)) };
  return ledger.submit(caller, (ctx) => contract.Demand(ctx, financing.id), { transient });
};

const buyBack = (financingId: string, caller: TestCaller = BANK_A_APPROVER, reference = 'BUYBACK-0001') =>
  ledger.submit(caller, (ctx) => contract.RecordBuyBack(ctx, financingId, reference));

const financingOf = (id: string) => stored<Financing>(ledger, ObjectTypes.Financing, id);
const voucherOf = (id: string) => stored<Voucher>(ledger, ObjectTypes.Voucher, id);
const lineA = () => stored<CreditLine>(ledger, ObjectTypes.CreditLine, lineIdOf('bankA'));

describe('RecourseContract: the worked buy-back', () => {
  it('demands, records the buy-back, and the debtor then pays the applicant with late interest', async () => {
    const financing = await disbursed(true);
    expect(JSON.parse(await termsOf(financing))).toMatchObject({ recourse: true });
    expect(lineA().used).toBe('100000000');
    // Ten days past maturity 2026-04-05, unpaid; the sweep has not run, so it is still FINANCED.
    setBusinessDate(ledger, '2026-04-15');
    const demanded = parse<Financing>(await demand(financing));
    expect(demanded).toEqual({
      ...financing,
      recourseDemand: {
        demandedAt: morningOf('2026-04-15'),
        demandedBy: BANK_A_APPROVER.id,
        amount: '100000000',
      },
      updatedAt: morningOf('2026-04-15'),
      txId: demanded.txId,
      updatedBy: `${ids.bankA}/approver@${MSP.bankA}`,
    });
    expect(lastEvent(ledger)).toEqual({ name: Events.RecourseDemanded, records: [demanded] });
    // The demand alone moves nothing: the bank still holds the voucher and its line is used.
    expect(voucherOf(financing.voucherId)).toMatchObject({ holderId: ids.bankA, status: 'FINANCED' });
    await expectRefused(ledger, () => demand(financing), ErrorCodes.AlreadyExists);

    setBusinessDate(ledger, '2026-04-20');
    const boughtBack = parse<Financing>(await buyBack(financing.id));
    expect(boughtBack).toEqual({
      ...demanded,
      status: 'BOUGHT_BACK',
      buyBack: {
        recordedAt: morningOf('2026-04-20'),
        recordedBy: BANK_A_APPROVER.id,
        paymentReference: 'BUYBACK-0001',
      },
      updatedAt: morningOf('2026-04-20'),
      txId: boughtBack.txId,
    });
    const returned = voucherOf(financing.voucherId);
    expect(returned).toMatchObject({ holderId: ids.tier1, status: 'OVERDUE', financingId: financing.id });
    expect(hasIndex(ledger, VoucherIndexes.openByMaturity, [MATURITY], returned.id)).toBe(false);
    // From now on the SME's org and the debtor's own the voucher; the bank's line is free again.
    expect(endorsersOf(ledger, ObjectTypes.Voucher, returned.id)).toEqual([MSP.core, MSP.supplier]);
    expect(lineA().used).toBe('0');
    expect(lastEvent(ledger)).toEqual({
      name: Events.FinancingBoughtBack,
      records: [boughtBack, returned, lineA()],
    });
    const payload = JSON.parse(Buffer.from(ledger.events.at(-1)?.payload ?? []).toString('utf8')) as {
      exposure: unknown;
    };
    expect(payload.exposure).toEqual([{ debtorId: ids.core, measure: 'financed', amount: '-100000000' }]);

    // The debtor pays the holder: the SME, with 20 days of statutory late interest (0.05 % a day).
    setBusinessDate(ledger, '2026-04-25');
    const paid = parse<Voucher>(
      await ledger.submit(userOf('core', 'approver'), (ctx) =>
        settlements.Pay(ctx, returned.id, 'CORE-PAY-LATE'),
      ),
    );
    expect(paid.settlement).toMatchObject({ paidTo: ids.tier1, total: '101000000' });
    // The bought-back financing stays as it was, and the line is not released twice.
    expect(financingOf(financing.id).status).toBe('BOUGHT_BACK');
    expect(lineA().used).toBe('0');
  });

  it('takes a voucher the sweep already marked OVERDUE', async () => {
    const financing = await disbursed(true);
    setBusinessDate(ledger, '2026-04-07');
    await ledger.submit(userOf('core', 'approver'), (ctx) => settlements.SweepOverdue(ctx, '10'));
    await demand(financing);
    await buyBack(financing.id);
    expect(voucherOf(financing.voucherId)).toMatchObject({ holderId: ids.tier1, status: 'OVERDUE' });
  });
});

describe('RecourseContract.Demand refusals', () => {
  it('refuses a financing offered without recourse with NO_RECOURSE', async () => {
    const financing = await disbursed(false);
    setBusinessDate(ledger, '2026-04-15');
    await expectRefused(ledger, () => demand(financing), ErrorCodes.NoRecourse);
  });

  it('refuses terms that are not the stored ones: missing, edited to say recourse, or another financing’s', async () => {
    const financing = await disbursed(false);
    const other = await disbursed(true, 'bankA', 'invoice-2');
    setBusinessDate(ledger, '2026-04-15');
    const forged = JSON.stringify({ ...JSON.parse(await termsOf(financing)), recourse: true });
    await expectRefused(ledger, () => demand(financing, BANK_A_APPROVER, forged), ErrorCodes.InvalidArgument);
    const otherTerms = await termsOf(other);
    await expectRefused(
      ledger,
      () => demand(financing, BANK_A_APPROVER, otherTerms),
      ErrorCodes.InvalidArgument,
    );
    await expectRefused(
      ledger,
      () => ledger.submit(BANK_A_APPROVER, (ctx) => contract.Demand(ctx, financing.id)),
      ErrorCodes.InvalidArgument,
    );
  });

  it('refuses bank B, a clerk, the SME, the debtor; before maturity; a financing not disbursed or paid', async () => {
    const financing = await disbursed(true);
    const applied = await apply(ledger, (await seedVoucher(ledger, coreVoucher({ label: 'invoice-3' }))).id);
    const terms = await termsOf(financing);
    // On maturity day nothing is overdue yet.
    setBusinessDate(ledger, MATURITY);
    await expectRefused(ledger, () => demand(financing, BANK_A_APPROVER, terms), ErrorCodes.InvalidState);
    setBusinessDate(ledger, '2026-04-06');
    for (const caller of [
      userOf('bankB', 'approver'),
      userOf('bankA', 'clerk'),
      userOf('tier1', 'approver'),
      userOf('core', 'approver'),
    ]) {
      await expectRefused(ledger, () => demand(financing, caller, terms), ErrorCodes.Forbidden);
    }
    await expectRefused(ledger, () => demand(applied, BANK_A_APPROVER, terms), ErrorCodes.InvalidState);
    await ledger.submit(userOf('core', 'approver'), (ctx) =>
      settlements.Pay(ctx, financing.voucherId, 'P-1'),
    );
    await expectRefused(ledger, () => demand(financing, BANK_A_APPROVER, terms), ErrorCodes.InvalidState);
  });

  it('refuses a pledged warehouse receipt’s financing, even offered with recourse: its owner is the debtor', async () => {
    const receipt = await issueReceipt(ledger);
    const applied = await pledge(ledger, receipt);
    await accept(ledger, await offer(ledger, applied, { recourse: true }));
    const financing = await disburse(ledger, applied);
    // Past the pledge's maturity (2026-06-30), unpaid: a voucher financing would be put back now.
    setBusinessDate(ledger, '2026-07-10');
    await expectRefused(ledger, () => demand(financing), ErrorCodes.InvalidState);
    await expectRefused(ledger, () => buyBack(financing.id), ErrorCodes.InvalidState);
    expect(financingOf(financing.id)).toEqual(financing);
  });

  it('lets bank B demand on its own financing and not on bank A’s', async () => {
    const atA = await disbursed(true);
    const atB = await disbursed(true, 'bankB', 'invoice-2');
    setBusinessDate(ledger, '2026-04-15');
    const bankB = userOf('bankB', 'approver');
    await expectRefused(ledger, () => demand(atA, bankB, '{}'), ErrorCodes.Forbidden);
    await demand(atB, bankB, await termsOf(atB, userOf('bankB', 'clerk')));
    expect(financingOf(atB.id).recourseDemand?.amount).toBe('100000000');
    expect(financingOf(atA.id).recourseDemand).toBeUndefined();
  });
});

describe('RecourseContract.RecordBuyBack refusals', () => {
  it('refuses without a demand, another bank, a clerk, the SME, a bad reference; once only', async () => {
    const financing = await disbursed(true);
    setBusinessDate(ledger, '2026-04-15');
    await expectRefused(ledger, () => buyBack(financing.id), ErrorCodes.InvalidState);
    await demand(financing);
    for (const caller of [
      userOf('bankB', 'approver'),
      userOf('bankA', 'clerk'),
      userOf('tier1', 'approver'),
      userOf('core', 'approver'),
    ]) {
      await expectRefused(ledger, () => buyBack(financing.id, caller), ErrorCodes.Forbidden);
    }
    await expectRefused(ledger, () => buyBack(financing.id, BANK_A_APPROVER, ''), ErrorCodes.InvalidArgument);
    await expectRefused(ledger, () => buyBack('no-such-financing'), ErrorCodes.NotFound);
    await buyBack(financing.id);
    await expectRefused(ledger, () => buyBack(financing.id), ErrorCodes.InvalidState);
  });

  it('refuses once the debtor paid the bank after the demand: the financing is SETTLED', async () => {
    const financing = await disbursed(true);
    setBusinessDate(ledger, '2026-04-15');
    await demand(financing);
    await ledger.submit(userOf('core', 'approver'), (ctx) =>
      settlements.Pay(ctx, financing.voucherId, 'P-1'),
    );
    expect(voucherOf(financing.voucherId).settlement?.paidTo).toBe(ids.bankA);
    await expectRefused(ledger, () => buyBack(financing.id), ErrorCodes.InvalidState);
  });
});
