import { beforeEach, describe, expect, it } from 'vitest';
import { availableCredit, requireCredit } from '../src/contracts/credit-line-contract';
import { type CreditLine, ErrorCodes, Events, ObjectTypes } from '@scf/ledger-contract';
import { orgAdmin, userOf } from './support/callers';
import { setBusinessDate, START_TIME } from './support/clock';
import { creditLines as contract, grantLine, lineIdOf, setUsed } from './support/credit-lines';
import { ENTERPRISES, MSP } from './support/enterprises';
import { lastEvent } from './support/events';
import { expectRefused } from './support/expect-refused';
import { stored } from './support/ledger-state';
import { MemoryLedger } from './support/memory-stub';
import { parse } from './support/parse';
import { endorsersOf } from './support/policies';
import { registerEnterprises, suspend } from './support/registration';

const core = ENTERPRISES.core.id;
const bankA = ENTERPRISES.bankA.id;
const lineA = `${bankA}:${core}`;

let ledger: MemoryLedger;

beforeEach(async () => {
  ledger = new MemoryLedger();
  await registerEnterprises(ledger);
});

describe('CreditLineContract.Grant', () => {
  it('grants a bank line for a core enterprise, bound to both orgs, with one event', async () => {
    const saved = parse<CreditLine>(
      await ledger.submit(userOf('bankA', 'approver'), (ctx) =>
        contract.Grant(ctx, core, '500000000', '2026-12-31'),
      ),
    );
    expect(saved).toEqual({
      docType: 'creditline',
      id: lineA,
      bankId: bankA,
      debtorId: core,
      limit: '500000000',
      used: '0',
      expiryDate: '2026-12-31',
      status: 'ACTIVE',
      createdAt: START_TIME,
      updatedAt: START_TIME,
      txId: saved.txId,
      updatedBy: `${bankA}/approver@${MSP.bankA}`,
    });
    expect(saved.txId).toMatch(/^tx\d{6}$/);
    expect(stored(ledger, ObjectTypes.CreditLine, lineA)).toEqual(saved);
    expect(
      parse<CreditLine>(await ledger.evaluate(userOf('tier1', 'clerk'), (ctx) => contract.Get(ctx, lineA))),
    ).toEqual(saved);
    expect(endorsersOf(ledger, ObjectTypes.CreditLine, lineA)).toEqual([MSP.bankA, MSP.core]);
    expect(ledger.events.at(-1)?.name).toBe(Events.CreditLineGranted);
    expect(lastEvent(ledger).records).toEqual([saved]);
  });

  it('keeps one line per bank and debtor, so two banks each have their own', async () => {
    await grantLine(ledger, 'bankA');
    await grantLine(ledger, 'bankB', '700', '2026-06-30');
    expect(stored(ledger, ObjectTypes.CreditLine, lineA)).toMatchObject({ limit: '1000000000' });
    expect(stored(ledger, ObjectTypes.CreditLine, lineIdOf('bankB'))).toMatchObject({
      bankId: ENTERPRISES.bankB.id,
      debtorId: core,
      limit: '700',
    });
    await expectRefused(
      ledger,
      () => ledger.submit(userOf('bankA', 'admin'), (ctx) => contract.Grant(ctx, core, '1', '2026-12-31')),
      ErrorCodes.AlreadyExists,
    );
  });

  it.each([
    ['a clerk', userOf('bankA', 'clerk'), [core, '100', '2026-12-31'], ErrorCodes.Forbidden],
    ['a core enterprise', userOf('core', 'approver'), [core, '100', '2026-12-31'], ErrorCodes.Forbidden],
    ['an org admin of no enterprise', orgAdmin(MSP.bankA), [core, '100', '2026-12-31'], ErrorCodes.Forbidden],
    [
      'an unregistered debtor',
      userOf('bankA', 'approver'),
      ['NOPE', '100', '2026-12-31'],
      ErrorCodes.NotFound,
    ],
    [
      'a debtor that is not a core enterprise',
      userOf('bankA', 'approver'),
      [ENTERPRISES.tier1.id, '100', '2026-12-31'],
      ErrorCodes.InvalidArgument,
    ],
    ['a zero limit', userOf('bankA', 'approver'), [core, '0', '2026-12-31'], ErrorCodes.InvalidArgument],
    ['a negative limit', userOf('bankA', 'approver'), [core, '-5', '2026-12-31'], ErrorCodes.InvalidArgument],
    [
      'a fractional limit',
      userOf('bankA', 'approver'),
      [core, '10.5', '2026-12-31'],
      ErrorCodes.InvalidArgument,
    ],
    [
      'expiry on the business date',
      userOf('bankA', 'approver'),
      [core, '100', '2026-01-05'],
      ErrorCodes.InvalidArgument,
    ],
    [
      'expiry in the past',
      userOf('bankA', 'approver'),
      [core, '100', '2025-12-31'],
      ErrorCodes.InvalidArgument,
    ],
    [
      'a non-date expiry',
      userOf('bankA', 'approver'),
      [core, '100', '2026-02-30'],
      ErrorCodes.InvalidArgument,
    ],
  ])('refuses %s and writes nothing', async (_, caller, args, code) => {
    const [debtorId = '', limit = '', expiry = ''] = args;
    await expectRefused(
      ledger,
      () => ledger.submit(caller, (ctx) => contract.Grant(ctx, debtorId, limit, expiry)),
      code,
    );
  });

  it('refuses a suspended debtor and a suspended bank', async () => {
    await suspend(ledger, 'core');
    await expectRefused(
      ledger,
      () =>
        ledger.submit(userOf('bankA', 'approver'), (ctx) => contract.Grant(ctx, core, '100', '2026-12-31')),
      ErrorCodes.InvalidState,
    );
    await suspend(ledger, 'bankB');
    await expectRefused(
      ledger,
      () =>
        ledger.submit(userOf('bankB', 'approver'), (ctx) => contract.Grant(ctx, core, '100', '2026-12-31')),
      ErrorCodes.Forbidden,
    );
  });
});

