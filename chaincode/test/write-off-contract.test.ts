import { beforeEach, describe, expect, it } from 'vitest';
import {
  ErrorCodes,
  type EventPayload,
  Events,
  type WriteOffBook,
  type WriteOffStage,
} from '@scf/ledger-contract';
import { SettlementContract } from '../src/contracts/settlement-contract';
import { WriteOffContract } from '../src/contracts/write-off-contract';
import { person } from './support/approvals';
import { nodeOuAdmin, orgAdmin, userOf } from './support/callers';
import { morningOf, setBusinessDate } from './support/clock';
import { ids, MSP } from './support/enterprises';
import { expectRefused } from './support/expect-refused';
import {
  accept,
  apply,
  disburse,
  financeVoucher,
  offer,
  setupFinance,
  type VoucherFinancing,
} from './support/financing';
import type { MemoryLedger as Ledger, TestCaller } from './support/memory-stub';
import { MemoryLedger } from './support/memory-stub';
import { parse } from './support/parse';
import { coreVoucher, MATURITY, seedVoucher } from './support/vouchers';
import { issueReceipt, pledge } from './support/warehouse-receipts';

const contract = new WriteOffContract();
const settlements = new SettlementContract();

/** 1–30 days 0 %, 31–90 days 20 %, 91–180 days 50 %, beyond 180 days 100 %. */
const STAGES: WriteOffStage[] = [
  { fromDay: 1, toDay: 30, writeDownBps: 0 },
  { fromDay: 31, toDay: 90, writeDownBps: 2_000 },
  { fromDay: 91, toDay: 180, writeDownBps: 5_000 },
  { fromDay: 181, writeDownBps: 10_000 },
];
const SALT = '0123456789abcdef0123456789abcdef';
const OTHER_SALT = 'fedcba9876543210fedcba9876543210';
const BANK_A_APPROVER = person('bankA', 'approver', 'bank-a-approver');

let ledger: Ledger;

beforeEach(async () => {
  ledger = new MemoryLedger();
  await setupFinance(ledger);
});

const setStages = (
  stages: unknown,
  caller: TestCaller = BANK_A_APPROVER,
  salt: unknown = SALT,
  peerMsp?: string,
) =>
  ledger.submit(caller, (ctx) => contract.SetStages(ctx), {
    transient: { stages: JSON.stringify({ stages, salt }) },
    ...(peerMsp ? { peerMsp } : {}),
  });

const record = (
  financingId: string,
  reason: unknown = 'debtor in restructuring; recovery unlikely',
  caller: TestCaller = BANK_A_APPROVER,
  salt: unknown = OTHER_SALT,
) =>
  ledger.submit(caller, (ctx) => contract.Record(ctx), {
    transient: { writeOff: JSON.stringify({ financingId, reason, salt }) },
  });

const bookOf = async (caller: TestCaller = BANK_A_APPROVER, bankId: string = ids.bankA) =>
  parse<WriteOffBook>(await ledger.evaluate(caller, (ctx) => contract.GetBook(ctx, bankId)));

const lastPayload = (): { name: string; payload: EventPayload } => {
  const event = ledger.events.at(-1);
  if (!event) throw new Error('no event');
  return { name: event.name, payload: parse<EventPayload>(event.payload) };
};

/** Everything public: world state and events, as text. */
const publicText = (): string =>
  [...ledger.state.values(), ...ledger.events.map((event) => event.payload)]
    .map((bytes) => (typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('utf8')))
    .join('\n');

/** A financing of bank A (or B) disbursed on 2026-01-05 against a voucher maturing 2026-04-05. */
async function disbursed(bank: 'bankA' | 'bankB' = 'bankA', label = 'invoice-1'): Promise<VoucherFinancing> {
  const voucher = await seedVoucher(ledger, coreVoucher({ label }));
  return financeVoucher(ledger, voucher.id, bank);
}

