import { beforeEach, describe, expect, it } from 'vitest';
import { EnterpriseContract } from '../src/contracts/enterprise-contract';
import type { SplitResult } from '../src/contracts/voucher-contract';
import {
  type ErrorCode,
  ErrorCodes,
  Events,
  type Invoice,
  MAX_PIECES,
  ObjectTypes,
  type Voucher,
} from '@scf/ledger-contract';
import { voucherNumberCandidate } from '../src/repositories/voucher-numbers';
import { VoucherIndexes } from '../src/repositories/vouchers';
import { orgAdmin, userOf } from './support/callers';
import { START_TIME } from './support/clock';
import { ids, MSP, UNREGISTERED_ID } from './support/enterprises';
import { lastEvent } from './support/events';
import { expectRefused } from './support/expect-refused';
import { seedInvoice } from './support/invoices';
import { key, stored } from './support/ledger-state';
import { MemoryLedger, type TestCaller } from './support/memory-stub';
import { parse } from './support/parse';
import { endorsersOf } from './support/policies';
import {
  acceptPiece,
  type Chain,
  kept,
  patchVoucher,
  ROOT_MATURITY,
  paid,
  ROOT_AMOUNT,
  rootVoucherOf,
  seedChain,
  seedVoucher,
  voucherContract as contract,
} from './support/vouchers';

const ROOT_HALF = '500000';
const reader = userOf('bankA', 'clerk');

function split(
  ledger: MemoryLedger,
  caller: TestCaller,
  voucherId: string,
  pieces: unknown,
): Promise<SplitResult> {
  const json = typeof pieces === 'string' ? pieces : JSON.stringify(pieces);
  return ledger
    .submit(caller, (ctx) => contract.SplitTransfer(ctx, voucherId, json))
    .then((text) => parse<SplitResult>(text));
}

async function get(ledger: MemoryLedger, id: string): Promise<Voucher> {
  return parse<Voucher>(await ledger.evaluate(reader, (ctx) => contract.Get(ctx, id)));
}

function invoice(ledger: MemoryLedger, id: string): Invoice {
  return stored<Invoice>(ledger, ObjectTypes.Invoice, id);
}

/** Runs a split that must be rejected with `code` and leave the ledger exactly as it was. */
async function expectRejected(
  ledger: MemoryLedger,
  caller: TestCaller,
  voucherId: string,
  pieces: unknown,
  code: ErrorCode,
): Promise<void> {
  await expectRefused(ledger, () => split(ledger, caller, voucherId, pieces), code);
}

