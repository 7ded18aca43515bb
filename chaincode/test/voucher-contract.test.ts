import { beforeEach, describe, expect, it } from 'vitest';
import { EnterpriseContract } from '../src/contracts/enterprise-contract';
import { MAX_PIECES, type SplitResult } from '../src/contracts/voucher-contract';
import {
  type ErrorCode,
  ErrorCodes,
  type EventPayload,
  Events,
  type Invoice,
  ObjectTypes,
  type Voucher,
} from '@scf/ledger-contract';
import type { Page } from '../src/lib/query';
import { VoucherIndexes } from '../src/repositories/vouchers';
import { MSP, orgAdmin } from './support/fixtures';
import { MemoryLedger, type TestCaller } from './support/memory-stub';
import {
  actor,
  endorsingOrgs,
  ids,
  kept,
  MATURITY,
  ROOT_AMOUNT,
  paid,
  rootVoucherOf,
  seedChain,
  seedInvoice,
  seedVoucher,
  snapshot,
  stored,
  UNREGISTERED_ID,
  voucherContract as contract,
  type Chain,
} from './support/voucher-fixtures';

const parse = <T>(text: string): T => JSON.parse(text) as T;
const NOW = '2026-01-05T02:00:00.000Z';
const ROOT_HALF = '500000';
const reader = actor('bankA', 'clerk');

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
  const found = stored<Invoice>(ledger, ObjectTypes.Invoice, id);
  if (!found) throw new Error(`invoice ${id} is not stored`);
  return found;
}

async function heldBy(ledger: MemoryLedger, holderId: string): Promise<string[]> {
  const page = parse<Page<Voucher>>(
    await ledger.evaluate(reader, (ctx) => contract.ListByHolder(ctx, holderId, '100', '')),
  );
  return page.items.map((voucher) => voucher.id);
}

async function withStatus(ledger: MemoryLedger, status: string): Promise<string[]> {
  const page = parse<Page<Voucher>>(
    await ledger.evaluate(reader, (ctx) => contract.ListByStatus(ctx, status, '100', '')),
  );
  return page.items.map((voucher) => voucher.id);
}

function lastEvent(ledger: MemoryLedger): { name: string; records: EventPayload['records'] } {
  const event = ledger.events.at(-1);
  if (!event) throw new Error('no event');
  return { name: event.name, records: parse<EventPayload>(event.payload).records };
}

