import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ContractError,
  type EventPayload,
  Events,
  type Invoice,
  type InvoiceStatus,
  MAX_PIECES,
  ObjectTypes,
  type Voucher,
} from '@scf/ledger-contract';
import { userOf } from './support/callers';
import { type EnterpriseName, ids, UNREGISTERED_ID } from './support/enterprises';
import { snapshot } from './support/expect-refused';
import { seedInvoice } from './support/invoices';
import { findStored, stored, storedAll } from './support/ledger-state';
import { MemoryLedger } from './support/memory-stub';
import { registerVoucherEnterprises, rootVoucherOf, seedVoucher, voucherContract } from './support/vouchers';

/** Suppliers that trade with each other; every ordered pair has one invoice. */
const TRADERS = ['tier1', 'tier2', 'tier3', 'inHouse'] as const satisfies readonly EnterpriseName[];
/** Recipients that must be refused, beside the holder itself. */
const ODD_RECIPIENTS = ['core2', 'bankA', 'unregistered'] as const;
const START = Date.parse('2026-01-05T02:00:00Z');
const MATURITY = '2026-02-15';
const UNKNOWN_INVOICE = 'f'.repeat(64);
/** A command's voucher pick that names no voucher at all. */
const UNKNOWN_VOUCHER = -1;
const MUTATIONS = [
  'plusOne',
  'minusOne',
  'zero',
  'negative',
  'fraction',
  'leadingZero',
  'number',
  'extraKey',
  'halfTransfer',
] as const;

type Mutation = (typeof MUTATIONS)[number] | 'none';
type Caller = 'holder' | 'tier1' | 'tier2' | 'core' | 'bankA';
type Role = 'approver' | 'admin' | 'clerk';

interface PieceSpec {
  weight: number;
  /** `to`: a number picks one of the traders other than the holder. */
  transfer: {
    to: number | 'self' | (typeof ODD_RECIPIENTS)[number];
    invoice: 'match' | 'unknown' | number;
  } | null;
  mutation: Mutation;
}

/** What a recipient (accept, decline) or a sender (withdraw) does with a piece waiting for consent. */
type ConsentAction = 'accept' | 'decline' | 'withdraw';

type Command =
  | {
      kind: 'split';
      pickActive: boolean;
      voucher: number;
      caller: Caller;
      role: Role;
      pieces: PieceSpec[];
    }
  | {
      kind: 'consent';
      action: ConsentAction;
      /** Picks one of the pieces waiting for consent (or any voucher when none waits). */
      voucher: number;
      /** `party`: the recipient for accept and decline, the sender for withdraw. */
      caller: 'party' | 'other';
      role: Role;
    }
  | { kind: 'wait'; days: number };

interface InvoiceSpec {
  amount: bigint;
  status: InvoiceStatus;
  currency: string;
}

interface Setup {
  roots: [bigint, bigint];
  invoices: InvoiceSpec[];
}

/** Mostly plausible values, now and then one that must be refused. */
function mostly<T>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<T>, ratio = 12): fc.Arbitrary<T> {
  return fc.oneof({ weight: ratio, arbitrary: usual }, { weight: 1, arbitrary: odd });
}

/** Fen amounts: mostly realistic, sometimes tiny (so that proportional pieces round down to 0). */
const amountArb = (max: bigint): fc.Arbitrary<bigint> =>
  mostly(fc.bigInt({ min: 100_000n, max }), fc.bigInt({ min: 1n, max: 100n }), 6);

const pieceArb: fc.Arbitrary<PieceSpec> = fc.record({
  weight: fc.integer({ min: 1, max: 10 }),
  transfer: fc.option(
    fc.record({
      to: mostly<number | 'self' | (typeof ODD_RECIPIENTS)[number]>(
        fc.nat(TRADERS.length - 2),
        fc.constantFrom('self' as const, ...ODD_RECIPIENTS),
      ),
      invoice: mostly<'match' | 'unknown' | number>(
        fc.constant('match'),
        fc.oneof(fc.nat(40), fc.constant('unknown')),
      ),
    }),
    { freq: 2 },
  ),
  mutation: mostly<Mutation>(fc.constant('none'), fc.constantFrom(...MUTATIONS), 15),
});