describe('CreditLineContract.Change and SetStatus', () => {
  let granted: CreditLine;
  beforeEach(async () => {
    granted = await grantLine(ledger, 'bankA', '1000', '2026-12-31');
  });

  it('changes limit and expiry, keeping the indexes, with one CreditLineChanged event', async () => {
    setBusinessDate(ledger, '2026-02-01');
    const changed = parse<CreditLine>(
      await ledger.submit(userOf('bankA', 'admin'), (ctx) =>
        contract.Change(ctx, lineA, '2500', '2027-06-30'),
      ),
    );
    expect(changed).toEqual({
      ...granted,
      limit: '2500',
      expiryDate: '2027-06-30',
      updatedAt: '2026-02-01T02:00:00.000Z',
      txId: changed.txId,
      updatedBy: `${bankA}/admin@${MSP.bankA}`,
    });
    expect(changed.txId).not.toBe(granted.txId);
    expect(stored(ledger, ObjectTypes.CreditLine, lineA)).toEqual(changed);
    expect(lastEvent(ledger)).toEqual({ name: Events.CreditLineChanged, records: [changed] });
  });

  it('lets the limit come down to what is in use, not below it', async () => {
    await setUsed(ledger, lineA, '600');
    await expectRefused(
      ledger,
      () =>
        ledger.submit(userOf('bankA', 'approver'), (ctx) => contract.Change(ctx, lineA, '599', '2026-12-31')),
      ErrorCodes.InvalidArgument,
    );
    const changed = parse<CreditLine>(
      await ledger.submit(userOf('bankA', 'approver'), (ctx) =>
        contract.Change(ctx, lineA, '600', '2026-12-31'),
      ),
    );
    expect(changed).toMatchObject({ limit: '600', used: '600' });
    expect(availableCredit(changed)).toBe(0n);
  });

  it.each([
    ['another bank', userOf('bankB', 'approver'), [lineA, '10', '2026-12-31'], ErrorCodes.Forbidden],
    ['a clerk of the bank', userOf('bankA', 'clerk'), [lineA, '10', '2026-12-31'], ErrorCodes.Forbidden],
    ['the debtor', userOf('core', 'admin'), [lineA, '10', '2026-12-31'], ErrorCodes.Forbidden],
    ['an unknown line', userOf('bankA', 'approver'), ['X:Y', '10', '2026-12-31'], ErrorCodes.NotFound],
    ['a zero limit', userOf('bankA', 'approver'), [lineA, '0', '2026-12-31'], ErrorCodes.InvalidArgument],
    ['a past expiry', userOf('bankA', 'approver'), [lineA, '10', '2026-01-04'], ErrorCodes.InvalidArgument],
  ])('Change refuses %s and writes nothing', async (_, caller, args, code) => {
    const [id = '', limit = '', expiry = ''] = args;
    await expectRefused(
      ledger,
      () => ledger.submit(caller, (ctx) => contract.Change(ctx, id, limit, expiry)),
      code,
    );
  });

  it('freezes and reactivates a line, one CreditLineChanged event each', async () => {
    const frozen = parse<CreditLine>(
      await ledger.submit(userOf('bankA', 'approver'), (ctx) => contract.SetStatus(ctx, lineA, 'FROZEN')),
    );
    expect(frozen).toEqual({ ...granted, status: 'FROZEN', txId: frozen.txId });
    expect(lastEvent(ledger)).toEqual({ name: Events.CreditLineChanged, records: [frozen] });
    expect(stored(ledger, ObjectTypes.CreditLine, lineA)).toEqual(frozen);
    const active = parse<CreditLine>(
      await ledger.submit(userOf('bankA', 'admin'), (ctx) => contract.SetStatus(ctx, lineA, 'ACTIVE')),
    );
    expect(active.status).toBe('ACTIVE');
    expect(ledger.events.map((event) => event.name).slice(-3)).toEqual([
      Events.CreditLineGranted,
      Events.CreditLineChanged,
      Events.CreditLineChanged,
    ]);
  });

  it.each([
    ['the same status', userOf('bankA', 'approver'), [lineA, 'ACTIVE'], ErrorCodes.InvalidState],
    ['an unknown status', userOf('bankA', 'approver'), [lineA, 'CLOSED'], ErrorCodes.InvalidArgument],
    ['another bank', userOf('bankB', 'admin'), [lineA, 'FROZEN'], ErrorCodes.Forbidden],
    ['a clerk', userOf('bankA', 'clerk'), [lineA, 'FROZEN'], ErrorCodes.Forbidden],
    ['an unknown line', userOf('bankA', 'approver'), ['nope', 'FROZEN'], ErrorCodes.NotFound],
  ])('SetStatus refuses %s and writes nothing', async (_, caller, args, code) => {
    const [id = '', status = ''] = args;
    await expectRefused(
      ledger,
      () => ledger.submit(caller, (ctx) => contract.SetStatus(ctx, id, status)),
      code,
    );
  });
});

