import { beforeEach, describe, expect, it } from 'vitest';
import { currentRate } from '../src/contracts/rate-contract';
import { type BenchmarkRate, ErrorCodes, Events, ObjectTypes } from '@scf/ledger-contract';
import { RateIndexes } from '../src/repositories/rates';
import { EnterpriseContract } from '../src/contracts/enterprise-contract';
import { orgAdmin, userOf } from './support/callers';
import { amendCharter, CHARTER_TERMS, withMemberKinds } from './support/charter';
import { START_TIME } from './support/clock';
import { creditCode, ENTERPRISES, MSP } from './support/enterprises';
import { lastEvent } from './support/events';
import { expectRefused } from './support/expect-refused';
import { hasIndex, stored } from './support/ledger-state';
import { MemoryLedger, type TestCaller } from './support/memory-stub';
import { parse } from './support/parse';
import { endorsersOf } from './support/policies';
import { publishRate, rates as contract } from './support/rates';
import { registerEnterprises } from './support/registration';

let ledger: MemoryLedger;

beforeEach(async () => {
  ledger = new MemoryLedger();
  await registerEnterprises(ledger);
});

const reader = userOf('tier2', 'clerk');
/** A second BANK enterprise hosted by bank A's org. */
const SECOND_BANK = { id: creditCode('91350200MA0000013') } as const;
const secondBankAdmin: TestCaller = {
  mspId: MSP.bankA,
  attrs: { 'scf.enterpriseId': SECOND_BANK.id, 'scf.role': 'admin' },
};
const current = async (tenor: string, asOf: string) =>
  parse<BenchmarkRate>(await ledger.evaluate(reader, (ctx) => contract.Current(ctx, tenor, asOf)));

const attest = (caller: TestCaller, tenor: string, bps: string, date: string) =>
  ledger.submit(caller, (ctx) => contract.Publish(ctx, tenor, bps, date));