describe('WriteOffContract.SetStages', () => {
  it('keeps the stages in bank A’s own collection only; the public ledger learns the bank and nothing else', async () => {
    const answer = parse<unknown>(await setStages(STAGES));
    expect(answer).toEqual({ bankId: ids.bankA });
    expect(lastPayload()).toEqual({
      name: Events.WriteOffBookChanged,
      payload: { records: [], writeOffBooks: [ids.bankA] },
    });
    expect([...ledger.privateState.keys()]).toEqual([`_implicit_org_${MSP.bankA}`]);
    expect([...(ledger.privateState.get(`_implicit_org_${MSP.bankA}`)?.keys() ?? [])]).toEqual([
      `\u0000writeoffbook\u0000${ids.bankA}\u0000`,
    ]);
    const book = await bookOf();
    expect(book).toEqual({
      bankId: ids.bankA,
      stages: STAGES,
      stagesSetAt: morningOf('2026-01-05'),
      stagesSetBy: BANK_A_APPROVER.id,
      writeOffs: [],
      salt: SALT,
      updatedAt: morningOf('2026-01-05'),
      txId: book.txId,
    });
    expect(publicText()).not.toMatch(/writeDownBps|2000|fromDay/);
    // Set again: replaced whole.
    await setStages([{ fromDay: 1, writeDownBps: 10_000 }], userOf('bankA', 'admin'));
    expect((await bookOf()).stages).toEqual([{ fromDay: 1, writeDownBps: 10_000 }]);
  });

  it('refuses another bank’s staff reading them, an SME, a clerk; bad stages and salts; changes nothing', async () => {
    await setStages(STAGES);
    // Bank B's user reads only its own book; its org admin hosts no bank A; its peer holds no copy.
    await expect(bookOf(userOf('bankB', 'approver'))).rejects.toMatchObject({ code: ErrorCodes.Forbidden });
    await expect(bookOf(userOf('bankB', 'approver'), ids.bankB)).rejects.toMatchObject({
      code: ErrorCodes.NotFound,
    });
    await expect(
      ledger.evaluate(nodeOuAdmin(MSP.bankB), (ctx) => contract.GetOrgBook(ctx, ids.bankA)),
    ).rejects.toMatchObject({ code: ErrorCodes.Forbidden });
    await expect(
      ledger.evaluate(userOf('bankA', 'clerk'), (ctx) => contract.GetBook(ctx, ids.bankA), {
        peerMsp: MSP.bankB,
      }),
    ).rejects.toMatchObject({ code: ErrorCodes.Forbidden });
    await expect(
      ledger.evaluate(userOf('bankA', 'approver'), (ctx) => contract.GetOrgBook(ctx, ids.bankA)),
    ).rejects.toMatchObject({ code: ErrorCodes.Forbidden });
    const projector = parse<WriteOffBook>(
      await ledger.evaluate(nodeOuAdmin(MSP.bankA), (ctx) => contract.GetOrgBook(ctx, ids.bankA)),
    );
    expect(projector.stages).toEqual(STAGES);
    // A clerk of bank A reads its book, but may not set it.
    expect((await bookOf(userOf('bankA', 'clerk'))).stages).toEqual(STAGES);

    for (const caller of [userOf('bankA', 'clerk'), userOf('tier1', 'approver'), orgAdmin(MSP.bankA)]) {
      await expectRefused(ledger, () => setStages(STAGES, caller), ErrorCodes.Forbidden);
    }
    for (const stages of [
      [],
      [{ fromDay: 2, writeDownBps: 100 }],
      [{ fromDay: 1, toDay: 30, writeDownBps: 100 }],
      [
        { fromDay: 1, toDay: 30, writeDownBps: 500 },
        { fromDay: 31, writeDownBps: 400 },
      ],
      [{ fromDay: 1, writeDownBps: 10_001 }],
      [{ fromDay: 1, writeDownBps: '100' }],
      [{ fromDay: 1, writeDownBps: 1.5 }],
      [{ fromDay: 1, writeDownBps: 100, note: 'x' }],
      [
        { fromDay: 1, toDay: 100_000, writeDownBps: 0 },
        { fromDay: 100_001, writeDownBps: 0 },
      ],
      'all of it',
    ]) {
      await expectRefused(ledger, () => setStages(stages), ErrorCodes.InvalidArgument);
    }
    await expectRefused(ledger, () => setStages(STAGES, BANK_A_APPROVER, 'abc'), ErrorCodes.InvalidArgument);
    await expectRefused(
      ledger,
      () => ledger.submit(BANK_A_APPROVER, (ctx) => contract.SetStages(ctx)),
      ErrorCodes.InvalidArgument,
    );
    // Bank A's stages are written on bank A's peers only.
    await expectRefused(
      ledger,
      () => setStages(STAGES, BANK_A_APPROVER, SALT, MSP.bankB),
      ErrorCodes.Forbidden,
    );
  });
});