const splitArb = fc.record({
  kind: fc.constant('split' as const),
  pickActive: mostly(fc.constant(true), fc.constant(false), 4),
  voucher: mostly(fc.nat(1000), fc.constant(UNKNOWN_VOUCHER), 40),
  caller: mostly<Caller>(fc.constant('holder'), fc.constantFrom('tier1', 'tier2', 'core', 'bankA')),
  role: mostly<Role>(fc.constantFrom('approver', 'admin'), fc.constant('clerk')),
  pieces: mostly<PieceSpec[]>(
    fc.oneof(
      { weight: 4, arbitrary: fc.array(pieceArb, { minLength: 2, maxLength: 5 }) },
      { weight: 1, arbitrary: fc.tuple(pieceArb.filter((piece) => piece.transfer !== null)) },
    ),
    fc.oneof(
      fc.constant<PieceSpec[]>([]),
      fc.tuple(pieceArb),
      fc.array(pieceArb, { minLength: MAX_PIECES, maxLength: MAX_PIECES + 1 }),
    ),
    20,
  ),
});

const consentArb = fc.record({
  kind: fc.constant('consent' as const),
  action: fc.constantFrom<ConsentAction>('accept', 'accept', 'decline', 'withdraw'),
  voucher: fc.nat(1000),
  caller: mostly(fc.constant('party' as const), fc.constant('other' as const), 6),
  role: mostly<Role>(fc.constantFrom('approver', 'admin'), fc.constant('clerk'), 6),
});

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { weight: 8, arbitrary: splitArb },
  { weight: 5, arbitrary: consentArb },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('wait' as const), days: fc.integer({ min: 1, max: 25 }) }),
  },
);

const setupArb: fc.Arbitrary<Setup> = fc.record({
  roots: fc.tuple(amountArb(3_000_000n), amountArb(3_000_000n)),
  invoices: fc.array(
    fc.record({
      amount: amountArb(2_000_000n),
      status: mostly<InvoiceStatus>(
        fc.constantFrom('REGISTERED', 'CONFIRMED'),
        fc.constantFrom('REJECTED', 'CANCELLED'),
        8,
      ),
      currency: mostly(fc.constant('CNY'), fc.constant('USD'), 10),
    }),
    { minLength: TRADERS.length * (TRADERS.length - 1), maxLength: TRADERS.length * (TRADERS.length - 1) },
  ),
});

/** The world a run acts on, and what the test remembers of it. */
interface World {
  ledger: MemoryLedger;
  millis: number;
  invoices: Invoice[];
  rootIds: string[];
  /** Every voucher amount as first seen: amounts never change. */
  amounts: Map<string, string>;
}

async function buildWorld(setup: Setup): Promise<World> {
  const ledger = new MemoryLedger();
  ledger.setTime(new Date(START).toISOString());
  await registerVoucherEnterprises(ledger);
  const invoices: Invoice[] = [];
  const pairs = TRADERS.flatMap((seller) =>
    TRADERS.filter((buyer) => buyer !== seller).map((buyer) => [seller, buyer] as const),
  );
  for (const [index, [seller, buyer]] of pairs.entries()) {
    const spec = setup.invoices[index];
    if (!spec) throw new Error('setup has too few invoices');
    invoices.push(
      await seedInvoice(ledger, {
        seller,
        buyer,
        number: `P-${index}`,
        amount: spec.amount.toString(),
        status: spec.status,
        currency: spec.currency,
      }),
    );
  }
  const rootIds: string[] = [];
  for (const [index, holder] of (['tier1', 'tier2'] as const).entries()) {
    const amount = setup.roots[index] ?? 1n;
    const confirmed = await seedInvoice(ledger, {
      seller: holder,
      buyer: 'core',
      number: `R-${index}`,
      amount: amount.toString(),
      status: 'CONFIRMED',
    });
    rootIds.push((await seedVoucher(ledger, rootVoucherOf(confirmed, { maturityDate: MATURITY }))).id);
  }
  return { ledger, millis: START, invoices, rootIds, amounts: new Map() };
}

const partyOf = (enterpriseId: string): EnterpriseName | undefined =>
  (Object.keys(ids) as EnterpriseName[]).find((party) => ids[party] === enterpriseId);

/** The exact partition of `amount` in proportion to the weights (the last piece takes the rest). */
function partition(amount: bigint, weights: number[]): bigint[] {
  const total = BigInt(weights.reduce((sum, weight) => sum + weight, 0));
  const shares = weights.map((weight) => (amount * BigInt(weight)) / total);
  const rest = amount - shares.slice(0, -1).reduce((sum, share) => sum + share, 0n);
  return [...shares.slice(0, -1), rest];
}