describe('RateContract.Publish', () => {
  it('reads a rate written before the quorum rule (no status) as published: nobody re-attests it', async () => {
    const legacy = {
      docType: 'rate',
      id: '1Y:2025-06-20',
      tenor: '1Y',
      rateBps: 300,
      effectiveDate: '2025-06-20',
      publishedBy: ENTERPRISES.bankA.id,
      createdAt: '2025-06-20T01:00:00.000Z',
      updatedAt: '2025-06-20T01:00:00.000Z',
      txId: 'legacy',
      updatedBy: 'legacy',
    };
    await ledger.submit(orgAdmin(MSP.bankA), async (ctx) => {
      await ctx.stub.putState(
        ctx.stub.createCompositeKey(ObjectTypes.BenchmarkRate, [legacy.id]),
        Buffer.from(JSON.stringify(legacy)),
      );
      await ctx.stub.putState(
        ctx.stub.createCompositeKey(RateIndexes.byTenor, ['1Y', legacy.effectiveDate, legacy.id]),
        Buffer.from([0]),
      );
      return '';
    });
    await expectRefused(
      ledger,
      () => attest(userOf('bankB', 'admin'), '1Y', '999', legacy.effectiveDate),
      ErrorCodes.AlreadyExists,
    );
    expect(await current('1Y', '2025-07-01')).toMatchObject({ rateBps: 300 });
  });

  it('publishes once both banks attest the same value: indexed, in force, with one event each', async () => {
    const proposed = parse<BenchmarkRate>(await attest(userOf('bankA', 'admin'), '1Y', '310', '2025-12-22'));
    ledger.advanceDays(1);
    const saved = parse<BenchmarkRate>(await attest(userOf('bankB', 'admin'), '1Y', '310', '2025-12-22'));
    expect(saved).toEqual({
      docType: 'rate',
      id: '1Y:2025-12-22',
      tenor: '1Y',
      rateBps: 310,
      effectiveDate: '2025-12-22',
      publishedBy: ENTERPRISES.bankB.id,
      status: 'PUBLISHED',
      attestations: [
        { mspId: MSP.bankA, enterpriseId: ENTERPRISES.bankA.id, rateBps: 310 },
        { mspId: MSP.bankB, enterpriseId: ENTERPRISES.bankB.id, rateBps: 310 },
      ],
      createdAt: START_TIME,
      updatedAt: '2026-01-06T02:00:00.000Z',
      txId: saved.txId,
      updatedBy: `${ENTERPRISES.bankB.id}/admin@${MSP.bankB}`,
    });
    expect(proposed.txId).not.toBe(saved.txId);
    expect(stored(ledger, ObjectTypes.BenchmarkRate, '1Y:2025-12-22')).toEqual(saved);
    expect(hasIndex(ledger, RateIndexes.byTenor, ['1Y', '2025-12-22'], saved.id)).toBe(true);
    expect(endorsersOf(ledger, ObjectTypes.BenchmarkRate, saved.id)).toEqual([]);
    expect(ledger.events.slice(-2).map((event) => event.name)).toEqual([
      Events.BenchmarkRateProposed,
      Events.BenchmarkRatePublished,
    ]);
    expect(lastEvent(ledger)).toEqual({ name: Events.BenchmarkRatePublished, records: [saved] });
    expect(await current('1Y', '2026-01-05')).toEqual(saved);
  });

  it("takes one bank's publication as an attestation only: PROPOSED, not in force", async () => {
    const proposed = parse<BenchmarkRate>(await attest(userOf('bankA', 'admin'), '1Y', '310', '2025-12-22'));
    expect(proposed).toMatchObject({
      status: 'PROPOSED',
      rateBps: 310,
      publishedBy: ENTERPRISES.bankA.id,
      attestations: [{ mspId: MSP.bankA, enterpriseId: ENTERPRISES.bankA.id, rateBps: 310 }],
    });
    expect(lastEvent(ledger)).toEqual({ name: Events.BenchmarkRateProposed, records: [proposed] });
    expect(hasIndex(ledger, RateIndexes.byTenor, ['1Y', '2025-12-22'], proposed.id)).toBe(false);
    await expect(current('1Y', '2026-01-05')).rejects.toMatchObject({ code: ErrorCodes.NotFound });
  });

  it('keeps disagreeing values PROPOSED and lets an org replace its own attestation', async () => {
    await attest(userOf('bankA', 'admin'), '1Y', '310', '2025-12-22');
    const apart = parse<BenchmarkRate>(await attest(userOf('bankB', 'admin'), '1Y', '300', '2025-12-22'));
    expect(apart).toMatchObject({
      status: 'PROPOSED',
      rateBps: 300,
      publishedBy: ENTERPRISES.bankB.id,
      attestations: [
        { mspId: MSP.bankA, rateBps: 310 },
        { mspId: MSP.bankB, rateBps: 300 },
      ],
    });
    await expect(current('1Y', '2026-01-05')).rejects.toMatchObject({ code: ErrorCodes.NotFound });
    const agreed = parse<BenchmarkRate>(await attest(userOf('bankA', 'admin'), '1Y', '300', '2025-12-22'));
    expect(agreed).toMatchObject({
      status: 'PUBLISHED',
      rateBps: 300,
      publishedBy: ENTERPRISES.bankA.id,
      attestations: [
        { mspId: MSP.bankA, rateBps: 300 },
        { mspId: MSP.bankB, rateBps: 300 },
      ],
    });
    expect(lastEvent(ledger)).toEqual({ name: Events.BenchmarkRatePublished, records: [agreed] });
    expect((await current('1Y', '2026-01-05')).rateBps).toBe(300);
  });

  it('counts one attestation per org: another bank of the same org replaces it', async () => {
    await ledger.submit(orgAdmin(MSP.bankA), (ctx) =>
      new EnterpriseContract().Register(ctx, SECOND_BANK.id, 'Bank A Leasing', 'BANK'),
    );
    await attest(userOf('bankA', 'admin'), '1Y', '310', '2025-12-22');
    const replaced = parse<BenchmarkRate>(await attest(secondBankAdmin, '1Y', '310', '2025-12-22'));
    expect(replaced).toMatchObject({
      status: 'PROPOSED',
      attestations: [{ mspId: MSP.bankA, enterpriseId: SECOND_BANK.id, rateBps: 310 }],
    });
  });

  it('publishes on the first attestation when the quorum is one', async () => {
    const single = new MemoryLedger();
    await registerEnterprises(single, { terms: { ...CHARTER_TERMS, rateQuorum: 1 } });
    const published = parse<BenchmarkRate>(
      await single.submit(userOf('bankB', 'admin'), (ctx) =>
        contract.Publish(ctx, '5Y', '350', '2025-12-22'),
      ),
    );
    expect(published).toMatchObject({ status: 'PUBLISHED', publishedBy: ENTERPRISES.bankB.id });
    expect(single.events[single.events.length - 1]?.name).toBe(Events.BenchmarkRatePublished);
  });

  it('does not count an org the charter no longer lists as a publisher', async () => {
    const withBankC = withMemberKinds('BankCMSP', ['BANK']);
    await attest(userOf('bankA', 'admin'), '1Y', '310', '2025-12-22');
    await amendCharter(ledger, { ...withBankC, ratePublishers: ['BankCMSP', MSP.bankB], rateQuorum: 2 });
    const pending = parse<BenchmarkRate>(await attest(userOf('bankB', 'admin'), '1Y', '310', '2025-12-22'));
    expect(pending).toMatchObject({
      status: 'PROPOSED',
      attestations: [{ mspId: MSP.bankA }, { mspId: MSP.bankB }],
    });
    await expectRefused(
      ledger,
      () => attest(userOf('bankA', 'admin'), '1Y', '310', '2025-12-22'),
      ErrorCodes.Forbidden,
    );
  });

  it('refuses a further attestation for a published tenor and date, from any bank', async () => {
    await publishRate(ledger, '1Y', 310, '2025-12-22');
    for (const bank of ['bankA', 'bankB'] as const) {
      await expectRefused(
        ledger,
        () => attest(userOf(bank, 'admin'), '1Y', '300', '2025-12-22'),
        ErrorCodes.AlreadyExists,
      );
    }
    await publishRate(ledger, '5Y', 350, '2025-12-22', 'bankB');
    expect((await current('5Y', '2025-12-22')).publishedBy).toBe(ENTERPRISES.bankB.id);
  });

  it('refuses a bank admin whose org is not a rate publisher', async () => {
    const onlyA = new MemoryLedger();
    await registerEnterprises(onlyA, {
      terms: { ...CHARTER_TERMS, ratePublishers: [MSP.bankA], rateQuorum: 1 },
    });
    await expectRefused(
      onlyA,
      () => onlyA.submit(userOf('bankB', 'admin'), (ctx) => contract.Publish(ctx, '1Y', '310', '2025-12-22')),
      ErrorCodes.Forbidden,
    );
  });

  it.each([
    ['a bank approver', userOf('bankA', 'approver'), ['1Y', '310', '2026-01-01'], ErrorCodes.Forbidden],
    ['a core admin', userOf('core', 'admin'), ['1Y', '310', '2026-01-01'], ErrorCodes.Forbidden],
    ['an org admin of no enterprise', orgAdmin(MSP.bankA), ['1Y', '310', '2026-01-01'], ErrorCodes.Forbidden],
    ['an unknown tenor', userOf('bankA', 'admin'), ['2Y', '310', '2026-01-01'], ErrorCodes.InvalidArgument],
    ['a zero rate', userOf('bankA', 'admin'), ['1Y', '0', '2026-01-01'], ErrorCodes.InvalidArgument],
    [
      'a rate over 10000 bps',
      userOf('bankA', 'admin'),
      ['1Y', '10001', '2026-01-01'],
      ErrorCodes.InvalidArgument,
    ],
    ['a fractional rate', userOf('bankA', 'admin'), ['1Y', '3.1', '2026-01-01'], ErrorCodes.InvalidArgument],
    ['a non-numeric rate', userOf('bankA', 'admin'), ['1Y', 'abc', '2026-01-01'], ErrorCodes.InvalidArgument],
    ['a non-date', userOf('bankA', 'admin'), ['1Y', '310', '2026-1-1'], ErrorCodes.InvalidArgument],
  ])('refuses %s and writes nothing', async (_, caller, args, code) => {
    const [tenor = '', bps = '', date = ''] = args;
    await expectRefused(
      ledger,
      () => ledger.submit(caller, (ctx) => contract.Publish(ctx, tenor, bps, date)),
      code,
    );
  });

  it('accepts the bounds 1 and 10000 bps', async () => {
    await publishRate(ledger, '1Y', 1, '2025-01-01');
    await publishRate(ledger, '1Y', 10_000, '2025-02-01');
    expect((await current('1Y', '2025-01-31')).rateBps).toBe(1);
    expect((await current('1Y', '2025-02-01')).rateBps).toBe(10_000);
  });
});

