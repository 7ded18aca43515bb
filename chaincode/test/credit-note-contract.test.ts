import { beforeEach, describe, expect, it } from 'vitest';
import {
  type CreditLine,
  type CreditNote,
  type DilutionClaim,
  ErrorCodes,
  type EventPayload,
  Events,
  type Financing,
  type Invoice,
  ObjectTypes,
  type Voucher,
} from '@scf/ledger-contract';
import { InvoiceContract } from '../src/contracts/invoice-contract';
import { SettlementContract } from '../src/contracts/settlement-contract';
import { approveAs, person, prepare, setFourEyes } from './support/approvals';
import { userOf } from './support/callers';
import { setBusinessDate } from './support/clock';
import { acceptCreditNote, creditNotes, registerCreditNote } from './support/credit-notes';
import { grantLine, lineIdOf } from './support/credit-lines';
import { ids } from './support/enterprises';
import { expectRefused } from './support/expect-refused';
import { apply, financeVoucher } from './support/financing';
import { seedInvoice } from './support/invoices';
import { patchStored, stored, storedAll } from './support/ledger-state';
import { MemoryLedger } from './support/memory-stub';
import { parse } from './support/parse';
import { LPR_1Y, publishRate } from './support/rates';
import { acceptPiece, type Chain, kept, paid, seedChain, voucherContract } from './support/vouchers';

let ledger: MemoryLedger;
let chain: Chain;

/**
 * Tier-1's ¥10,000.00 invoice to the core enterprise became root voucher R, split three ways: tier 1
 * kept R.1 (¥3,000.00), passed R.2 (¥2,000.00) to tier 2, and financed R.3 (¥5,000.00) at bank A.
 */
async function splitAndFinance(): Promise<{ r1: string; r2: string; r3: string; financing: Financing }> {
  const { root, tier2Invoice } = chain;
  await ledger.submit(userOf('tier1'), (ctx) =>
    voucherContract.SplitTransfer(
      ctx,
      root.id,
      JSON.stringify([kept('300000'), paid('200000', 'tier2', tier2Invoice), kept('500000')]),
    ),
  );
  const [r1, r2, r3] = [`${root.id}.1`, `${root.id}.2`, `${root.id}.3`];
  await acceptPiece(ledger, 'tier2', r2);
  const financing = await financeVoucher(ledger, r3);
  return { r1, r2, r3, financing };
}

const voucher = (id: string): Voucher => stored<Voucher>(ledger, ObjectTypes.Voucher, id);
const lineUsed = (): string => stored<CreditLine>(ledger, ObjectTypes.CreditLine, lineIdOf('bankA')).used;
const lastPayload = (): EventPayload => parse<EventPayload>(ledger.events.at(-1)?.payload ?? '{}');
const decline = (id: string, caller = userOf('core')) =>
  ledger.submit(caller, (ctx) => creditNotes.Decline(ctx, id, 'the goods were not returned'));
const withdraw = (id: string, caller = userOf('tier1', 'clerk')) =>
  ledger.submit(caller, (ctx) => creditNotes.Withdraw(ctx, id));

beforeEach(async () => {
  ledger = new MemoryLedger();
  chain = await seedChain(ledger);
  // The seeded invoice stands for one its buyer confirmed: it names the root voucher it became.
  patchStored(ledger, ObjectTypes.Invoice, chain.rootInvoice.id, { voucherId: chain.root.id });
  await publishRate(ledger, '1Y', LPR_1Y.rateBps, LPR_1Y.effectiveDate);
  await grantLine(ledger, 'bankA');
});