function invoiceFor(
  world: World,
  spec: NonNullable<PieceSpec['transfer']>,
  recipientId: string,
  holderId: string,
): string {
  if (spec.invoice === 'unknown') return UNKNOWN_INVOICE;
  if (spec.invoice === 'match') {
    return (
      world.invoices.find((invoice) => invoice.sellerId === recipientId && invoice.buyerId === holderId)
        ?.id ?? UNKNOWN_INVOICE
    );
  }
  return world.invoices[spec.invoice % world.invoices.length]?.id ?? UNKNOWN_INVOICE;
}

function recipientOf(to: NonNullable<PieceSpec['transfer']>['to'], holderId: string): string {
  if (to === 'unregistered') return UNREGISTERED_ID;
  if (to === 'self') return holderId;
  if (typeof to === 'string') return ids[to];
  const others = TRADERS.map((party) => ids[party]).filter((id) => id !== holderId);
  return others[to % others.length] ?? UNREGISTERED_ID;
}

function mutateAmount(amount: bigint, mutation: Mutation): unknown {
  switch (mutation) {
    case 'plusOne':
      return (amount + 1n).toString();
    case 'minusOne':
      return (amount - 1n).toString();
    case 'zero':
      return '0';
    case 'negative':
      return `-${amount}`;
    case 'fraction':
      return `${amount}.5`;
    case 'leadingZero':
      return `0${amount}`;
    case 'number':
      return Number(amount);
    default:
      return amount.toString();
  }
}

/** The pieces argument a command sends for a voucher, as JSON values (possibly malformed on purpose). */
function piecesFor(
  world: World,
  voucher: Voucher | undefined,
  specs: PieceSpec[],
): Record<string, unknown>[] {
  const amounts = partition(
    voucher ? BigInt(voucher.amount) : 1000n,
    specs.map((spec) => spec.weight),
  );
  return specs.map((spec, index) => {
    const piece: Record<string, unknown> = { amount: mutateAmount(amounts[index] ?? 0n, spec.mutation) };
    if (spec.transfer) {
      const to = recipientOf(spec.transfer.to, voucher?.holderId ?? '');
      piece.toEnterpriseId = to;
      piece.invoiceId = invoiceFor(world, spec.transfer, to, voucher?.holderId ?? '');
    }
    if (spec.mutation === 'extraKey') piece.memo = 'x';
    if (spec.mutation === 'halfTransfer') {
      if (spec.transfer) delete piece.invoiceId;
      else piece.toEnterpriseId = ids.tier2;
    }
    return piece;
  });
}

const FEN = /^(0|[1-9][0-9]{0,16})$/;
const SUPPLIERS: readonly string[] = TRADERS.map((party) => ids[party]);

/** What the rules say about a split: accept it or not (an independent, plain restatement of them). */
function shouldAccept(
  world: World,
  voucher: Voucher | undefined,
  caller: EnterpriseName,
  role: string,
  pieces: Record<string, unknown>[],
): boolean {
  // The holder is always a SUPPLIER or CORE enterprise here, so its kind needs no check.
  if (!voucher || role === 'clerk' || ids[caller] !== voucher.holderId) return false;
  const today = new Date(world.millis + 8 * 3_600_000).toISOString().slice(0, 10);
  if (voucher.status !== 'ACTIVE' || today >= voucher.maturityDate) return false;
  if (pieces.length > MAX_PIECES || pieces.length === 0) return false;
  if (pieces.length === 1 && pieces[0]?.toEnterpriseId === undefined) return false;
  let sum = 0n;
  const perInvoice = new Map<string, bigint>();
  for (const piece of pieces) {
    const keys = Object.keys(piece).sort().join();
    if (keys !== 'amount' && keys !== 'amount,invoiceId,toEnterpriseId') return false;
    if (typeof piece.amount !== 'string' || !FEN.test(piece.amount) || BigInt(piece.amount) === 0n)
      return false;
    sum += BigInt(piece.amount);
    if (keys === 'amount') continue;
    const invoice = findStored<Invoice>(world.ledger, ObjectTypes.Invoice, String(piece.invoiceId));
    const to = String(piece.toEnterpriseId);
    if (to === voucher.holderId || !SUPPLIERS.includes(to) || !invoice) return false;
    if (
      invoice.sellerId !== to ||
      invoice.buyerId !== voucher.holderId ||
      invoice.currency !== voucher.currency
    )
      return false;
    if (invoice.status !== 'REGISTERED' && invoice.status !== 'CONFIRMED') return false;
    perInvoice.set(invoice.id, (perInvoice.get(invoice.id) ?? 0n) + BigInt(piece.amount));
  }
  if (sum !== BigInt(voucher.amount)) return false;
  return [...perInvoice].every(([id, total]) => {
    const invoice = findStored<Invoice>(world.ledger, ObjectTypes.Invoice, id);
    return invoice !== undefined && total <= BigInt(invoice.amount) - BigInt(invoice.paidAmount);
  });
}