describe('VoucherContract.SplitTransfer', () => {
  let ledger: MemoryLedger;
  let chain: Chain;

  beforeEach(async () => {
    ledger = new MemoryLedger();
    chain = await seedChain(ledger);
  });

  it('splits the root into a kept piece and a piece paid to tier 2, with one event', async () => {
    const { root, tier2Invoice } = chain;
    const eventsBefore = ledger.events.length;
    const result = await split(ledger, userOf('tier1'), root.id, [
      kept('300000'),
      paid('700000', 'tier2', tier2Invoice),
    ]);

    const stamp = {
      updatedAt: START_TIME,
      txId: 'tx000015',
      updatedBy: `${ids.tier1}/approver@${MSP.supplier}`,
    };
    const child = (index: number, changes: Partial<Voucher>): Voucher => ({
      docType: 'voucher',
      id: `${root.id}.${index}`,
      number: voucherNumberCandidate(
        { debtorId: ids.core, date: '2026-01-05', txId: stamp.txId, voucherId: `${root.id}.${index}` },
        0,
      ),
      debtorId: ids.core,
      holderId: ids.tier1,
      amount: '0',
      currency: 'CNY',
      maturityDate: ROOT_MATURITY,
      rootId: root.id,
      parentId: root.id,
      tier: 0,
      status: 'ACTIVE',
      invoiceId: root.id,
      childIds: [],
      createdAt: START_TIME,
      ...stamp,
      ...changes,
    });
    const kept1 = child(1, { amount: '300000' });
    // The transferred piece waits for tier 2 to accept it (Art. 11).
    const paid2 = child(2, {
      amount: '700000',
      holderId: ids.tier2,
      tier: 1,
      invoiceId: tier2Invoice.id,
      status: 'PENDING_ACCEPTANCE',
      transfer: { status: 'PENDING', fromId: ids.tier1 },
    });
    const parent: Voucher = { ...root, status: 'SPLIT', childIds: [kept1.id, paid2.id], ...stamp };
    const paidInvoice: Invoice = { ...tier2Invoice, paidAmount: '700000', ...stamp };
    expect(result).toEqual({ parent, children: [kept1, paid2], invoices: [paidInvoice] });

    expect(await get(ledger, root.id)).toEqual(parent);
    expect(await get(ledger, kept1.id)).toEqual(kept1);
    expect(await get(ledger, paid2.id)).toEqual(paid2);
    expect(invoice(ledger, tier2Invoice.id)).toEqual(paidInvoice);

    expect(ledger.events).toHaveLength(eventsBefore + 1);
    expect(lastEvent(ledger)).toEqual({
      name: Events.VoucherSplit,
      records: [parent, kept1, paid2, paidInvoice],
    });
  });

  it('moves the open pieces by maturity (the overdue sweep reads them) from the parent to its pieces', async () => {
    const { root, tier2Invoice } = chain;
    const openKey = (id: string): string => key(VoucherIndexes.openByMaturity, ROOT_MATURITY, id);
    expect(ledger.keysOfType(VoucherIndexes.openByMaturity)).toEqual([openKey(root.id)]);
    await split(ledger, userOf('tier1'), root.id, [kept('300000'), paid('700000', 'tier2', tier2Invoice)]);

    // The transferred piece is open only once its recipient accepted it.
    expect(ledger.keysOfType(VoucherIndexes.openByMaturity)).toEqual([openKey(`${root.id}.1`)]);
    await acceptPiece(ledger, 'tier2', `${root.id}.2`);
    expect(ledger.keysOfType(VoucherIndexes.openByMaturity)).toEqual([
      openKey(`${root.id}.1`),
      openKey(`${root.id}.2`),
    ]);
  });

  it('hands the long-term flag down to every piece', async () => {
    const { root, tier2Invoice } = chain;
    await patchVoucher(ledger, root.id, { longTerm: true });
    const result = await split(ledger, userOf('tier1'), root.id, [
      kept('300000'),
      paid('700000', 'tier2', tier2Invoice),
    ]);
    expect(result.children.map((child) => child.longTerm)).toEqual([true, true]);
  });

  it("binds each child key to its holder's and the debtor's orgs", async () => {
    const { root, tier2Invoice } = chain;
    const inHouseInvoice = await seedInvoice(ledger, {
      seller: 'inHouse',
      buyer: 'tier1',
      number: 'IH-1',
      amount: '100000',
    });
    const rootPolicy = ledger.validationParameters.get(`\u0000voucher\u0000${root.id}\u0000`);
    await split(ledger, userOf('tier1'), root.id, [
      kept('300000'),
      paid('600000', 'tier2', tier2Invoice),
      paid('100000', 'inHouse', inHouseInvoice),
    ]);
    expect(endorsersOf(ledger, ObjectTypes.Voucher, `${root.id}.1`)).toEqual([MSP.core, MSP.supplier]);
    expect(endorsersOf(ledger, ObjectTypes.Voucher, `${root.id}.2`)).toEqual([MSP.core, MSP.supplier]);
    // Holder and debtor both hosted by the core firm's org: the two-org chaincode policy stays in force.
    expect(endorsersOf(ledger, ObjectTypes.Voucher, `${root.id}.3`)).toEqual([]);
    expect(ledger.validationParameters.get(`\u0000voucher\u0000${root.id}\u0000`)).toBe(rootPolicy);
  });

  it('carries the core credit from tier 1 to tier 3, each transfer backed by its own trade', async () => {
    const { root, tier2Invoice, tier3Invoice } = chain;
    const first = await split(ledger, userOf('tier1'), root.id, [
      paid(ROOT_HALF, 'tier2', tier2Invoice),
      kept(ROOT_HALF),
    ]);
    const atTier2 = first.children[0];
    expect(atTier2).toMatchObject({ holderId: ids.tier2, tier: 1, invoiceId: tier2Invoice.id });
    await acceptPiece(ledger, 'tier2', `${root.id}.1`);

    const second = await split(ledger, userOf('tier2'), `${root.id}.1`, [
      paid('200000', 'tier3', tier3Invoice),
      kept('300000'),
    ]);
    expect(
      second.children.map(({ id, holderId, tier, invoiceId, amount }) => ({
        id,
        holderId,
        tier,
        invoiceId,
        amount,
      })),
    ).toEqual([
      { id: `${root.id}.1.1`, holderId: ids.tier3, tier: 2, invoiceId: tier3Invoice.id, amount: '200000' },
      { id: `${root.id}.1.2`, holderId: ids.tier2, tier: 1, invoiceId: tier2Invoice.id, amount: '300000' },
    ]);
    expect(second.invoices).toEqual([expect.objectContaining({ id: tier3Invoice.id, paidAmount: '200000' })]);
    await acceptPiece(ledger, 'tier3', `${root.id}.1.1`);

    const tier4Invoice = await seedInvoice(ledger, {
      seller: 'inHouse',
      buyer: 'tier3',
      number: 'T4',
      amount: '50000',
    });
    const third = await split(ledger, userOf('tier3', 'admin'), `${root.id}.1.1`, [
      kept('150000'),
      paid('50000', 'inHouse', tier4Invoice),
    ]);
    expect(third.children[1]).toMatchObject({ holderId: ids.inHouse, tier: 3, invoiceId: tier4Invoice.id });

    const lineage = parse<Voucher[]>(
      await ledger.evaluate(reader, (ctx) => contract.GetLineage(ctx, `${root.id}.1.1.2`)),
    );
    expect(lineage.map(({ id, tier, holderId }) => ({ id, tier, holderId }))).toEqual([
      { id: root.id, tier: 0, holderId: ids.tier1 },
      { id: `${root.id}.1`, tier: 1, holderId: ids.tier2 },
      { id: `${root.id}.1.1`, tier: 2, holderId: ids.tier3 },
      { id: `${root.id}.1.1.2`, tier: 3, holderId: ids.inHouse },
    ]);
    expect(invoice(ledger, tier2Invoice.id)).toMatchObject({ paidAmount: ROOT_HALF });
  });

  it('transfers a whole voucher with a single transferred piece', async () => {
    const { root, tier2Invoice } = chain;
    const bigInvoice = await seedInvoice(ledger, {
      seller: 'tier2',
      buyer: 'tier1',
      number: 'BIG',
      amount: '1000000',
      status: 'CONFIRMED',
    });
    const result = await split(ledger, userOf('tier1'), root.id, [paid(ROOT_AMOUNT, 'tier2', bigInvoice)]);
    expect(result.parent).toMatchObject({ status: 'SPLIT', childIds: [`${root.id}.1`], amount: ROOT_AMOUNT });
    expect(result.children).toEqual([
      expect.objectContaining({ holderId: ids.tier2, tier: 1, amount: ROOT_AMOUNT, parentId: root.id }),
    ]);
    expect(result.invoices).toEqual([expect.objectContaining({ id: bigInvoice.id, paidAmount: '1000000' })]);
    expect(invoice(ledger, tier2Invoice.id)).toMatchObject({ paidAmount: '0' });
  });

  it('adds pieces citing one invoice together and lists the invoice once', async () => {
    const { root, tier2Invoice } = chain;
    const result = await split(ledger, userOf('tier1'), root.id, [
      paid('500000', 'tier2', tier2Invoice),
      kept('200000'),
      paid('300000', 'tier2', tier2Invoice),
    ]);
    expect(result.invoices).toEqual([expect.objectContaining({ id: tier2Invoice.id, paidAmount: '800000' })]);
    expect(lastEvent(ledger).records.map((record) => record.id)).toEqual([
      root.id,
      `${root.id}.1`,
      `${root.id}.2`,
      `${root.id}.3`,
      tier2Invoice.id,
    ]);
  });

  it('pays up to the unpaid rest of a partly paid invoice, and not one fen more', async () => {
    const { root } = chain;
    const partly = await seedInvoice(ledger, {
      seller: 'tier2',
      buyer: 'tier1',
      number: 'PART',
      amount: '500000',
      paidAmount: '400000',
    });
    await expectRejected(
      ledger,
      userOf('tier1'),
      root.id,
      [kept('899999'), paid('100001', 'tier2', partly)],
      ErrorCodes.AmountExceeded,
    );
    const result = await split(ledger, userOf('tier1'), root.id, [
      kept('900000'),
      paid('100000', 'tier2', partly),
    ]);
    expect(result.invoices).toEqual([expect.objectContaining({ id: partly.id, paidAmount: '500000' })]);
  });

  it('lets a CORE enterprise holding a voucher pay its own supplier with it', async () => {
    const rootInvoice = await seedInvoice(ledger, {
      seller: 'core2',
      buyer: 'core',
      number: 'CC-1',
      amount: '400000',
      status: 'CONFIRMED',
    });
    const root = await seedVoucher(ledger, rootVoucherOf(rootInvoice));
    const trade = await seedInvoice(ledger, {
      seller: 'tier1',
      buyer: 'core2',
      number: 'T1-C2',
      amount: '400000',
    });
    const result = await split(ledger, userOf('core2', 'admin'), root.id, [
      paid('100000', 'tier1', trade),
      kept('300000'),
    ]);
    expect(result.children.map((child) => [child.holderId, child.tier])).toEqual([
      [ids.tier1, 1],
      [ids.core2, 0],
    ]);
  });

  it('accepts 50 pieces', async () => {
    const pieces = Array.from({ length: MAX_PIECES }, () => kept('20000'));
    const result = await split(ledger, userOf('tier1'), chain.root.id, pieces);
    expect(result.children).toHaveLength(MAX_PIECES);
    expect(result.children[49]?.id).toBe(`${chain.root.id}.50`);
  });

  it('accepts a split on the last day before maturity (China time), refuses it on the maturity date', async () => {
    const { root } = chain;
    ledger.setTime('2026-06-29T16:00:00Z'); // 2026-06-30 00:00 in China
    await expectRejected(
      ledger,
      userOf('tier1'),
      root.id,
      [kept('1'), kept('999999')],
      ErrorCodes.InvalidState,
    );
    ledger.setTime('2026-06-29T15:59:59Z'); // 2026-06-29 23:59:59 in China
    await split(ledger, userOf('tier1'), root.id, [kept('1'), kept('999999')]);
    expect((await get(ledger, root.id)).status).toBe('SPLIT');
  });

  describe('refuses and writes nothing', () => {
    it.each([
      ['a clerk', userOf('tier1', 'clerk'), ErrorCodes.Forbidden],
      ['another enterprise of the same org than the holder', userOf('tier2'), ErrorCodes.Forbidden],
      ['the debtor', userOf('core'), ErrorCodes.Forbidden],
      ['an org admin acting for no enterprise', orgAdmin(MSP.supplier), ErrorCodes.Forbidden],
      ['a caller from the wrong MSP', { ...userOf('tier1'), mspId: MSP.core }, ErrorCodes.Forbidden],
    ])('a caller who is %s', async (_, caller, code) => {
      await expectRejected(ledger, caller, chain.root.id, [kept('500000'), kept('500000')], code);
    });

    it('a BANK holding a voucher', async () => {
      const root = await seedVoucher(
        ledger,
        rootVoucherOf(chain.rootInvoice, { id: 'BANK-HELD', holderId: ids.bankA }),
      );
      await expectRejected(
        ledger,
        userOf('bankA'),
        root.id,
        [kept('1'), kept('999999')],
        ErrorCodes.Forbidden,
      );
    });

    it('an unknown voucher', async () => {
      await expectRejected(ledger, userOf('tier1'), 'nope', [kept('1'), kept('999999')], ErrorCodes.NotFound);
    });

    it('a SPLIT voucher: a parent cannot be split again', async () => {
      const { root } = chain;
      await split(ledger, userOf('tier1'), root.id, [kept('500000'), kept('500000')]);
      await expectRejected(
        ledger,
        userOf('tier1'),
        root.id,
        [kept('500000'), kept('500000')],
        ErrorCodes.InvalidState,
      );
    });

    it.each(['FINANCING', 'FINANCED', 'SETTLED', 'OVERDUE'] as const)('a %s voucher', async (status) => {
      const root = await seedVoucher(ledger, rootVoucherOf(chain.rootInvoice, { id: `V-${status}`, status }));
      await expectRejected(
        ledger,
        userOf('tier1'),
        root.id,
        [kept('500000'), kept('500000')],
        ErrorCodes.InvalidState,
      );
    });

    it('a voucher past maturity', async () => {
      ledger.setTime('2026-07-15T02:00:00Z');
      await expectRejected(
        ledger,
        userOf('tier1'),
        chain.root.id,
        [kept('1'), kept('999999')],
        ErrorCodes.InvalidState,
      );
    });

    it.each([
      ['pieces that are not JSON', '[{"amount": "1"}'],
      ['pieces that are not an array', '{"amount": "1000000"}'],
      ['no pieces', []],
      ['a single kept piece', [kept('1000000')]],
      [
        'more than 50 pieces',
        Array.from({ length: MAX_PIECES + 1 }, (_, i) => kept(i === 0 ? '950000' : '1000')),
      ],
      ['a piece that is a number', [1000000, kept('1')]],
      ['a piece that is null', [null, kept('1000000')]],
      ['a piece that is an array', [['1000000'], kept('1')]],
      ['a piece with an unknown key', [{ amount: '500000', note: 'x' }, kept('500000')]],
      [
        'a piece with a recipient but no invoice',
        [{ amount: '500000', toEnterpriseId: ids.tier2 }, kept('500000')],
      ],
      ['a piece with an invoice but no recipient', [{ amount: '500000', invoiceId: 'x' }, kept('500000')]],
      ['a piece without amount', [{}, kept('1000000')]],
      ['a zero amount', [kept('0'), kept('1000000')]],
      ['a negative amount', [kept('-1'), kept('1000001')]],
      ['a fractional amount', [kept('0.5'), kept('999999.5')]],
      ['an amount with a leading zero', [kept('0500000'), kept('500000')]],
      ['an amount as a JSON number', [{ amount: 500000 }, kept('500000')]],
      ['pieces adding up to less than the voucher', [kept('500000'), kept('499999')]],
      ['pieces adding up to more than the voucher', [kept('500000'), kept('500001')]],
      ['an empty recipient', [{ amount: '500000', toEnterpriseId: ' ', invoiceId: 'x' }, kept('500000')]],
      [
        'an empty invoice id',
        [{ amount: '500000', toEnterpriseId: ids.tier2, invoiceId: '' }, kept('500000')],
      ],
      [
        'a recipient id with NUL',
        [{ amount: '500000', toEnterpriseId: `${ids.tier2}\u0000`, invoiceId: 'x' }, kept('500000')],
      ],
      [
        'an invoice id with U+009F',
        [{ amount: '500000', toEnterpriseId: ids.tier2, invoiceId: 'x\u009F' }, kept('500000')],
      ],
    ])('%s', async (_, pieces) => {
      await expectRejected(ledger, userOf('tier1'), chain.root.id, pieces, ErrorCodes.InvalidArgument);
    });

    it.each([
      ['the holder itself', 'tier1', ErrorCodes.InvalidArgument],
      ['a bank', 'bankA', ErrorCodes.InvalidArgument],
      ['a core enterprise', 'core2', ErrorCodes.InvalidArgument],
    ] as const)('a transfer to %s', async (_, to, code) => {
      const trade = await seedInvoice(ledger, {
        seller: to,
        buyer: 'tier1',
        number: 'TO-X',
        amount: '500000',
      });
      await expectRejected(
        ledger,
        userOf('tier1'),
        chain.root.id,
        [paid('500000', to, trade), kept('500000')],
        code,
      );
    });

    it('a transfer to an unregistered enterprise', async () => {
      const pieces = [
        { amount: '500000', toEnterpriseId: UNREGISTERED_ID, invoiceId: chain.tier2Invoice.id },
        kept('500000'),
      ];
      await expectRejected(ledger, userOf('tier1'), chain.root.id, pieces, ErrorCodes.NotFound);
    });

    it('a transfer to a suspended supplier', async () => {
      await ledger.submit(orgAdmin(MSP.supplier), (ctx) =>
        new EnterpriseContract().SetStatus(ctx, ids.tier2, 'SUSPENDED'),
      );
      const pieces = [paid('500000', 'tier2', chain.tier2Invoice), kept('500000')];
      await expectRejected(ledger, userOf('tier1'), chain.root.id, pieces, ErrorCodes.InvalidState);
    });

    it('a transfer citing an unknown invoice', async () => {
      const pieces = [paid('500000', 'tier2', 'f'.repeat(64)), kept('500000')];
      await expectRejected(ledger, userOf('tier1'), chain.root.id, pieces, ErrorCodes.NotFound);
    });

    it("a transfer citing someone else's invoice", async () => {
      // tier3 sold to tier2: not a trade between tier1 and tier2.
      const pieces = [paid('500000', 'tier2', chain.tier3Invoice), kept('500000')];
      await expectRejected(ledger, userOf('tier1'), chain.root.id, pieces, ErrorCodes.InvalidArgument);
    });

    it('a transfer citing an invoice of the recipient to someone else', async () => {
      const other = await seedInvoice(ledger, {
        seller: 'tier2',
        buyer: 'core',
        number: 'OTHER',
        amount: '900000',
      });
      const pieces = [paid('500000', 'tier2', other), kept('500000')];
      await expectRejected(ledger, userOf('tier1'), chain.root.id, pieces, ErrorCodes.InvalidArgument);
    });

    it('a transfer citing an invoice in the wrong direction (holder sold to the recipient)', async () => {
      const reverse = await seedInvoice(ledger, {
        seller: 'tier1',
        buyer: 'tier2',
        number: 'REV',
        amount: '900000',
      });
      const pieces = [paid('500000', 'tier2', reverse), kept('500000')];
      await expectRejected(ledger, userOf('tier1'), chain.root.id, pieces, ErrorCodes.InvalidArgument);
    });

    it('one invoice cited for two different recipients', async () => {
      const pieces = [
        paid('400000', 'tier2', chain.tier2Invoice),
        paid('600000', 'tier3', chain.tier2Invoice),
      ];
      await expectRejected(ledger, userOf('tier1'), chain.root.id, pieces, ErrorCodes.InvalidArgument);
    });

    it('an invoice in another currency', async () => {
      const usd = await seedInvoice(ledger, {
        seller: 'tier2',
        buyer: 'tier1',
        number: 'USD',
        amount: '900000',
        currency: 'USD',
      });
      await expectRejected(
        ledger,
        userOf('tier1'),
        chain.root.id,
        [paid('500000', 'tier2', usd), kept('500000')],
        ErrorCodes.InvalidArgument,
      );
    });

    it.each(['REJECTED', 'CANCELLED'] as const)('a %s invoice', async (status) => {
      const dead = await seedInvoice(ledger, {
        seller: 'tier2',
        buyer: 'tier1',
        number: status,
        amount: '900000',
        status,
      });
      await expectRejected(
        ledger,
        userOf('tier1'),
        chain.root.id,
        [paid('500000', 'tier2', dead), kept('500000')],
        ErrorCodes.InvalidState,
      );
    });

    it('two pieces citing one invoice for more than its unpaid amount', async () => {
      // tier2Invoice is 800,000 fen.
      const pieces = [
        paid('400000', 'tier2', chain.tier2Invoice),
        paid('400001', 'tier2', chain.tier2Invoice),
        kept('199999'),
      ];
      await expectRejected(ledger, userOf('tier1'), chain.root.id, pieces, ErrorCodes.AmountExceeded);
    });

    it('a second split paying an invoice beyond what the first left unpaid', async () => {
      const { root, tier2Invoice } = chain;
      await split(ledger, userOf('tier1'), root.id, [paid('600000', 'tier2', tier2Invoice), kept('400000')]);
      const pieces = [paid('200001', 'tier2', tier2Invoice), kept('199999')];
      await expectRejected(ledger, userOf('tier1'), `${root.id}.2`, pieces, ErrorCodes.AmountExceeded);
      await split(ledger, userOf('tier1'), `${root.id}.2`, [
        paid('200000', 'tier2', tier2Invoice),
        kept('200000'),
      ]);
      expect(invoice(ledger, tier2Invoice.id)).toMatchObject({ paidAmount: '800000' });
    });
  });
});