describe('CreditNoteContract: dilution of a split voucher, worked numbers', () => {
  it("takes ¥4,500.00 from tier 1's own piece, then its financed piece: bank A's claim on tier 1", async () => {
    const { r1, r2, r3, financing } = await splitAndFinance();
    expect(lineUsed()).toBe('500000');
    const note = await registerCreditNote(ledger, chain.rootInvoice.id);
    expect(note).toMatchObject({
      docType: 'creditnote',
      invoiceId: chain.rootInvoice.id,
      sellerId: ids.tier1,
      buyerId: ids.core,
      amount: '450000',
      reasonKind: 'RETURN',
      status: 'PENDING',
    });
    expect(note.id.startsWith(`${chain.rootInvoice.id}:`)).toBe(true);

    const accepted = await acceptCreditNote(ledger, note.id);
    const claimId = `${note.id}:1`;
    expect(accepted).toMatchObject({
      status: 'ACCEPTED',
      dilution: {
        reductions: [
          { voucherId: r1, from: '300000', to: '0' },
          { voucherId: r3, from: '500000', to: '350000' },
        ],
        claimIds: [claimId],
      },
    });
    // R.1 is written off whole; R.3 splits into the rest (still financed) and the ¥1,500.00 taken.
    expect(voucher(r1)).toMatchObject({
      status: 'WRITTEN_OFF',
      amount: '300000',
      dilution: { creditNoteId: note.id, amount: '300000' },
    });
    expect(voucher(r2)).toMatchObject({ status: 'ACTIVE', amount: '200000', holderId: ids.tier2 });
    expect(voucher(r3)).toMatchObject({ status: 'SPLIT', childIds: [`${r3}.1`, `${r3}.2`] });
    expect(voucher(`${r3}.1`)).toMatchObject({
      status: 'FINANCED',
      amount: '350000',
      holderId: ids.bankA,
      financingId: financing.id,
    });
    expect(voucher(`${r3}.2`)).toMatchObject({
      status: 'WRITTEN_OFF',
      amount: '150000',
      dilution: { creditNoteId: note.id, amount: '150000' },
    });
    expect(stored<DilutionClaim>(ledger, ObjectTypes.DilutionClaim, claimId)).toMatchObject({
      kind: 'BANK',
      creditorId: ids.bankA,
      debtorId: ids.tier1,
      amount: '150000',
      voucherId: r3,
      financingId: financing.id,
      status: 'OPEN',
    });
    expect(stored<Invoice>(ledger, ObjectTypes.Invoice, chain.rootInvoice.id)).toMatchObject({
      amount: '1000000',
      creditedAmount: '450000',
    });
    // The bank's line on the core enterprise is used ¥1,500.00 less: the debtor no longer owes it.
    expect(lineUsed()).toBe('350000');
    expect(stored<Financing>(ledger, ObjectTypes.Financing, financing.id).status).toBe('DISBURSED');
    const event = ledger.events.at(-1);
    expect(event?.name).toBe(Events.CreditNoteAccepted);
    expect(lastPayload().exposure).toEqual([
      { debtorId: ids.core, measure: 'financed', amount: '-150000' },
      { debtorId: ids.core, measure: 'vouchers', amount: '-450000' },
    ]);
    for (const record of lastPayload().records) {
      expect(stored(ledger, record.docType, record.id)).toEqual(record);
    }
    // Pieces still add up to their parents (voucher-properties' tree rule), the leaves to the root,
    // and the open pieces to what the debtor still owes.
    const tree = storedAll<Voucher>(ledger, ObjectTypes.Voucher).filter((v) => v.rootId === chain.root.id);
    const sum = (pieces: Voucher[]): bigint => pieces.reduce((total, v) => total + BigInt(v.amount), 0n);
    for (const parent of tree.filter((v) => v.status === 'SPLIT')) {
      expect(sum(tree.filter((v) => v.parentId === parent.id)), parent.id).toBe(BigInt(parent.amount));
    }
    expect(sum(tree.filter((v) => v.status !== 'SPLIT'))).toBe(1_000_000n);
    expect(sum(tree.filter((v) => ['ACTIVE', 'FINANCED'].includes(v.status)))).toBe(550_000n);

    // At maturity the rest of the financed piece settles its financing and gives the line back in full.
    setBusinessDate(ledger, '2026-06-30');
    await ledger.submit(userOf('core'), (ctx) => new SettlementContract().Pay(ctx, `${r3}.1`, 'PAY-R3'));
    expect(lineUsed()).toBe('0');
    expect(stored<Financing>(ledger, ObjectTypes.Financing, financing.id).status).toBe('SETTLED');
  });

  it("beyond tier 1's own and financed pieces, ¥1,000.00 is the debtor's claim; the financed piece closes", async () => {
    const { r2, r3, financing } = await splitAndFinance();
    const note = await registerCreditNote(ledger, chain.rootInvoice.id, {
      amount: '900000',
      reasonKind: 'PRICE_REDUCTION',
    });
    const accepted = await acceptCreditNote(ledger, note.id);
    expect(accepted.dilution?.claimIds).toEqual([`${note.id}:1`, `${note.id}:2`]);
    expect(voucher(r3)).toMatchObject({ status: 'WRITTEN_OFF', dilution: { amount: '500000' } });
    expect(voucher(r2).status).toBe('ACTIVE');
    expect(stored<Financing>(ledger, ObjectTypes.Financing, financing.id).status).toBe('SETTLED');
    expect(lineUsed()).toBe('0');
    expect(stored<DilutionClaim>(ledger, ObjectTypes.DilutionClaim, `${note.id}:2`)).toMatchObject({
      kind: 'DEBTOR',
      creditorId: ids.core,
      debtorId: ids.tier1,
      amount: '100000',
    });
    expect(lastPayload().exposure).toEqual([
      { debtorId: ids.core, measure: 'financed', amount: '-500000' },
      { debtorId: ids.core, measure: 'vouchers', amount: '-800000' },
    ]);
  });

  it('credits a registered invoice without a voucher; the later confirmation issues only what is owed', async () => {
    const invoice = await seedInvoice(ledger, {
      seller: 'tier1',
      buyer: 'core',
      number: 'INV-2',
      amount: '600000',
    });
    const note = await registerCreditNote(ledger, invoice.id, { amount: '100000' });
    await acceptCreditNote(ledger, note.id);
    expect(lastPayload().exposure).toBeUndefined();
    const confirmed = parse<Invoice>(
      await ledger.submit(userOf('core'), (ctx) =>
        new InvoiceContract().Confirm(ctx, invoice.id, 'true', ''),
      ),
    );
    expect(voucher(confirmed.voucherId ?? '').amount).toBe('500000');
  });
});