/** Runs a split that must be rejected with `code` and leave the ledger exactly as it was. */
async function expectRejected(
  ledger: MemoryLedger,
  caller: TestCaller,
  voucherId: string,
  pieces: unknown,
  code: ErrorCode,
): Promise<void> {
  const before = snapshot(ledger);
  await expect(split(ledger, caller, voucherId, pieces)).rejects.toMatchObject({ code });
  expect(snapshot(ledger)).toEqual(before);
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
    const result = await split(ledger, actor('tier1'), root.id, [
      kept('300000'),
      paid('700000', 'tier2', tier2Invoice),
    ]);

    const stamp = { updatedAt: NOW, txId: 'tx000015', updatedBy: `${ids.tier1}/approver@${MSP.supplier}` };
    const child = (index: number, changes: Partial<Voucher>): Voucher => ({
      docType: 'voucher',
      id: `${root.id}.${index}`,
      debtorId: ids.core,
      holderId: ids.tier1,
      amount: '0',
      currency: 'CNY',
      maturityDate: MATURITY,
      rootId: root.id,
      parentId: root.id,
      tier: 0,
      status: 'ACTIVE',
      invoiceId: root.id,
      childIds: [],
      createdAt: NOW,
      ...stamp,
      ...changes,
    });
    const kept1 = child(1, { amount: '300000' });
    const paid2 = child(2, { amount: '700000', holderId: ids.tier2, tier: 1, invoiceId: tier2Invoice.id });
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

  it('moves index entries: holders, statuses and open pieces by maturity', async () => {
    const { root, tier2Invoice } = chain;
    expect(await heldBy(ledger, ids.tier1)).toEqual([root.id]);
    expect(await heldBy(ledger, ids.tier2)).toEqual([]);
    await split(ledger, actor('tier1'), root.id, [kept('300000'), paid('700000', 'tier2', tier2Invoice)]);

    expect(await heldBy(ledger, ids.tier1)).toEqual([root.id, `${root.id}.1`]);
    expect(await heldBy(ledger, ids.tier2)).toEqual([`${root.id}.2`]);
    expect(await withStatus(ledger, 'SPLIT')).toEqual([root.id]);
    expect(await withStatus(ledger, 'ACTIVE')).toEqual([`${root.id}.1`, `${root.id}.2`]);
    const debtorPage = parse<Page<Voucher>>(
      await ledger.evaluate(reader, (ctx) => contract.ListByDebtor(ctx, ids.core, '100', '')),
    );
    expect(debtorPage.items.map((voucher) => voucher.id)).toEqual([root.id, `${root.id}.1`, `${root.id}.2`]);
    const open = ledger.keysOfType(VoucherIndexes.openByMaturity);
    expect(open).toEqual([
      `\u0000${VoucherIndexes.openByMaturity}\u0000${MATURITY}\u0000${root.id}.1\u0000`,
      `\u0000${VoucherIndexes.openByMaturity}\u0000${MATURITY}\u0000${root.id}.2\u0000`,
    ]);
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
    await split(ledger, actor('tier1'), root.id, [
      kept('300000'),
      paid('600000', 'tier2', tier2Invoice),
      paid('100000', 'inHouse', inHouseInvoice),
    ]);
    expect(endorsingOrgs(ledger, ObjectTypes.Voucher, `${root.id}.1`)).toEqual([MSP.core, MSP.supplier]);
    expect(endorsingOrgs(ledger, ObjectTypes.Voucher, `${root.id}.2`)).toEqual([MSP.core, MSP.supplier]);
    // Holder and debtor both hosted by the core firm's org: the two-org chaincode policy stays in force.
    expect(endorsingOrgs(ledger, ObjectTypes.Voucher, `${root.id}.3`)).toEqual([]);
    expect(ledger.validationParameters.get(`\u0000voucher\u0000${root.id}\u0000`)).toBe(rootPolicy);
  });

  it('carries the core credit from tier 1 to tier 3, each transfer backed by its own trade', async () => {
    const { root, tier2Invoice, tier3Invoice } = chain;
    const first = await split(ledger, actor('tier1'), root.id, [
      paid(ROOT_HALF, 'tier2', tier2Invoice),
      kept(ROOT_HALF),
    ]);
    const atTier2 = first.children[0];
    expect(atTier2).toMatchObject({ holderId: ids.tier2, tier: 1, invoiceId: tier2Invoice.id });

    const second = await split(ledger, actor('tier2'), `${root.id}.1`, [
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

    const tier4Invoice = await seedInvoice(ledger, {
      seller: 'inHouse',
      buyer: 'tier3',
      number: 'T4',
      amount: '50000',
    });
    const third = await split(ledger, actor('tier3', 'admin'), `${root.id}.1.1`, [
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
    const result = await split(ledger, actor('tier1'), root.id, [paid(ROOT_AMOUNT, 'tier2', bigInvoice)]);
    expect(result.parent).toMatchObject({ status: 'SPLIT', childIds: [`${root.id}.1`], amount: ROOT_AMOUNT });
    expect(result.children).toEqual([
      expect.objectContaining({ holderId: ids.tier2, tier: 1, amount: ROOT_AMOUNT, parentId: root.id }),
    ]);
    expect(result.invoices).toEqual([expect.objectContaining({ id: bigInvoice.id, paidAmount: '1000000' })]);
    expect(invoice(ledger, tier2Invoice.id)).toMatchObject({ paidAmount: '0' });
  });

  it('adds pieces citing one invoice together and lists the invoice once', async () => {
    const { root, tier2Invoice } = chain;
    const result = await split(ledger, actor('tier1'), root.id, [
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
      actor('tier1'),
      root.id,
      [kept('899999'), paid('100001', 'tier2', partly)],
      ErrorCodes.AmountExceeded,
    );
    const result = await split(ledger, actor('tier1'), root.id, [
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
    const result = await split(ledger, actor('core2', 'admin'), root.id, [
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
    const result = await split(ledger, actor('tier1'), chain.root.id, pieces);
    expect(result.children).toHaveLength(MAX_PIECES);
    expect(result.children[49]?.id).toBe(`${chain.root.id}.50`);
  });

  it('accepts a split on the last day before maturity (China time), refuses it on the maturity date', async () => {
    const { root } = chain;
    ledger.setTime('2026-06-29T16:00:00Z'); // 2026-06-30 00:00 in China
    await expectRejected(
      ledger,
      actor('tier1'),
      root.id,
      [kept('1'), kept('999999')],
      ErrorCodes.InvalidState,
    );
    ledger.setTime('2026-06-29T15:59:59Z'); // 2026-06-29 23:59:59 in China
    await split(ledger, actor('tier1'), root.id, [kept('1'), kept('999999')]);
    expect((await get(ledger, root.id)).status).toBe('SPLIT');
  });

  describe('refuses and writes nothing', () => {
    it.each([
      ['a clerk', actor('tier1', 'clerk'), ErrorCodes.Forbidden],
      ['another enterprise of the same org than the holder', actor('tier2'), ErrorCodes.Forbidden],
      ['the debtor', actor('core'), ErrorCodes.Forbidden],
      ['an org admin acting for no enterprise', orgAdmin(MSP.supplier), ErrorCodes.Forbidden],
      ['a caller from the wrong MSP', { ...actor('tier1'), mspId: MSP.core }, ErrorCodes.Forbidden],
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
        actor('bankA'),
        root.id,
        [kept('1'), kept('999999')],
        ErrorCodes.Forbidden,
      );
    });

    it('an unknown voucher', async () => {
      await expectRejected(ledger, actor('tier1'), 'nope', [kept('1'), kept('999999')], ErrorCodes.NotFound);
    });

    it('a SPLIT voucher: a parent cannot be split again', async () => {
      const { root } = chain;
      await split(ledger, actor('tier1'), root.id, [kept('500000'), kept('500000')]);
      await expectRejected(
        ledger,
        actor('tier1'),
        root.id,
        [kept('500000'), kept('500000')],
        ErrorCodes.InvalidState,
      );
    });

    it.each(['FINANCING', 'FINANCED', 'SETTLED', 'OVERDUE'] as const)('a %s voucher', async (status) => {
      const root = await seedVoucher(ledger, rootVoucherOf(chain.rootInvoice, { id: `V-${status}`, status }));
      await expectRejected(
        ledger,
        actor('tier1'),
        root.id,
        [kept('500000'), kept('500000')],
        ErrorCodes.InvalidState,
      );
    });

    it('a voucher past maturity', async () => {
      ledger.setTime('2026-07-15T02:00:00Z');
      await expectRejected(
        ledger,
        actor('tier1'),
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
      await expectRejected(ledger, actor('tier1'), chain.root.id, pieces, ErrorCodes.InvalidArgument);
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
        actor('tier1'),
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
      await expectRejected(ledger, actor('tier1'), chain.root.id, pieces, ErrorCodes.NotFound);
    });

    it('a transfer to a suspended supplier', async () => {
      await ledger.submit(orgAdmin(MSP.supplier), (ctx) =>
        new EnterpriseContract().SetStatus(ctx, ids.tier2, 'SUSPENDED'),
      );
      const pieces = [paid('500000', 'tier2', chain.tier2Invoice), kept('500000')];
      await expectRejected(ledger, actor('tier1'), chain.root.id, pieces, ErrorCodes.InvalidState);
    });

    it('a transfer citing an unknown invoice', async () => {
      const pieces = [paid('500000', 'tier2', 'f'.repeat(64)), kept('500000')];
      await expectRejected(ledger, actor('tier1'), chain.root.id, pieces, ErrorCodes.NotFound);
    });

    it("a transfer citing someone else's invoice", async () => {
      // tier3 sold to tier2: not a trade between tier1 and tier2.
      const pieces = [paid('500000', 'tier2', chain.tier3Invoice), kept('500000')];
      await expectRejected(ledger, actor('tier1'), chain.root.id, pieces, ErrorCodes.InvalidArgument);
    });

    it('a transfer citing an invoice of the recipient to someone else', async () => {
      const other = await seedInvoice(ledger, {
        seller: 'tier2',
        buyer: 'core',
        number: 'OTHER',
        amount: '900000',
      });
      const pieces = [paid('500000', 'tier2', other), kept('500000')];
      await expectRejected(ledger, actor('tier1'), chain.root.id, pieces, ErrorCodes.InvalidArgument);
    });

    it('a transfer citing an invoice in the wrong direction (holder sold to the recipient)', async () => {
      const reverse = await seedInvoice(ledger, {
        seller: 'tier1',
        buyer: 'tier2',
        number: 'REV',
        amount: '900000',
      });
      const pieces = [paid('500000', 'tier2', reverse), kept('500000')];
      await expectRejected(ledger, actor('tier1'), chain.root.id, pieces, ErrorCodes.InvalidArgument);
    });

    it('one invoice cited for two different recipients', async () => {
      const pieces = [
        paid('400000', 'tier2', chain.tier2Invoice),
        paid('600000', 'tier3', chain.tier2Invoice),
      ];
      await expectRejected(ledger, actor('tier1'), chain.root.id, pieces, ErrorCodes.InvalidArgument);
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
        actor('tier1'),
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
        actor('tier1'),
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
      await expectRejected(ledger, actor('tier1'), chain.root.id, pieces, ErrorCodes.AmountExceeded);
    });

    it('a second split paying an invoice beyond what the first left unpaid', async () => {
      const { root, tier2Invoice } = chain;
      await split(ledger, actor('tier1'), root.id, [paid('600000', 'tier2', tier2Invoice), kept('400000')]);
      const pieces = [paid('200001', 'tier2', tier2Invoice), kept('199999')];
      await expectRejected(ledger, actor('tier1'), `${root.id}.2`, pieces, ErrorCodes.AmountExceeded);
      await split(ledger, actor('tier1'), `${root.id}.2`, [
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

  it('GetTree returns the root and every descendant sorted by id, and nothing of other trees', async () => {
    const { root, tier2Invoice } = chain;
    const pieces = Array.from({ length: 10 }, (_, i) =>
      i === 0 ? paid('100000', 'tier2', tier2Invoice) : kept('100000'),
    );
    await split(ledger, actor('tier1'), root.id, pieces);
    await split(ledger, actor('tier2'), `${root.id}.1`, [kept('60000'), kept('40000')]);
    const other = await seedInvoice(ledger, {
      seller: 'tier1',
      buyer: 'core',
      number: 'OTHER',
      amount: '5',
      status: 'CONFIRMED',
    });
    await seedVoucher(ledger, rootVoucherOf(other));

    const tree = parse<{ root: Voucher; vouchers: Voucher[] }>(
      await ledger.evaluate(reader, (ctx) => contract.GetTree(ctx, root.id)),
    );
    expect(tree.root).toEqual(await get(ledger, root.id));
    expect(tree.vouchers.map((voucher) => voucher.id.slice(root.id.length))).toEqual([
      '',
      '.1',
      '.1.1',
      '.1.2',
      '.10',
      '.2',
      '.3',
      '.4',
      '.5',
      '.6',
      '.7',
      '.8',
      '.9',
    ]);
    expect(tree.vouchers[2]).toEqual(await get(ledger, `${root.id}.1.1`));
  });

  it('GetTree answers NOT_FOUND for an unknown root and INVALID_ARGUMENT for a piece', async () => {
    await expect(ledger.evaluate(reader, (ctx) => contract.GetTree(ctx, 'nope'))).rejects.toMatchObject({
      code: ErrorCodes.NotFound,
    });
    await split(ledger, actor('tier1'), chain.root.id, [kept('1'), kept('999999')]);
    await expect(
      ledger.evaluate(reader, (ctx) => contract.GetTree(ctx, `${chain.root.id}.1`)),
    ).rejects.toMatchObject({ code: ErrorCodes.InvalidArgument });
  });

  it('lists a page at a time and checks its arguments', async () => {
    await split(ledger, actor('tier1'), chain.root.id, [kept('1'), kept('2'), kept('999997')]);
    const first = parse<Page<Voucher>>(
      await ledger.evaluate(reader, (ctx) => contract.ListByHolder(ctx, ids.tier1, '3', '')),
    );
    expect(first.items.map((voucher) => voucher.id)).toEqual([
      chain.root.id,
      `${chain.root.id}.1`,
      `${chain.root.id}.2`,
    ]);
    const second = parse<Page<Voucher>>(
      await ledger.evaluate(reader, (ctx) => contract.ListByHolder(ctx, ids.tier1, '3', first.bookmark)),
    );
    expect(second).toEqual({ items: [await get(ledger, `${chain.root.id}.3`)], bookmark: '' });

    for (const call of [
      () => ledger.evaluate(reader, (ctx) => contract.ListByHolder(ctx, '', '10', '')),
      () => ledger.evaluate(reader, (ctx) => contract.ListByDebtor(ctx, ' ', '10', '')),
      () => ledger.evaluate(reader, (ctx) => contract.ListByStatus(ctx, 'LOST', '10', '')),
      () => ledger.evaluate(reader, (ctx) => contract.ListByStatus(ctx, 'ACTIVE', '0', '')),
      () => ledger.evaluate(reader, (ctx) => contract.ListByDebtor(ctx, ids.core, '101', '')),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: ErrorCodes.InvalidArgument });
    }
  });
});