function pickVoucher(world: World, command: Extract<Command, { kind: 'split' }>): Voucher | undefined {
  const vouchers = storedAll<Voucher>(world.ledger, ObjectTypes.Voucher);
  const active = vouchers.filter((voucher) => voucher.status === 'ACTIVE');
  const pool = command.pickActive && active.length > 0 ? active : vouchers;
  return command.voucher === UNKNOWN_VOUCHER ? undefined : pool[command.voucher % pool.length];
}

async function runSplit(world: World, command: Extract<Command, { kind: 'split' }>): Promise<void> {
  const { ledger } = world;
  const voucher = pickVoucher(world, command);
  const holder = voucher ? partyOf(voucher.holderId) : undefined;
  const caller: EnterpriseName = command.caller === 'holder' ? (holder ?? 'tier1') : command.caller;
  const pieces = piecesFor(world, voucher, command.pieces);
  const expected = shouldAccept(world, voucher, caller, command.role, pieces);
  const before = snapshot(ledger);
  const eventCount = ledger.events.length;
  try {
    await ledger.submit(userOf(caller, command.role), (ctx) =>
      voucherContract.SplitTransfer(ctx, voucher?.id ?? 'nope', JSON.stringify(pieces)),
    );
  } catch (error) {
    expect(error).toBeInstanceOf(ContractError);
    expect(snapshot(ledger), 'a rejected command changed nothing').toEqual(before);
    expect(expected, `rejected ${(error as Error).message}`).toBe(false);
    return;
  }
  expect(expected, 'accepted a split the rules refuse').toBe(true);
  expect(ledger.events).toHaveLength(eventCount + 1);
  const event = ledger.events.at(-1);
  expect(event?.name).toBe(Events.VoucherSplit);
  const records = (JSON.parse(event?.payload ?? '{}') as EventPayload).records;
  for (const record of records) expect(stored(ledger, record.docType, record.id)).toEqual(record);
}

/** Not given back: a RETURNED piece's amount lives on in the piece that returned it. */
const standing = (voucher: Voucher): boolean => voucher.status !== 'RETURNED';

/** Whether the rules let `caller` (with `role`) do `action` with the piece. */
function consentAllowed(
  piece: Voucher | undefined,
  action: ConsentAction,
  caller: EnterpriseName,
  role: Role,
): boolean {
  if (!piece || role === 'clerk' || piece.status !== 'PENDING_ACCEPTANCE' || !piece.transfer) return false;
  const party = action === 'withdraw' ? piece.transfer.fromId : piece.holderId;
  return ids[caller] === party;
}

/** Runs one consent command; resolves whether it was carried out. */
async function runConsent(world: World, command: Extract<Command, { kind: 'consent' }>): Promise<boolean> {
  const { ledger } = world;
  const vouchers = storedAll<Voucher>(ledger, ObjectTypes.Voucher);
  const waiting = vouchers.filter((voucher) => voucher.status === 'PENDING_ACCEPTANCE');
  const pool = waiting.length > 0 ? waiting : vouchers;
  const piece = pool[command.voucher % pool.length];
  const partyId = command.action === 'withdraw' ? piece?.transfer?.fromId : piece?.holderId;
  const party = partyId === undefined ? undefined : partyOf(partyId);
  const caller: EnterpriseName =
    command.caller === 'party' && party !== undefined ? party : party === 'tier2' ? 'tier3' : 'tier2';
  const expected = consentAllowed(piece, command.action, caller, command.role);
  const before = snapshot(ledger);
  const eventCount = ledger.events.length;
  const id = piece?.id ?? 'nope';
  try {
    await ledger.submit(userOf(caller, command.role), (ctx) => {
      if (command.action === 'accept') return voucherContract.AcceptTransfer(ctx, id);
      if (command.action === 'decline') return voucherContract.DeclineTransfer(ctx, id, 'not agreed');
      return voucherContract.WithdrawTransfer(ctx, id);
    });
  } catch (error) {
    expect(error).toBeInstanceOf(ContractError);
    expect(snapshot(ledger), 'a refused consent changed nothing').toEqual(before);
    expect(expected, `refused ${(error as Error).message}`).toBe(false);
    return false;
  }
  expect(expected, `allowed ${command.action} the rules refuse`).toBe(true);
  expect(ledger.events).toHaveLength(eventCount + 1);
  return true;
}