describe('CreditNoteContract: refusals', () => {
  it('lets only the seller register, within what the invoice can still be credited', async () => {
    const id = chain.rootInvoice.id;
    for (const caller of [
      userOf('tier2', 'clerk'),
      userOf('bankA'),
      userOf('core'),
      userOf('tier1', 'admin'),
    ]) {
      await expectRefused(ledger, () => registerCreditNote(ledger, id, {}, caller), ErrorCodes.Forbidden);
    }
    await expectRefused(ledger, () => registerCreditNote(ledger, 'f'.repeat(64)), ErrorCodes.NotFound);
    for (const input of [
      { amount: '0' },
      { amount: '1.5' },
      { reasonKind: 'GIFT' },
      { reason: ' ' },
      { documentHash: 'nope' },
    ]) {
      await expectRefused(ledger, () => registerCreditNote(ledger, id, input), ErrorCodes.InvalidArgument);
    }
    await registerCreditNote(ledger, id, { amount: '600000' });
    // ¥10,000.00 less the ¥6,000.00 pending leaves ¥4,000.00.
    await expectRefused(
      ledger,
      () => registerCreditNote(ledger, id, { amount: '400001' }),
      ErrorCodes.AmountExceeded,
    );
    const rest = await registerCreditNote(ledger, id, { amount: '400000' });
    await withdraw(rest.id);
    // Withdrawn, it no longer counts.
    expect((await registerCreditNote(ledger, id, { amount: '400000' })).status).toBe('PENDING');
    const rejected = await seedInvoice(ledger, {
      seller: 'tier1',
      buyer: 'core',
      number: 'INV-X',
      amount: '5000',
      status: 'REJECTED',
    });
    await expectRefused(
      ledger,
      () => registerCreditNote(ledger, rejected.id, { amount: '1' }),
      ErrorCodes.InvalidState,
    );
  });

  it('lets only the buyer’s approver accept or decline, and the seller withdraw, a pending note', async () => {
    const note = await registerCreditNote(ledger, chain.rootInvoice.id);
    for (const caller of [
      userOf('tier1'),
      userOf('core', 'clerk'),
      userOf('core2'),
      userOf('bankA'),
      userOf('tier2'),
    ]) {
      await expectRefused(ledger, () => acceptCreditNote(ledger, note.id, caller), ErrorCodes.Forbidden);
      await expectRefused(ledger, () => decline(note.id, caller), ErrorCodes.Forbidden);
    }
    await expectRefused(ledger, () => withdraw(note.id, userOf('core')), ErrorCodes.Forbidden);
    await expectRefused(ledger, () => withdraw(note.id, userOf('tier2')), ErrorCodes.Forbidden);
    await expectRefused(
      ledger,
      () => ledger.submit(userOf('core'), (ctx) => creditNotes.Decline(ctx, note.id, '')),
      ErrorCodes.InvalidArgument,
    );
    await expectRefused(ledger, () => acceptCreditNote(ledger, 'nope'), ErrorCodes.NotFound);
    const declined = parse<CreditNote>(await decline(note.id));
    expect(declined).toMatchObject({ status: 'DECLINED', declineReason: 'the goods were not returned' });
    expect(ledger.events.at(-1)?.name).toBe(Events.CreditNoteDeclined);
    await expectRefused(ledger, () => acceptCreditNote(ledger, note.id), ErrorCodes.InvalidState);
    await expectRefused(ledger, () => withdraw(note.id), ErrorCodes.InvalidState);
    await expectRefused(ledger, () => decline(note.id), ErrorCodes.InvalidState);
  });

  it('refuses to dilute while a piece of the seller is applied for financing, writing nothing', async () => {
    await apply(ledger, chain.root.id);
    const note = await registerCreditNote(ledger, chain.rootInvoice.id);
    await expectRefused(ledger, () => acceptCreditNote(ledger, note.id), ErrorCodes.InvalidState);
  });

  it('runs Accept under four eyes when the buyer has them on', async () => {
    const note = await registerCreditNote(ledger, chain.rootInvoice.id);
    await setFourEyes(ledger, 'core');
    await expectRefused(ledger, () => acceptCreditNote(ledger, note.id), ErrorCodes.FourEyesRequired);
    const approval = await prepare(ledger, person('core', 'clerk', 'core-clerk'), 'creditnote:Accept', {
      creditNoteId: note.id,
    });
    const approved = await approveAs(ledger, person('core', 'approver', 'core-approver'), approval.id);
    expect(approved.resultId).toBe(note.id);
    expect(stored<CreditNote>(ledger, ObjectTypes.CreditNote, note.id).status).toBe('ACCEPTED');
  });
});