describe('RateContract.Current', () => {
  beforeEach(async () => {
    // Published out of date order: the index, not the order of publication, decides.
    await publishRate(ledger, '1Y', 300, '2026-02-20');
    await publishRate(ledger, '1Y', 345, '2025-06-20');
    await publishRate(ledger, '1Y', 310, '2025-12-22');
    await publishRate(ledger, '5Y', 360, '2025-12-22');
  });

  it.each([
    ['2025-06-20', 345],
    ['2025-12-21', 345],
    ['2025-12-22', 310],
    ['2026-01-05', 310],
    ['2026-02-19', 310],
    ['2026-02-20', 300],
    ['2030-01-01', 300],
  ])('gives the 1Y rate in force on %s', async (asOf, bps) => {
    expect((await current('1Y', asOf)).rateBps).toBe(bps);
  });

  it('keeps tenors apart', async () => {
    expect(await current('5Y', '2026-01-05')).toMatchObject({ id: '5Y:2025-12-22', rateBps: 360 });
    await expect(current('5Y', '2025-12-21')).rejects.toMatchObject({ code: ErrorCodes.NotFound });
  });

  it('answers NOT_FOUND before the first publication and refuses bad arguments', async () => {
    await expect(current('1Y', '2025-06-19')).rejects.toMatchObject({ code: ErrorCodes.NotFound });
    await expect(current('3M', '2026-01-05')).rejects.toMatchObject({ code: ErrorCodes.InvalidArgument });
    await expect(current('1Y', 'today')).rejects.toMatchObject({ code: ErrorCodes.InvalidArgument });
  });

  it('exports currentRate for financing', async () => {
    const rate = await ledger.evaluate(reader, (ctx) => currentRate(ctx, '1Y', '2026-03-01'));
    expect(rate).toMatchObject({ id: '1Y:2026-02-20', rateBps: 300 });
  });
});
