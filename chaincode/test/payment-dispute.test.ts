import { issuerTag } from '../src/repositories/voucher-numbers';
import { beforeEach, describe, expect, it } from 'vitest';
import { SettlementContract } from '../src/contracts/settlement-contract';
import { type DisputeResult, ErrorCodes, Events, ObjectTypes, type Voucher } from '@scf/ledger-contract';
import { VoucherIndexes } from '../src/repositories/vouchers';
import { userOf } from './support/callers';
import { morningOf, setBusinessDate } from './support/clock';
import { ids, MSP } from './support/enterprises';
import { lastEvent } from './support/events';
import { expectRefused } from './support/expect-refused';
import { apply, financeVoucher, setupFinance } from './support/financing';
import { hasIndex, stored } from './support/ledger-state';
import { MemoryLedger, type TestCaller } from './support/memory-stub';
import { parse } from './support/parse';
import { registerEnterprise } from './support/registration';
import { coreVoucher, MATURITY, seedVoucher, voucherContract } from './support/vouchers';

/*
 * Decree 802 Art. 15: the debtor pays the undisputed part on time; the disputed part waits for its
 * holder. The seeded voucher: 100,000,000 fen the core enterprise owes tier 1, maturing 2026-04-05.
 */

const contract = new SettlementContract();
const DEBTOR = userOf('core', 'approver');
const HOLDER = userOf('tier1', 'approver');
const REASON = '30 units returned as defective (QC report 2026-02)';

let ledger: MemoryLedger;
let voucher: Voucher;

const dispute = async (
  amount: string,
  caller: TestCaller = DEBTOR,
  reason = REASON,
): Promise<DisputeResult> =>
  parse<DisputeResult>(
    await ledger.submit(caller, (ctx) => contract.Dispute(ctx, voucher.id, amount, reason)),
  );
const resolve = async (id: string, resolution: string, caller: TestCaller = HOLDER): Promise<Voucher> =>
  parse<Voucher>(await ledger.submit(caller, (ctx) => contract.ResolveDispute(ctx, id, resolution)));
const pay = async (id: string): Promise<Voucher> =>
  parse<Voucher>(await ledger.submit(DEBTOR, (ctx) => contract.Pay(ctx, id, 'PAY-1')));
const voucherOf = (id: string): Voucher => stored<Voucher>(ledger, ObjectTypes.Voucher, id);
const isOpen = (id: string): boolean => hasIndex(ledger, VoucherIndexes.openByMaturity, [MATURITY], id);

beforeEach(async () => {
  ledger = new MemoryLedger();
  await setupFinance(ledger);
  voucher = await seedVoucher(ledger, coreVoucher({ amount: '100000000' }));
});