const sumOf = (vouchers: Voucher[]): bigint =>
  vouchers.reduce((total, voucher) => total + BigInt(voucher.amount), 0n);

/** The invariants that must hold after every command, whatever it was and however it ended. */
function checkInvariants(world: World): void {
  const vouchers = storedAll<Voucher>(world.ledger, ObjectTypes.Voucher);
  const byId = new Map(vouchers.map((voucher) => [voucher.id, voucher]));
  for (const voucher of vouchers) {
    const first = world.amounts.get(voucher.id) ?? voucher.amount;
    expect(voucher.amount, `amount of ${voucher.id}`).toBe(first);
    world.amounts.set(voucher.id, first);
    if (voucher.status === 'SPLIT') {
      const children = vouchers.filter((child) => child.parentId === voucher.id);
      expect(children.map((child) => child.id).sort(), `children of ${voucher.id}`).toEqual(
        [...voucher.childIds].sort(),
      );
      // A returned piece gave its amount back to the sender in a new piece: it no longer counts.
      expect(sumOf(children.filter(standing)), `children of ${voucher.id}`).toBe(BigInt(voucher.amount));
    }
    if (voucher.status === 'RETURNED') {
      const back =
        voucher.transfer?.returnedAs === undefined ? undefined : byId.get(voucher.transfer.returnedAs);
      expect(back, `return of ${voucher.id}`).toMatchObject({
        returnOf: voucher.id,
        parentId: voucher.parentId,
        holderId: voucher.transfer?.fromId,
        amount: voucher.amount,
      });
    }
    expect(voucher.status === 'PENDING_ACCEPTANCE', `consent of ${voucher.id}`).toBe(
      voucher.transfer?.status === 'PENDING',
    );
  }
  for (const rootId of world.rootIds) {
    const open = vouchers.filter(
      (voucher) => voucher.rootId === rootId && voucher.status !== 'SPLIT' && standing(voucher),
    );
    expect(sumOf(open), `tree ${rootId}`).toBe(BigInt(byId.get(rootId)?.amount ?? '-1'));
  }
  const transferred = vouchers.filter((voucher) => {
    const parent = voucher.parentId === undefined ? undefined : byId.get(voucher.parentId);
    if (!parent) return false;
    expect(voucher.tier === parent.tier + 1, `tier of ${voucher.id}`).toBe(
      voucher.holderId !== parent.holderId,
    );
    return voucher.tier === parent.tier + 1;
  });
  for (const invoice of storedAll<Invoice>(world.ledger, ObjectTypes.Invoice)) {
    const paid = sumOf(
      transferred.filter((voucher) => voucher.invoiceId === invoice.id && standing(voucher)),
    );
    expect(BigInt(invoice.paidAmount), `paid on ${invoice.id}`).toBe(paid);
    expect(BigInt(invoice.paidAmount) <= BigInt(invoice.amount)).toBe(true);
  }
}

describe('VoucherContract.SplitTransfer properties', () => {
  it('keeps value, lineage and invoice payments consistent over any sequence of splits and consents', async () => {
    let accepted = 0;
    let commands = 0;
    const consents = { tried: 0, done: 0 };
    await fc.assert(
      fc.asyncProperty(
        setupArb,
        fc.array(commandArb, { minLength: 5, maxLength: 25 }),
        async (setup, sequence) => {
          const world = await buildWorld(setup);
          checkInvariants(world);
          for (const command of sequence) {
            if (command.kind === 'wait') {
              world.millis += command.days * 86_400_000;
              world.ledger.advanceDays(command.days);
            } else if (command.kind === 'consent') {
              consents.tried += 1;
              if (await runConsent(world, command)) consents.done += 1;
            } else {
              const events = world.ledger.events.length;
              await runSplit(world, command);
              commands += 1;
              accepted += world.ledger.events.length - events;
            }
            checkInvariants(world);
          }
        },
      ),
      { numRuns: 100 },
    );
    // The generators must exercise both outcomes, or the properties prove little.
    expect(accepted).toBeGreaterThan(commands / 10);
    expect(accepted).toBeLessThan(commands);
    expect(consents.done).toBeGreaterThan(consents.tried / 10);
    expect(consents.done).toBeLessThan(consents.tried);
  }, 60_000);
});