describe('CreditNoteContract: who sees what', () => {
  it('shows a note to its seller and buyer, and each claim to its creditor and its debtor only', async () => {
    await splitAndFinance();
    const note = await registerCreditNote(ledger, chain.rootInvoice.id, { amount: '900000' });
    await acceptCreditNote(ledger, note.id);
    const read = (caller: Parameters<typeof userOf>[0], fn: 'Get' | 'GetClaim', id: string) =>
      ledger.evaluate(userOf(caller, 'clerk'), (ctx) => creditNotes[fn](ctx, id));
    for (const party of ['tier1', 'core'] as const) {
      expect(parse<CreditNote>(await read(party, 'Get', note.id)).id).toBe(note.id);
    }
    for (const outsider of ['bankB', 'tier2', 'bankA'] as const) {
      await expect(read(outsider, 'Get', note.id)).rejects.toMatchObject({ code: ErrorCodes.Forbidden });
    }
    const [bankClaim, debtorClaim] = [`${note.id}:1`, `${note.id}:2`];
    for (const party of ['bankA', 'tier1'] as const) {
      expect(parse<DilutionClaim>(await read(party, 'GetClaim', bankClaim)).amount).toBe('500000');
    }
    for (const outsider of ['bankB', 'core', 'tier2'] as const) {
      await expect(read(outsider, 'GetClaim', bankClaim)).rejects.toMatchObject({
        code: ErrorCodes.Forbidden,
      });
    }
    expect(parse<DilutionClaim>(await read('core', 'GetClaim', debtorClaim)).creditorId).toBe(ids.core);
    await expect(read('bankA', 'GetClaim', debtorClaim)).rejects.toMatchObject({
      code: ErrorCodes.Forbidden,
    });
  });
});
