import { beforeEach, describe, expect, it } from 'vitest';
import { FinancingContract } from '../src/contracts/financing-contract';
import { SettlementContract } from '../src/contracts/settlement-contract';
import type { SplitResult } from '../src/contracts/voucher-contract';
import {
  ErrorCodes,
  Events,
  type Invoice,
  ObjectTypes,
  type TransferReturn,
  type Voucher,
} from '@scf/ledger-contract';
import { VoucherIndexes } from '../src/repositories/vouchers';
import { userOf } from './support/callers';
import { type EnterpriseName, ids, MSP } from './support/enterprises';
import { lastEvent } from './support/events';
import { expectRefused } from './support/expect-refused';
import { seedInvoice } from './support/invoices';
import { key, stored } from './support/ledger-state';
import { MemoryLedger, type TestCaller } from './support/memory-stub';
import { parse } from './support/parse';
import { endorsersOf } from './support/policies';
import { setBusinessDate } from './support/clock';
import {
  acceptPiece,
  type Chain,
  kept,
  paid,
  patchVoucher,
  ROOT_MATURITY,
  seedChain,
  voucherContract as contract,
} from './support/vouchers';
import { voucherNumberCandidate } from '../src/repositories/voucher-numbers';

const { tier1, tier2, tier3, core, bankA } = ids;

function split(
  ledger: MemoryLedger,
  caller: TestCaller,
  voucherId: string,
  pieces: unknown,
): Promise<SplitResult> {
  return ledger
    .submit(caller, (ctx) => contract.SplitTransfer(ctx, voucherId, JSON.stringify(pieces)))
    .then((text) => parse<SplitResult>(text));
}

const accept = (ledger: MemoryLedger, caller: TestCaller, id: string): Promise<Voucher> =>
  ledger.submit(caller, (ctx) => contract.AcceptTransfer(ctx, id)).then((text) => parse<Voucher>(text));
const decline = (
  ledger: MemoryLedger,
  caller: TestCaller,
  id: string,
  reason = '价格未谈妥',
): Promise<TransferReturn> =>
  ledger
    .submit(caller, (ctx) => contract.DeclineTransfer(ctx, id, reason))
    .then((text) => parse<TransferReturn>(text));
const withdraw = (ledger: MemoryLedger, caller: TestCaller, id: string): Promise<TransferReturn> =>
  ledger
    .submit(caller, (ctx) => contract.WithdrawTransfer(ctx, id))
    .then((text) => parse<TransferReturn>(text));

const voucher = (ledger: MemoryLedger, id: string): Voucher =>
  stored<Voucher>(ledger, ObjectTypes.Voucher, id);
const invoice = (ledger: MemoryLedger, id: string): Invoice =>
  stored<Invoice>(ledger, ObjectTypes.Invoice, id);
const openKey = (id: string): string => key(VoucherIndexes.openByMaturity, ROOT_MATURITY, id);