describe('VoucherContract reads', () => {
  let ledger: MemoryLedger;
  let chain: Chain;

  beforeEach(async () => {
    ledger = new MemoryLedger();
    chain = await seedChain(ledger);
  });

  it('Get answers NOT_FOUND for an unknown voucher', async () => {
    await expect(get(ledger, 'nope')).rejects.toMatchObject({ code: ErrorCodes.NotFound });
  });

  it('GetLineage of a root is the root alone', async () => {
    const lineage = parse<Voucher[]>(
      await ledger.evaluate(reader, (ctx) => contract.GetLineage(ctx, chain.root.id)),
    );
    expect(lineage).toEqual([chain.root]);
  });

  it('GetLineage follows up to 64 parent links and refuses a deeper or broken chain', async () => {
    const base = rootVoucherOf(chain.rootInvoice, { id: 'D0', rootId: 'D0' });
    await seedVoucher(ledger, base);
    for (let depth = 1; depth <= 65; depth += 1) {
      await seedVoucher(ledger, { ...base, id: `D${depth}`, parentId: `D${depth - 1}`, tier: depth });
    }
    const lineage = parse<Voucher[]>(await ledger.evaluate(reader, (ctx) => contract.GetLineage(ctx, 'D64')));
    expect(lineage.map((voucher) => voucher.id)).toEqual(Array.from({ length: 65 }, (_, i) => `D${i}`));
    await expect(ledger.evaluate(reader, (ctx) => contract.GetLineage(ctx, 'D65'))).rejects.toMatchObject({
      code: ErrorCodes.InvalidState,
    });
    await seedVoucher(ledger, { ...base, id: 'ORPHAN', parentId: 'GONE', tier: 1 });
    await expect(ledger.evaluate(reader, (ctx) => contract.GetLineage(ctx, 'ORPHAN'))).rejects.toMatchObject({
      code: ErrorCodes.NotFound,
    });
    await expect(ledger.evaluate(reader, (ctx) => contract.GetLineage(ctx, 'nope'))).rejects.toMatchObject({
      code: ErrorCodes.NotFound,
    });
  });
});