describe('CreditLineContract reads', () => {
  it('answers NOT_FOUND for an unknown line', async () => {
    await expect(
      ledger.evaluate(userOf('bankA', 'clerk'), (ctx) => contract.Get(ctx, 'nope')),
    ).rejects.toMatchObject({ code: ErrorCodes.NotFound });
  });
});

describe('requireCredit', () => {
  const check = (amount: bigint, bank = bankA) =>
    ledger.evaluate(userOf('bankA', 'clerk'), (ctx) => requireCredit(ctx, bank, core, amount));

  it('returns the line when enough of it is available, up to the last fen', async () => {
    const line = await grantLine(ledger, 'bankA', '1000', '2026-12-31');
    await setUsed(ledger, lineA, '400');
    expect(availableCredit({ ...line, used: '400' })).toBe(600n);
    expect(await check(600n)).toMatchObject({ id: lineA, used: '400' });
    await expect(check(601n)).rejects.toMatchObject({
      code: ErrorCodes.CreditLimitExceeded,
      message: expect.stringContaining('601 fen needed, 600 fen available') as unknown,
    });
  });

  it('says there is no line when the bank granted none', async () => {
    await expect(check(1n)).rejects.toMatchObject({
      code: ErrorCodes.CreditLimitExceeded,
      message: expect.stringContaining('there is no credit line') as unknown,
    });
  });

  it('refuses a frozen line', async () => {
    await grantLine(ledger, 'bankA');
    await ledger.submit(userOf('bankA', 'approver'), (ctx) => contract.SetStatus(ctx, lineA, 'FROZEN'));
    await expect(check(1n)).rejects.toMatchObject({ code: ErrorCodes.CreditLimitExceeded });
  });

  it('accepts a line on its expiry date and refuses it the day after', async () => {
    await grantLine(ledger, 'bankA', '1000', '2026-03-31');
    setBusinessDate(ledger, '2026-03-31');
    expect((await check(1n)).id).toBe(lineA);
    setBusinessDate(ledger, '2026-04-01');
    await expect(check(1n)).rejects.toMatchObject({
      code: ErrorCodes.CreditLimitExceeded,
      message: expect.stringContaining('expired on 2026-03-31') as unknown,
    });
  });
});