describe('consent to transfers (保障中小企业款项支付条例 Art. 11)', () => {
  let ledger: MemoryLedger;
  let chain: Chain;
  /** root (tier 1, 10,000 yuan) split: .1 kept (3,000), .2 to tier 2 (7,000, pending). */
  let pending: Voucher;

  beforeEach(async () => {
    ledger = new MemoryLedger();
    chain = await seedChain(ledger);
    const result = await split(ledger, userOf('tier1'), chain.root.id, [
      kept('300000'),
      paid('700000', 'tier2', chain.tier2Invoice),
    ]);
    pending = result.children[1] as Voucher;
  });

  it('creates the transferred piece waiting for its recipient, outside the open-by-maturity index', () => {
    expect(pending).toMatchObject({
      id: `${chain.root.id}.2`,
      holderId: tier2,
      status: 'PENDING_ACCEPTANCE',
      transfer: { status: 'PENDING', fromId: tier1 },
    });
    expect(ledger.keysOfType(VoucherIndexes.openByMaturity)).toEqual([openKey(`${chain.root.id}.1`)]);
    // The pending amount is set against the invoice already, so it cannot be paid twice meanwhile.
    expect(invoice(ledger, chain.tier2Invoice.id).paidAmount).toBe('700000');
  });

  describe('AcceptTransfer', () => {
    it("lets the recipient's approver accept: the piece becomes ACTIVE and open, with one event", async () => {
      ledger.setTime('2026-01-06T03:00:00Z');
      const accepted = await accept(ledger, userOf('tier2'), pending.id);
      expect(accepted).toEqual({
        ...pending,
        status: 'ACTIVE',
        transfer: { status: 'ACCEPTED', fromId: tier1, decidedAt: '2026-01-06T03:00:00.000Z' },
        updatedAt: '2026-01-06T03:00:00.000Z',
        txId: accepted.txId,
        updatedBy: `${tier2}/approver@${MSP.supplier}`,
      });
      expect(voucher(ledger, pending.id)).toEqual(accepted);
      expect(lastEvent(ledger)).toEqual({ name: Events.VoucherTransferAccepted, records: [accepted] });
      expect(ledger.keysOfType(VoucherIndexes.openByMaturity)).toEqual([
        openKey(`${chain.root.id}.1`),
        openKey(pending.id),
      ]);
      expect(endorsersOf(ledger, ObjectTypes.Voucher, pending.id)).toEqual([MSP.core, MSP.supplier]);
      expect(invoice(ledger, chain.tier2Invoice.id).paidAmount).toBe('700000');
    });

    it('lets the recipient pass on an accepted piece', async () => {
      await accept(ledger, userOf('tier2', 'admin'), pending.id);
      const next = await split(ledger, userOf('tier2'), pending.id, [
        paid('200000', 'tier3', chain.tier3Invoice),
        kept('500000'),
      ]);
      expect(next.children[0]).toMatchObject({
        holderId: tier3,
        status: 'PENDING_ACCEPTANCE',
        transfer: { fromId: tier2 },
      });
    });

    it.each<[string, TestCaller]>([
      ["the recipient's clerk", userOf('tier2', 'clerk')],
      ['the sender', userOf('tier1')],
      ['the debtor', userOf('core')],
      ['another supplier', userOf('tier3')],
      ['a bank', userOf('bankA')],
    ])('refuses %s with FORBIDDEN', async (_, caller) => {
      await expectRefused(ledger, () => accept(ledger, caller, pending.id), ErrorCodes.Forbidden);
    });

    it('refuses a piece that waits for nothing: kept, accepted, or returned', async () => {
      await expectRefused(
        ledger,
        () => accept(ledger, userOf('tier1'), `${chain.root.id}.1`),
        ErrorCodes.InvalidState,
      );
      await accept(ledger, userOf('tier2'), pending.id);
      await expectRefused(ledger, () => accept(ledger, userOf('tier2'), pending.id), ErrorCodes.InvalidState);
      await expectRefused(
        ledger,
        () => decline(ledger, userOf('tier2'), pending.id),
        ErrorCodes.InvalidState,
      );
      await expectRefused(
        ledger,
        () => withdraw(ledger, userOf('tier1'), pending.id),
        ErrorCodes.InvalidState,
      );
    });

    it('answers NOT_FOUND for an unknown piece', async () => {
      await expectRefused(ledger, () => accept(ledger, userOf('tier2'), 'nope'), ErrorCodes.NotFound);
    });
  });

  describe('a piece waiting for consent is nobody’s to dispose of', () => {
    const financings = new FinancingContract();
    const applyAs = (who: EnterpriseName) =>
      ledger.submit(userOf(who, 'clerk'), (ctx) => financings.Apply(ctx, pending.id, bankA));

    it.each<EnterpriseName>(['tier2', 'tier1'])(
      'refuses a split or transfer by %s with INVALID_STATE',
      async (who) => {
        await expectRefused(
          ledger,
          () => split(ledger, userOf(who), pending.id, [kept('300000'), kept('400000')]),
          ErrorCodes.InvalidState,
        );
      },
    );

    it.each<EnterpriseName>(['tier2', 'tier1'])('refuses financing by %s with INVALID_STATE', async (who) => {
      await expectRefused(ledger, () => applyAs(who), ErrorCodes.InvalidState);
    });

    it('refuses its payment at maturity, and the overdue sweep passes it by', async () => {
      setBusinessDate(ledger, '2026-07-02');
      const settlement = new SettlementContract();
      await expectRefused(
        ledger,
        () => ledger.submit(userOf('core'), (ctx) => settlement.Pay(ctx, pending.id, 'PAY-1')),
        ErrorCodes.InvalidState,
      );
      await ledger.submit(userOf('core'), (ctx) => settlement.SweepOverdue(ctx, '10'));
      expect(voucher(ledger, pending.id).status).toBe('PENDING_ACCEPTANCE');
      expect(voucher(ledger, `${chain.root.id}.1`).status).toBe('OVERDUE');
    });
  });

  describe('DeclineTransfer', () => {
    it('returns the amount to the sender as the next piece of the same parent, with one event', async () => {
      ledger.setTime('2026-01-07T01:00:00Z');
      const result = await decline(ledger, userOf('tier2'), pending.id, '货款约定现金支付\n不接受凭证');
      const at = '2026-01-07T01:00:00.000Z';
      const stamp = {
        updatedAt: at,
        txId: result.piece.txId,
        updatedBy: `${tier2}/approver@${MSP.supplier}`,
      };
      const returnedId = `${chain.root.id}.3`;
      expect(result.piece).toEqual({
        ...pending,
        status: 'RETURNED',
        transfer: {
          status: 'DECLINED',
          fromId: tier1,
          decidedAt: at,
          reason: '货款约定现金支付\n不接受凭证',
          returnedAs: returnedId,
        },
        ...stamp,
      });
      expect(result.returned).toEqual({
        docType: 'voucher',
        id: returnedId,
        number: voucherNumberCandidate(
          { debtorId: core, date: '2026-01-07', txId: stamp.txId, voucherId: returnedId },
          0,
        ),
        debtorId: core,
        holderId: tier1,
        amount: '700000',
        currency: 'CNY',
        maturityDate: ROOT_MATURITY,
        rootId: chain.root.id,
        parentId: chain.root.id,
        tier: 0,
        status: 'ACTIVE',
        invoiceId: chain.rootInvoice.id,
        childIds: [],
        returnOf: pending.id,
        createdAt: at,
        ...stamp,
      });
      const parent = voucher(ledger, chain.root.id);
      expect(result.parent).toEqual(parent);
      expect(parent).toMatchObject({
        status: 'SPLIT',
        childIds: [`${chain.root.id}.1`, pending.id, returnedId],
      });
      expect(result.invoice).toEqual({ ...chain.tier2Invoice, paidAmount: '0', ...stamp });
      expect(voucher(ledger, pending.id)).toEqual(result.piece);
      expect(voucher(ledger, returnedId)).toEqual(result.returned);
      expect(invoice(ledger, chain.tier2Invoice.id)).toEqual(result.invoice);
      expect(lastEvent(ledger)).toEqual({
        name: Events.VoucherTransferDeclined,
        records: [result.piece, result.returned, result.parent, result.invoice],
      });
      expect(ledger.keysOfType(VoucherIndexes.openByMaturity)).toEqual([
        openKey(`${chain.root.id}.1`),
        openKey(returnedId),
      ]);
      expect(endorsersOf(ledger, ObjectTypes.Voucher, returnedId)).toEqual([MSP.core, MSP.supplier]);
    });

    it('traces the returned piece to the root, and lets the sender transfer it again', async () => {
      await decline(ledger, userOf('tier2'), pending.id);
      const returnedId = `${chain.root.id}.3`;
      const lineage = parse<Voucher[]>(
        await ledger.evaluate(userOf('bankA', 'clerk'), (ctx) => contract.GetLineage(ctx, returnedId)),
      );
      expect(lineage.map((v) => v.id)).toEqual([chain.root.id, returnedId]);
      // Declined once, offered again and accepted: the story the integration test tells on the network.
      const again = await split(ledger, userOf('tier1'), returnedId, [
        paid('700000', 'tier2', chain.tier2Invoice),
      ]);
      const piece = again.children[0] as Voucher;
      expect(piece).toMatchObject({ id: `${returnedId}.1`, status: 'PENDING_ACCEPTANCE', tier: 1 });
      await acceptPiece(ledger, 'tier2', piece.id);
      expect(voucher(ledger, piece.id)).toMatchObject({ status: 'ACTIVE', holderId: tier2 });
      expect(invoice(ledger, chain.tier2Invoice.id).paidAmount).toBe('700000');
    });

    it('numbers returned pieces after every piece of the split, in the order they come back', async () => {
      const other = await seedInvoice(ledger, {
        seller: 'tier3',
        buyer: 'tier1',
        number: 'T3-T1',
        amount: '300000',
      });
      const base = `${chain.root.id}.1`;
      await acceptPiece(ledger, 'tier2', pending.id);
      const result = await split(ledger, userOf('tier1'), base, [
        paid('100000', 'tier3', other),
        paid('150000', 'tier3', other),
        kept('50000'),
      ]);
      expect(result.children.map((child) => child.id)).toEqual([`${base}.1`, `${base}.2`, `${base}.3`]);
      await decline(ledger, userOf('tier3'), `${base}.2`);
      await withdraw(ledger, userOf('tier1'), `${base}.1`);
      expect(voucher(ledger, `${base}.4`)).toMatchObject({ returnOf: `${base}.2`, amount: '150000' });
      expect(voucher(ledger, `${base}.5`)).toMatchObject({ returnOf: `${base}.1`, amount: '100000' });
      expect(voucher(ledger, base).childIds).toEqual([1, 2, 3, 4, 5].map((n) => `${base}.${String(n)}`));
      expect(invoice(ledger, other.id).paidAmount).toBe('0');
    });

    it('keeps the long-term flag on the returned piece', async () => {
      await patchVoucher(ledger, pending.id, { longTerm: true });
      const result = await decline(ledger, userOf('tier2'), pending.id);
      expect(result.returned.longTerm).toBe(true);
    });

    it.each([
      ['an empty reason', ''],
      ['a blank reason', '   '],
      ['a reason over 500 characters', 'x'.repeat(501)],
    ])('refuses %s with INVALID_ARGUMENT', async (_, reason) => {
      await expectRefused(
        ledger,
        () => decline(ledger, userOf('tier2'), pending.id, reason),
        ErrorCodes.InvalidArgument,
      );
    });

    it.each<[string, TestCaller]>([
      ["the recipient's clerk", userOf('tier2', 'clerk')],
      ['the sender', userOf('tier1')],
      ['the debtor', userOf('core')],
      ['another supplier on the same node', userOf('tier3')],
    ])('refuses %s with FORBIDDEN', async (_, caller) => {
      await expectRefused(ledger, () => decline(ledger, caller, pending.id), ErrorCodes.Forbidden);
    });
  });

  describe('WithdrawTransfer', () => {
    it("lets the sender's approver take back a piece not yet accepted", async () => {
      const result = await withdraw(ledger, userOf('tier1', 'admin'), pending.id);
      expect(result.piece).toMatchObject({
        status: 'RETURNED',
        transfer: { status: 'WITHDRAWN', fromId: tier1, returnedAs: `${chain.root.id}.3` },
      });
      expect('reason' in (result.piece.transfer ?? {})).toBe(false);
      expect(result.returned).toMatchObject({ holderId: tier1, status: 'ACTIVE', amount: '700000' });
      expect(lastEvent(ledger).name).toBe(Events.VoucherTransferWithdrawn);
      expect(invoice(ledger, chain.tier2Invoice.id).paidAmount).toBe('0');
    });

    it.each<[string, TestCaller]>([
      ["the sender's clerk", userOf('tier1', 'clerk')],
      ['the recipient', userOf('tier2')],
      ['the debtor', userOf('core')],
      ['another supplier on the same node', userOf('tier3')],
      ['a bank', userOf('bankA')],
    ])('refuses %s with FORBIDDEN', async (_, caller) => {
      await expectRefused(ledger, () => withdraw(ledger, caller, pending.id), ErrorCodes.Forbidden);
    });

    it('refuses a piece that was never transferred', async () => {
      await expectRefused(
        ledger,
        () => withdraw(ledger, userOf('tier1'), `${chain.root.id}.1`),
        ErrorCodes.InvalidState,
      );
    });
  });
});