describe('SettlementContract.Dispute', () => {
  it('splits the voucher into the undisputed rest and the frozen disputed part, with one event', async () => {
    const result = await dispute('30000000');
    const { undisputed, disputed, parent } = result;
    const piece = {
      debtorId: ids.core,
      holderId: ids.tier1,
      maturityDate: MATURITY,
      tier: 0,
      parentId: voucher.id,
    };
    expect(undisputed).toMatchObject({
      ...piece,
      id: `${voucher.id}.1`,
      amount: '70000000',
      status: 'ACTIVE',
    });
    expect(disputed).toMatchObject({
      ...piece,
      id: `${voucher.id}.2`,
      amount: '30000000',
      status: 'DISPUTED',
      dispute: {
        status: 'OPEN',
        amount: '30000000',
        reason: REASON,
        raisedBy: ids.core,
        raisedAt: morningOf('2026-01-05'),
        undisputedId: `${voucher.id}.1`,
      },
    });
    expect(parent).toEqual({
      ...voucher,
      status: 'SPLIT',
      childIds: [`${voucher.id}.1`, `${voucher.id}.2`],
      updatedAt: disputed.updatedAt,
      txId: disputed.txId,
      updatedBy: `${ids.core}/approver@${MSP.core}`,
    });
    expect(lastEvent(ledger)).toEqual({
      name: Events.VoucherDisputed,
      records: [disputed, undisputed, parent],
    });
    // Each piece has a readable number of its own: the debtor's tag, the business day, a code.
    const readable = new RegExp(`^${issuerTag(ids.core)}-20260105-[0-9A-Z]{6}$`);
    expect(undisputed?.number).toMatch(readable);
    expect(disputed.number).toMatch(readable);
    expect(disputed.number).not.toBe(undisputed?.number);
    expect([isOpen(voucher.id), isOpen(`${voucher.id}.1`), isOpen(`${voucher.id}.2`)]).toEqual([
      false,
      true,
      false,
    ]);
  });

  it('freezes the disputed part: not paid, passed on or financed', async () => {
    const { disputed } = await dispute('30000000');
    await expectRefused(
      ledger,
      () =>
        ledger.submit(HOLDER, (ctx) =>
          voucherContract.SplitTransfer(
            ctx,
            disputed.id,
            JSON.stringify([{ amount: '1' }, { amount: '29999999' }]),
          ),
        ),
      ErrorCodes.Disputed,
    );
    await expectRefused(ledger, () => apply(ledger, disputed.id), ErrorCodes.Disputed);
    setBusinessDate(ledger, MATURITY);
    await expectRefused(ledger, () => pay(disputed.id), ErrorCodes.Disputed);
    setBusinessDate(ledger, '2026-04-10');
    const swept = parse<{ count: number }>(
      await ledger.submit(DEBTOR, (ctx) => contract.SweepOverdue(ctx, '10')),
    );
    expect(swept.count).toBe(1);
    expect(voucherOf(disputed.id).status).toBe('DISPUTED');
  });

  it('lets the debtor pay the undisputed part on time, and the rest with late interest once withdrawn', async () => {
    const { undisputed, disputed } = await dispute('30000000');
    setBusinessDate(ledger, MATURITY);
    const onTime = await pay(`${voucher.id}.1`);
    expect(onTime.settlement).toMatchObject({ amount: '70000000', lateInterest: { amount: '0', days: 0 } });
    expect(undisputed?.id).toBe(onTime.id);

    setBusinessDate(ledger, '2026-04-12');
    const withdrawn = await resolve(disputed.id, 'WITHDRAW');
    expect(withdrawn).toMatchObject({
      status: 'OVERDUE',
      dispute: { status: 'WITHDRAWN', resolvedBy: ids.tier1, resolvedAt: morningOf('2026-04-12') },
    });
    expect(lastEvent(ledger)).toEqual({ name: Events.VoucherDisputeResolved, records: [withdrawn] });
    setBusinessDate(ledger, '2026-04-15');
    // From maturity, as if never disputed: 30,000,000 × 5 × 10 / 10,000
    expect((await pay(disputed.id)).settlement).toMatchObject({
      amount: '30000000',
      lateInterest: { amount: '150000', days: 10 },
      total: '30150000',
    });
  });

  it('writes the disputed part off when the holder accepts the dispute', async () => {
    const { disputed } = await dispute('30000000');
    const accepted = await resolve(disputed.id, 'ACCEPT');
    expect(accepted).toMatchObject({
      status: 'WRITTEN_OFF',
      dispute: { status: 'ACCEPTED', resolvedBy: ids.tier1 },
    });
    setBusinessDate(ledger, MATURITY);
    await expectRefused(ledger, () => pay(disputed.id), ErrorCodes.InvalidState);
    await expectRefused(ledger, () => resolve(disputed.id, 'WITHDRAW'), ErrorCodes.InvalidState);
    await expect(
      ledger.submit(HOLDER, (ctx) => contract.LateInterest(ctx, disputed.id)),
    ).rejects.toMatchObject({
      code: ErrorCodes.InvalidState,
    });
  });

  it('disputes a voucher in full without splitting it; the debtor may withdraw its own dispute', async () => {
    const { disputed, undisputed, parent } = await dispute('100000000');
    expect([undisputed, parent]).toEqual([undefined, undefined]);
    expect(disputed).toMatchObject({ id: voucher.id, status: 'DISPUTED', childIds: [] });
    expect('undisputedId' in (disputed.dispute ?? {})).toBe(false);
    expect(isOpen(voucher.id)).toBe(false);
    await expectRefused(ledger, () => resolve(voucher.id, 'ACCEPT', DEBTOR), ErrorCodes.Forbidden);
    const withdrawn = await resolve(voucher.id, 'WITHDRAW', DEBTOR);
    expect(withdrawn).toMatchObject({
      status: 'ACTIVE',
      dispute: { status: 'WITHDRAWN', resolvedBy: ids.core },
    });
    expect(isOpen(voucher.id)).toBe(true);
  });

  it('splits an overdue voucher into an overdue undisputed part that carries its own late interest', async () => {
    setBusinessDate(ledger, '2026-04-06');
    await ledger.submit(DEBTOR, (ctx) => contract.SweepOverdue(ctx, '10'));
    const { undisputed } = await dispute('30000000');
    expect(undisputed?.status).toBe('OVERDUE');
    setBusinessDate(ledger, '2026-04-08');
    // 70,000,000 × 5 × 3 / 10,000
    expect((await pay(`${voucher.id}.1`)).settlement).toMatchObject({
      lateInterest: { amount: '105000', days: 3 },
    });
  });

  it('refuses anyone but the debtor’s approver, and amounts and reasons out of bounds', async () => {
    await expectRefused(ledger, () => dispute('1', userOf('core', 'clerk')), ErrorCodes.Forbidden);
    await expectRefused(ledger, () => dispute('1', HOLDER), ErrorCodes.Forbidden);
    await registerEnterprise(ledger, 'otherCore');
    await expectRefused(ledger, () => dispute('1', userOf('otherCore', 'approver')), ErrorCodes.Forbidden);
    await expectRefused(ledger, () => dispute('100000001'), ErrorCodes.AmountExceeded);
    for (const amount of ['0', '-1', '1.5', '']) {
      await expectRefused(ledger, () => dispute(amount), ErrorCodes.InvalidArgument);
    }
    for (const reason of ['', ' ', 'x'.repeat(501), 'bad\u0000reason']) {
      await expectRefused(ledger, () => dispute('1', DEBTOR, reason), ErrorCodes.InvalidArgument);
    }
  });

  it('refuses a financed voucher, a second dispute, and a resolution of what is not disputed', async () => {
    const { disputed } = await dispute('30000000');
    await expectRefused(ledger, () => resolve(`${voucher.id}.1`, 'ACCEPT'), ErrorCodes.InvalidState);
    await expectRefused(ledger, () => resolve(disputed.id, 'FORGIVE'), ErrorCodes.InvalidArgument);
    await expectRefused(
      ledger,
      () => resolve(disputed.id, 'ACCEPT', userOf('tier2', 'approver')),
      ErrorCodes.Forbidden,
    );
    voucher = voucherOf(disputed.id);
    await expectRefused(ledger, () => dispute('1'), ErrorCodes.Disputed);
    voucher = await seedVoucher(ledger, coreVoucher({ label: 'financed' }));
    await financeVoucher(ledger, voucher.id);
    await expectRefused(ledger, () => dispute('1'), ErrorCodes.InvalidState);
  });
});