describe('WriteOffContract.Record', () => {
  it('writes off bank A’s disbursed, overdue financing in full with reason, approver and time; once', async () => {
    const financing = await disbursed();
    await setStages(STAGES);
    setBusinessDate(ledger, '2026-05-15'); // 40 days past maturity 2026-04-05
    expect(parse<unknown>(await record(financing.id))).toEqual({ bankId: ids.bankA });
    expect(lastPayload()).toEqual({
      name: Events.WriteOffBookChanged,
      payload: { records: [], writeOffBooks: [ids.bankA] },
    });
    const book = await bookOf();
    expect(book.stages).toEqual(STAGES);
    expect(book.salt).toBe(OTHER_SALT);
    expect(book.writeOffs).toEqual([
      {
        financingId: financing.id,
        voucherId: financing.voucherId,
        debtorId: ids.core,
        amount: '100000000',
        maturityDate: MATURITY,
        daysOverdue: 40,
        reason: 'debtor in restructuring; recovery unlikely',
        approvedBy: BANK_A_APPROVER.id,
        approvedByLabel: `${ids.bankA}/approver@${MSP.bankA}`,
        recordedAt: morningOf('2026-05-15'),
        txId: book.txId,
      },
    ]);
    expect(publicText()).not.toMatch(/restructuring/);
    await expectRefused(ledger, () => record(financing.id), ErrorCodes.AlreadyExists);
  });

  it('takes a voucher the sweep marked OVERDUE as well', async () => {
    const financing = await disbursed();
    setBusinessDate(ledger, '2026-04-07');
    await ledger.submit(userOf('core', 'approver'), (ctx) => settlements.SweepOverdue(ctx, '10'));
    await record(financing.id);
    expect((await bookOf()).writeOffs.map((entry) => entry.daysOverdue)).toEqual([2]);
  });

  it('refuses another bank, an SME, a clerk, a financing not disbursed or not overdue, a bad reason', async () => {
    const financing = await disbursed();
    const atBankB = await disbursed('bankB', 'invoice-2');
    const applied = await apply(ledger, (await seedVoucher(ledger, coreVoucher({ label: 'invoice-3' }))).id);
    // Before maturity, and on maturity day itself, nothing is overdue.
    setBusinessDate(ledger, MATURITY);
    await expectRefused(ledger, () => record(financing.id), ErrorCodes.InvalidState);
    setBusinessDate(ledger, '2026-04-06');
    for (const caller of [
      userOf('bankB', 'approver'),
      userOf('bankA', 'clerk'),
      userOf('tier1', 'approver'),
      userOf('core', 'approver'),
    ]) {
      await expectRefused(ledger, () => record(financing.id, 'reason', caller), ErrorCodes.Forbidden);
    }
    await expectRefused(ledger, () => record(atBankB.id), ErrorCodes.Forbidden);
    await expectRefused(ledger, () => record(applied.id), ErrorCodes.InvalidState);
    await expectRefused(ledger, () => record('no-such-financing'), ErrorCodes.NotFound);
    await expectRefused(ledger, () => record(financing.id, ''), ErrorCodes.InvalidArgument);
    await expectRefused(ledger, () => record(financing.id, 'x'.repeat(501)), ErrorCodes.InvalidArgument);
    await expectRefused(
      ledger,
      () => record(financing.id, 'ok', BANK_A_APPROVER, 'short'),
      ErrorCodes.InvalidArgument,
    );
    // Paid at last: settled, no longer written off.
    await ledger.submit(userOf('core', 'approver'), (ctx) =>
      settlements.Pay(ctx, financing.voucherId, 'PAY-LATE'),
    );
    await expectRefused(ledger, () => record(financing.id), ErrorCodes.InvalidState);
    // Bank B writes off its own; bank A's book does not see it.
    await record(atBankB.id, 'fraud', userOf('bankB', 'approver'));
    expect((await bookOf(userOf('bankB', 'clerk'), ids.bankB)).writeOffs).toHaveLength(1);
    await expect(bookOf()).rejects.toMatchObject({ code: ErrorCodes.NotFound });
    const books = [...ledger.privateState].flatMap(([collection, entries]) =>
      [...entries.keys()].filter((key) => key.includes('writeoffbook')).map((key) => [collection, key]),
    );
    expect(books).toEqual([[`_implicit_org_${MSP.bankB}`, `\u0000writeoffbook\u0000${ids.bankB}\u0000`]]);
  });

  it('refuses a pledged warehouse receipt’s financing: there is no voucher to write off', async () => {
    const applied = await pledge(ledger, await issueReceipt(ledger));
    await accept(ledger, await offer(ledger, applied));
    const financing = await disburse(ledger, applied);
    // Past the pledge's maturity (2026-06-30), unpaid.
    setBusinessDate(ledger, '2026-07-10');
    await expectRefused(ledger, () => record(financing.id), ErrorCodes.InvalidState);
    await expect(bookOf()).rejects.toMatchObject({ code: ErrorCodes.NotFound });
  });
});
