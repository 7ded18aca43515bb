import { beforeEach, describe, expect, it } from 'vitest';
import { orgCollection } from '../src/lib/collections';
import {
  type CreditLine,
  ErrorCodes,
  Events,
  type Financing,
  ObjectTypes,
  type OfferTerms,
  type Voucher,
  marshal,
} from '@scf/ledger-contract';
import { VoucherIndexes } from '../src/repositories/vouchers';
import { orgAdmin, userOf } from './support/callers';
import { setBusinessDate, START_TIME } from './support/clock';
import { creditLines, lineIdOf } from './support/credit-lines';
import { sha256 } from './support/digests';
import { ENTERPRISES, ids, MSP } from './support/enterprises';
import { lastEvent } from './support/events';
import { expectRefused } from './support/expect-refused';
import {
  accept,
  apply,
  financeVoucher,
  financings as contract,
  offer,
  OFFER_SALT,
  REGISTERED_AT,
  registrationFor,
  setupFinance,
  withTerms,
  WORKED_TERMS,
} from './support/financing';
import { hasIndex, stored } from './support/ledger-state';
import { MemoryLedger } from './support/memory-stub';
import { parse } from './support/parse';
import { endorsersOf } from './support/policies';
import { publishRate } from './support/rates';
import { suspend } from './support/registration';
import { coreVoucher, MATURITY, patchVoucher, seedVoucher } from './support/vouchers';

let ledger: MemoryLedger;
let voucher: Voucher;

beforeEach(async () => {
  ledger = new MemoryLedger();
  await setupFinance(ledger);
  voucher = await seedVoucher(ledger);
});

const privateBytes = (mspId: string, key: string): Uint8Array | undefined =>
  ledger.privateState.get(orgCollection(mspId))?.get(key);
const storedVoucher = () => stored<Voucher>(ledger, ObjectTypes.Voucher, voucher.id);
const storedFinancing = (id: string) => stored<Financing>(ledger, ObjectTypes.Financing, id);
const getTerms = async (caller = userOf('tier1', 'clerk'), id: string, peerMsp?: string) =>
  ledger.evaluate(caller, (ctx) => contract.GetTerms(ctx, id), peerMsp ? { peerMsp } : {});

/** The worked example: 1,000,000.00 yuan face, 90% advance, LPR 310 + 90 bps, 90 days, 50 yuan fees. */
const workedTerms = (financingId: string): OfferTerms => ({
  financingId,
  faceAmount: '100000000',
  advanceRateBps: 9000,
  financedAmount: '90000000',
  lprTenor: '1Y',
  lprBps: 310,
  spreadBps: 90,
  annualRateBps: 400,
  days: 90,
  discountInterest: '900000',
  fees: '5000',
  netProceeds: '89095000',
  validUntil: '2026-01-15',
  recourse: false,
  salt: OFFER_SALT,
});

describe('FinancingContract.Apply', () => {
  it('opens a financing for the holder, locks the voucher and emits one event', async () => {
    const financing = await apply(ledger, voucher.id);
    expect(financing).toEqual({
      docType: 'financing',
      id: `${voucher.id}:${financing.txId}`,
      voucherId: voucher.id,
      applicantId: ids.tier1,
      bankId: ids.bankA,
      debtorId: ids.core,
      amount: '100000000',
      maturityDate: MATURITY,
      status: 'APPLIED',
      createdAt: START_TIME,
      updatedAt: START_TIME,
      txId: financing.txId,
      updatedBy: `${ids.tier1}/clerk@${MSP.supplier}`,
    });
    expect(storedFinancing(financing.id)).toEqual(financing);
    const locked = storedVoucher();
    expect(locked).toEqual({
      ...voucher,
      status: 'FINANCING',
      financingId: financing.id,
      txId: financing.txId,
      updatedBy: financing.updatedBy,
    });
    expect(lastEvent(ledger)).toEqual({ name: Events.FinancingApplied, records: [financing, locked] });
    expect(endorsersOf(ledger, ObjectTypes.Financing, financing.id)).toEqual([MSP.bankA, MSP.supplier]);
    expect(
      parse<Financing>(
        await ledger.evaluate(userOf('bankB', 'clerk'), (ctx) => contract.Get(ctx, financing.id)),
      ),
    ).toEqual(financing);
  });

  it('refuses a second application for the same voucher at the other bank and writes nothing', async () => {
    await apply(ledger, voucher.id, 'bankA');
    await expectRefused(
      ledger,
      () => ledger.submit(userOf('tier1', 'approver'), (ctx) => contract.Apply(ctx, voucher.id, ids.bankB)),
      ErrorCodes.InvalidState,
    );
    await expectRefused(
      ledger,
      () => ledger.submit(userOf('tier1', 'approver'), (ctx) => contract.Apply(ctx, voucher.id, ids.bankA)),
      ErrorCodes.InvalidState,
    );
  });

  it.each([
    ['a supplier that does not hold the voucher', userOf('tier2', 'admin'), 'bankA', ErrorCodes.Forbidden],
    ['a bank', userOf('bankA', 'approver'), 'bankA', ErrorCodes.Forbidden],
    ['the debtor', userOf('core', 'approver'), 'bankA', ErrorCodes.Forbidden],
    ['an org admin of no enterprise', orgAdmin(MSP.supplier), 'bankA', ErrorCodes.Forbidden],
    ['an unregistered bank', userOf('tier1', 'clerk'), 'NOBANK', ErrorCodes.NotFound],
    ['a bank that is not a bank', userOf('tier1', 'clerk'), 'core', ErrorCodes.InvalidArgument],
  ])('refuses %s and writes nothing', async (_, caller, bank, code) => {
    const bankId = bank === 'NOBANK' ? 'NOBANK' : ENTERPRISES[bank as 'bankA' | 'core'].id;
    await expectRefused(
      ledger,
      () => ledger.submit(caller, (ctx) => contract.Apply(ctx, voucher.id, bankId)),
      code,
    );
  });

  it('refuses an unknown voucher, a suspended bank and a suspended applicant', async () => {
    await expectRefused(
      ledger,
      () => ledger.submit(userOf('tier1', 'clerk'), (ctx) => contract.Apply(ctx, 'nope', ids.bankA)),
      ErrorCodes.NotFound,
    );
    await suspend(ledger, 'bankB');
    await expectRefused(
      ledger,
      () => ledger.submit(userOf('tier1', 'clerk'), (ctx) => contract.Apply(ctx, voucher.id, ids.bankB)),
      ErrorCodes.InvalidState,
    );
    await suspend(ledger, 'tier1');
    await expectRefused(
      ledger,
      () => ledger.submit(userOf('tier1', 'clerk'), (ctx) => contract.Apply(ctx, voucher.id, ids.bankA)),
      ErrorCodes.Forbidden,
    );
  });

  it.each(['SPLIT', 'FINANCED', 'SETTLED', 'OVERDUE'] as const)('refuses a %s voucher', async (status) => {
    const other = await seedVoucher(ledger, coreVoucher({ label: `invoice-${status}`, status }));
    await expectRefused(
      ledger,
      () => ledger.submit(userOf('tier1', 'clerk'), (ctx) => contract.Apply(ctx, other.id, ids.bankA)),
      ErrorCodes.InvalidState,
    );
  });

  it('refuses a voucher that matures on the business date, accepts one maturing the day after', async () => {
    const due = await seedVoucher(ledger, coreVoucher({ label: 'due', maturityDate: '2026-01-05' }));
    await expectRefused(
      ledger,
      () => ledger.submit(userOf('tier1', 'clerk'), (ctx) => contract.Apply(ctx, due.id, ids.bankA)),
      ErrorCodes.InvalidState,
    );
    const next = await seedVoucher(ledger, coreVoucher({ label: 'next', maturityDate: '2026-01-06' }));
    expect((await apply(ledger, next.id)).maturityDate).toBe('2026-01-06');
  });
});

describe('FinancingContract.Offer', () => {
  let applied: Financing;
  beforeEach(async () => {
    applied = await apply(ledger, voucher.id);
  });

  it('prices the worked example and keeps the terms private to the applicant and the bank', async () => {
    const offered = await offer(ledger, applied);
    const bankCopy = privateBytes(MSP.bankA, applied.id);
    const applicantCopy = privateBytes(MSP.supplier, applied.id);
    expect(bankCopy).toBeDefined();
    expect(Buffer.from(applicantCopy ?? [])).toEqual(Buffer.from(bankCopy ?? []));
    const terms = parse<OfferTerms>(Buffer.from(bankCopy ?? []).toString('utf8'));
    expect(terms).toEqual(workedTerms(applied.id));
    expect(ledger.privateState.has(orgCollection(MSP.bankB))).toBe(false);
    expect(ledger.privateState.has(orgCollection(MSP.core))).toBe(false);

    expect(offered).toEqual({
      ...applied,
      status: 'OFFERED',
      termsHash: sha256(bankCopy ?? new Uint8Array()),
      offerValidUntil: '2026-01-15',
      txId: offered.txId,
      updatedBy: `${ids.bankA}/approver@${MSP.bankA}`,
    });
    expect(storedFinancing(applied.id)).toEqual(offered);
    expect(lastEvent(ledger)).toEqual({ name: Events.FinancingOffered, records: [offered] });
  });

  it('puts no term on public state or in the event, only the hash', async () => {
    await offer(ledger, applied);
    const publicText = [...ledger.state.values()]
      .map((value) => Buffer.from(value).toString('utf8'))
      .join('\n');
    const eventText = ledger.events.map((event) => event.payload).join('\n');
    for (const secret of ['89095000', '90000000', '900000"', 'netProceeds', 'advanceRateBps', 'spreadBps']) {
      expect(publicText).not.toContain(secret);
      expect(eventText).not.toContain(secret);
    }
    expect(eventText).toContain(storedFinancing(applied.id).termsHash);
  });

  it.each([
    // 0.9 × 100055 = 90049.5 → 90050; 90050 × 400 × 90 / 3.6M = 900.5 → 901 (half up, twice).
    ['100055', 9000, 90, '0', '90050', '901', '89149'],
    // 0.9 × 100001 = 90000.9 → 90001; 90001 × 400 × 90 / 3.6M = 900.01 → 900 (rounds down below half).
    ['100001', 9000, 90, '1', '90001', '900', '89100'],
    // Negative spread: 310 − 300 = 10 bps; 12345 × 10 × 90 / 3.6M = 3.08625 → 3.
    ['12345', 10_000, -300, '0', '12345', '3', '12342'],
  ])(
    'prices face %s at %i bps advance, spread %i, fees %s',
    async (face, advance, spread, fees, financed, interest, net) => {
      const small = await seedVoucher(ledger, coreVoucher({ label: `face-${face}`, amount: face }));
      const financing = await apply(ledger, small.id);
      await offer(ledger, financing, { advanceRateBps: advance, spreadBps: spread, fees });
      const terms = parse<OfferTerms>(
        Buffer.from(privateBytes(MSP.supplier, financing.id) ?? []).toString('utf8'),
      );
      expect([terms.financedAmount, terms.discountInterest, terms.netProceeds]).toEqual([
        financed,
        interest,
        net,
      ]);
      expect(terms.annualRateBps).toBe(310 + spread);
    },
  );

  it('prices off the LPR in force on the business date and the days left to maturity', async () => {
    await publishRate(ledger, '1Y', 300, '2026-02-20');
    setBusinessDate(ledger, '2026-03-06');
    await offer(ledger, applied, { validUntil: '2026-03-10' });
    const terms = parse<OfferTerms>(Buffer.from(privateBytes(MSP.bankA, applied.id) ?? []).toString('utf8'));
    // 30 days at 390 bps: 90,000,000 × 390 × 30 / 3.6M = 292,500.
    expect(terms).toMatchObject({ lprBps: 300, annualRateBps: 390, days: 30, discountInterest: '292500' });
  });

  it.each([
    ['an advance of 0 bps', { advanceRateBps: 0 }],
    ['an advance over 10000 bps', { advanceRateBps: 10_001 }],
    ['a fractional advance', { advanceRateBps: 90.5 }],
    ['a spread below -500 bps', { spreadBps: -501 }],
    ['a spread over 5000 bps', { spreadBps: 5001 }],
    ['negative fees', { fees: '-1' }],
    ['fees as a number', { fees: 5000 }],
    ['missing fees', { fees: undefined }],
    ['validity before the business date', { validUntil: '2026-01-04' }],
    ['validity up to maturity', { validUntil: MATURITY }],
    ['a non-date validity', { validUntil: '15/01/2026' }],
    ['no positive annual rate', { spreadBps: -310 }],
    ['no net proceeds', { fees: '89100000' }],
  ])('refuses %s and writes nothing', async (_, terms) => {
    await expectRefused(ledger, () => offer(ledger, applied, terms), ErrorCodes.InvalidArgument);
  });

  it.each([
    ['no salt', { salt: undefined }],
    ['an empty salt', { salt: '' }],
    ['a salt of 31 hex digits (under 128 bits)', { salt: 'a'.repeat(31) }],
    ['a salt of 129 hex digits', { salt: 'a'.repeat(129) }],
    ['an upper-case salt', { salt: OFFER_SALT.toUpperCase() }],
    ['a salt that is not hex', { salt: 'g'.repeat(32) }],
    ['a salt with a space', { salt: `${OFFER_SALT} ` }],
    ['a salt as a number', { salt: 1234567890123456 }],
    ['no recourse choice', { recourse: undefined }],
    ['recourse as text', { recourse: 'true' }],
    ['recourse as a number', { recourse: 1 }],
  ])('refuses %s and writes nothing', async (_, terms) => {
    await expectRefused(ledger, () => offer(ledger, applied, terms), ErrorCodes.InvalidArgument);
  });

  it('keeps the salt in the private terms, so the public hash covers it', async () => {
    const offered = await offer(ledger, applied, { salt: 'ab'.repeat(64) });
    const bytes = privateBytes(MSP.bankA, applied.id) ?? new Uint8Array();
    const terms = parse<OfferTerms>(Buffer.from(bytes).toString('utf8'));
    expect(terms.salt).toBe('ab'.repeat(64));
    expect(offered.termsHash).toBe(sha256(bytes));
    expect(sha256(Buffer.from(marshal(terms)))).toBe(offered.termsHash);
  });

  it('cannot be confirmed by guessing: every term but the salt does not reproduce the hash', async () => {
    const offered = await offer(ledger, applied);
    // An outsider who knows or guesses every term (face, LPR, dates, round rates and fees) ...
    const { salt, ...known } = workedTerms(applied.id);
    expect(salt).toBe(OFFER_SALT);
    const hashOf = (value: unknown): string => sha256(Buffer.from(marshal(value)));
    expect(hashOf(known)).not.toBe(offered.termsHash);
    expect(hashOf({ ...known, salt: '' })).not.toBe(offered.termsHash);
    expect(hashOf({ ...known, salt: '0'.repeat(32) })).not.toBe(offered.termsHash);
    // ... reproduces it only with the bank's salt.
    expect(hashOf({ ...known, salt: OFFER_SALT })).toBe(offered.termsHash);
  });

  it('gives identical terms with different salts different hashes', async () => {
    // Two ledgers run the same transactions, so the financing, its terms and all but the salt agree.
    const hashWith = async (salt: string): Promise<string | undefined> => {
      const twin = new MemoryLedger();
      await setupFinance(twin);
      const financing = await apply(twin, (await seedVoucher(twin)).id);
      return (await offer(twin, financing, { salt })).termsHash;
    };
    const first = await hashWith(OFFER_SALT);
    expect(await hashWith(OFFER_SALT)).toBe(first);
    expect(await hashWith('5f0c1e7a9b3d4c2e8f6a0b1c2d3e4f51')).not.toBe(first);
  });

  it('accepts the bounds: validity on the business date, the last day before maturity, zero fees', async () => {
    const second = await apply(ledger, (await seedVoucher(ledger, coreVoucher({ label: 'two' }))).id);
    expect((await offer(ledger, applied, { validUntil: '2026-01-05', fees: '0' })).offerValidUntil).toBe(
      '2026-01-05',
    );
    expect((await offer(ledger, second, { validUntil: '2026-04-04', spreadBps: -309 })).offerValidUntil).toBe(
      '2026-04-04',
    );
  });

  it.each([
    ['no terms in the transient map', {}],
    ['empty terms', { transient: { terms: '' } }],
    ['terms that are not JSON', { transient: { terms: '{advance: 90}' } }],
    ['terms that are a JSON list', { transient: { terms: '[9000, 90]' } }],
    ['terms that are JSON null', { transient: { terms: 'null' } }],
    ['terms under another name', { transient: { offer: JSON.stringify(WORKED_TERMS) } }],
  ])('refuses %s', async (_, options) => {
    await expectRefused(
      ledger,
      () => ledger.submit(userOf('bankA', 'approver'), (ctx) => contract.Offer(ctx, applied.id), options),
      ErrorCodes.InvalidArgument,
    );
  });

  it.each([
    ['bank B on bank A financing', userOf('bankB', 'approver'), ErrorCodes.Forbidden],
    ['a clerk of the bank', userOf('bankA', 'clerk'), ErrorCodes.Forbidden],
    ['the applicant', userOf('tier1', 'approver'), ErrorCodes.Forbidden],
  ])('refuses %s and writes nothing', async (_, caller, code) => {
    await expectRefused(
      ledger,
      () => ledger.submit(caller, (ctx) => contract.Offer(ctx, applied.id), withTerms()),
      code,
    );
  });

  it('refuses an unknown financing and one that is no longer APPLIED', async () => {
    await expectRefused(
      ledger,
      () => ledger.submit(userOf('bankA', 'approver'), (ctx) => contract.Offer(ctx, 'nope'), withTerms()),
      ErrorCodes.NotFound,
    );
    await offer(ledger, applied);
    await expectRefused(ledger, () => offer(ledger, applied), ErrorCodes.InvalidState);
  });

  it('needs a published LPR', async () => {
    const bare = new MemoryLedger();
    await setupFinance(bare, { rate: false });
    const seeded = await seedVoucher(bare);
    const financing = await apply(bare, seeded.id);
    await expectRefused(
      bare,
      () => bare.submit(userOf('bankA', 'approver'), (ctx) => contract.Offer(ctx, financing.id), withTerms()),
      ErrorCodes.NotFound,
    );
  });

  it('needs credit for the face amount at the bank', async () => {
    await ledger.submit(userOf('bankA', 'approver'), (ctx) =>
      creditLines.Change(ctx, lineIdOf('bankA'), '99999999', '2026-12-31'),
    );
    await expectRefused(ledger, () => offer(ledger, applied), ErrorCodes.CreditLimitExceeded);
    const bare = new MemoryLedger();
    await setupFinance(bare, { lines: [] });
    const financing = await apply(bare, (await seedVoucher(bare)).id);
    await expect(
      bare.submit(userOf('bankA', 'approver'), (ctx) => contract.Offer(ctx, financing.id), withTerms()),
    ).rejects.toMatchObject({
      code: ErrorCodes.CreditLimitExceeded,
      message: expect.stringContaining('no credit line') as unknown,
    });
  });
});

describe('FinancingContract.GetTerms', () => {
  let offered: Financing;
  beforeEach(async () => {
    offered = await offer(ledger, await apply(ledger, voucher.id));
  });

  it('returns the applicant exactly what the bank offered, and the bank the same', async () => {
    const forApplicant = await getTerms(userOf('tier1', 'clerk'), offered.id);
    expect(parse<OfferTerms>(forApplicant)).toEqual(workedTerms(offered.id));
    expect(forApplicant).toBe(Buffer.from(privateBytes(MSP.bankA, offered.id) ?? []).toString('utf8'));
    expect(await getTerms(userOf('bankA', 'admin'), offered.id)).toBe(forApplicant);
  });

  it('keeps them from bank B, whichever peer it asks', async () => {
    const bankB = userOf('bankB', 'admin');
    await expect(getTerms(bankB, offered.id)).rejects.toMatchObject({ code: ErrorCodes.Forbidden });
    await expect(getTerms(bankB, offered.id, MSP.bankB)).rejects.toMatchObject({
      code: ErrorCodes.Forbidden,
    });
    const bankBPeer = ledger.context(bankB, { peerMsp: MSP.bankB });
    await expect(
      (async () => bankBPeer.stub.getPrivateData(orgCollection(MSP.bankA), offered.id))(),
    ).rejects.toThrow(/not a member/);
    expect((await bankBPeer.stub.getPrivateData(orgCollection(MSP.bankB), offered.id)).length).toBe(0);
  });

  it('keeps them from other enterprises of the applicant org and from parties on a foreign peer', async () => {
    await expect(getTerms(userOf('tier2', 'admin'), offered.id)).rejects.toMatchObject({
      code: ErrorCodes.Forbidden,
    });
    await expect(getTerms(userOf('core', 'admin'), offered.id)).rejects.toMatchObject({
      code: ErrorCodes.Forbidden,
    });
    await expect(getTerms(userOf('tier1', 'clerk'), offered.id, MSP.bankA)).rejects.toMatchObject({
      code: ErrorCodes.Forbidden,
    });
    await expect(getTerms(orgAdmin(MSP.supplier), offered.id)).rejects.toMatchObject({
      code: ErrorCodes.Forbidden,
    });
  });

  it('answers NOT_FOUND before an offer, for a missing copy and for an unknown financing', async () => {
    const other = await apply(ledger, (await seedVoucher(ledger, coreVoucher({ label: 'other' }))).id);
    await expect(getTerms(userOf('tier1', 'clerk'), other.id)).rejects.toMatchObject({
      code: ErrorCodes.NotFound,
    });
    await expect(getTerms(userOf('tier1', 'clerk'), 'nope')).rejects.toMatchObject({
      code: ErrorCodes.NotFound,
    });
    ledger.privateState.get(orgCollection(MSP.supplier))?.delete(offered.id);
    await expect(getTerms(userOf('tier1', 'clerk'), offered.id)).rejects.toMatchObject({
      code: ErrorCodes.NotFound,
    });
    expect(parse<OfferTerms>(await getTerms(userOf('bankA', 'clerk'), offered.id)).netProceeds).toBe(
      '89095000',
    );
  });

  it('refuses terms that do not match the public hash', async () => {
    const tampered = { ...workedTerms(offered.id), netProceeds: '99999999' };
    ledger.privateState
      .get(orgCollection(MSP.supplier))
      ?.set(offered.id, Buffer.from(JSON.stringify(tampered)));
    await expect(getTerms(userOf('tier1', 'clerk'), offered.id)).rejects.toMatchObject({
      code: ErrorCodes.InvalidState,
    });
  });
});

describe('FinancingContract.Accept', () => {
  let offered: Financing;
  beforeEach(async () => {
    offered = await offer(ledger, await apply(ledger, voucher.id));
  });

  it('accepts on the last day of validity, with one event', async () => {
    setBusinessDate(ledger, '2026-01-15');
    const accepted = await accept(ledger, offered);
    expect(accepted).toEqual({
      ...offered,
      status: 'ACCEPTED',
      updatedAt: '2026-01-15T02:00:00.000Z',
      txId: accepted.txId,
      updatedBy: `${ids.tier1}/approver@${MSP.supplier}`,
    });
    expect(storedFinancing(offered.id)).toEqual(accepted);
    expect(lastEvent(ledger)).toEqual({ name: Events.FinancingAccepted, records: [accepted] });
    expect(storedVoucher().status).toBe('FINANCING');
  });

  it('refuses an expired offer with OFFER_EXPIRED', async () => {
    setBusinessDate(ledger, '2026-01-16');
    await expectRefused(
      ledger,
      () => ledger.submit(userOf('tier1', 'approver'), (ctx) => contract.Accept(ctx, offered.id)),
      ErrorCodes.OfferExpired,
    );
  });

  it.each([
    ['a clerk of the applicant', userOf('tier1', 'clerk'), ErrorCodes.Forbidden],
    ['another supplier', userOf('tier2', 'approver'), ErrorCodes.Forbidden],
    ['the bank', userOf('bankA', 'approver'), ErrorCodes.Forbidden],
  ])('refuses %s', async (_, caller, code) => {
    await expectRefused(ledger, () => ledger.submit(caller, (ctx) => contract.Accept(ctx, offered.id)), code);
  });

  it('refuses a financing that is not OFFERED', async () => {
    const applied = await apply(ledger, (await seedVoucher(ledger, coreVoucher({ label: 'other' }))).id);
    await expectRefused(
      ledger,
      () => ledger.submit(userOf('tier1', 'admin'), (ctx) => contract.Accept(ctx, applied.id)),
      ErrorCodes.InvalidState,
    );
    await accept(ledger, offered);
    await expectRefused(
      ledger,
      () => ledger.submit(userOf('tier1', 'admin'), (ctx) => contract.Accept(ctx, offered.id)),
      ErrorCodes.InvalidState,
    );
  });
});

describe('FinancingContract.Disburse', () => {
  let accepted: Financing;
  beforeEach(async () => {
    accepted = await accept(ledger, await offer(ledger, await apply(ledger, voucher.id)));
  });

  const registered = () => JSON.stringify(registrationFor(accepted));
  const disburseAs = (
    caller = userOf('bankA', 'approver'),
    reference = 'BANKA-PAY-0001',
    registration = registered(),
  ) => ledger.submit(caller, (ctx) => contract.Disburse(ctx, accepted.id, reference, registration));

  it('consumes the line, passes the voucher to the bank and emits one event with all three', async () => {
    const disbursed = parse<Financing>(await disburseAs());
    expect(disbursed).toEqual({
      ...accepted,
      status: 'DISBURSED',
      paymentReference: 'BANKA-PAY-0001',
      registration: {
        registrationNumber: '2026010500000001',
        registeredAt: REGISTERED_AT,
        registrantId: ids.bankA,
        registrantMsp: MSP.bankA,
        searchedAt: '2026-01-05T01:59:00.000Z',
        searchResult: [],
      },
      assignmentNotice: {
        noticedAt: START_TIME,
        assignorId: ids.tier1,
        assigneeId: ids.bankA,
        registrationNumber: '2026010500000001',
      },
      txId: disbursed.txId,
      updatedBy: `${ids.bankA}/approver@${MSP.bankA}`,
    });
    const financed = storedVoucher();
    expect(financed).toMatchObject({ holderId: ids.bankA, status: 'FINANCED', financingId: accepted.id });
    const line = stored<CreditLine>(ledger, ObjectTypes.CreditLine, lineIdOf('bankA'));
    expect(line).toMatchObject({ used: '100000000', limit: '1000000000', txId: disbursed.txId });
    expect(lastEvent(ledger)).toEqual({
      name: Events.FinancingDisbursed,
      records: [disbursed, financed, line],
    });
    expect(endorsersOf(ledger, ObjectTypes.Voucher, voucher.id)).toEqual([MSP.bankA, MSP.core]);
    expect(hasIndex(ledger, VoucherIndexes.openByMaturity, [MATURITY], voucher.id)).toBe(true);
  });

  it.each([
    ['bank B', userOf('bankB', 'approver'), 'REF', ErrorCodes.Forbidden],
    ['a clerk of the bank', userOf('bankA', 'clerk'), 'REF', ErrorCodes.Forbidden],
    ['the applicant', userOf('tier1', 'admin'), 'REF', ErrorCodes.Forbidden],
    ['an empty payment reference', userOf('bankA', 'approver'), ' ', ErrorCodes.InvalidArgument],
    [
      'a payment reference over 64 characters',
      userOf('bankA', 'approver'),
      'R'.repeat(65),
      ErrorCodes.InvalidArgument,
    ],
  ])('refuses %s and writes nothing', async (_, caller, reference, code) => {
    await expectRefused(ledger, () => disburseAs(caller, reference), code);
  });

  it('accepts a 64-character payment reference', async () => {
    expect(
      parse<Financing>(await disburseAs(userOf('bankA', 'admin'), 'R'.repeat(64))).paymentReference,
    ).toHaveLength(64);
  });

  it('refuses a financing that is not ACCEPTED', async () => {
    await disburseAs();
    await expectRefused(ledger, () => disburseAs(), ErrorCodes.InvalidState);
    const offered = await offer(
      ledger,
      await apply(ledger, (await seedVoucher(ledger, coreVoucher({ label: 'other' }))).id),
    );
    await expectRefused(
      ledger,
      () =>
        ledger.submit(userOf('bankA', 'approver'), (ctx) =>
          contract.Disburse(ctx, offered.id, 'REF', JSON.stringify(registrationFor(offered))),
        ),
      ErrorCodes.InvalidState,
    );
  });

  it('checks the credit line again: frozen, shrunk or expired since the offer', async () => {
    const lineA = lineIdOf('bankA');
    const bank = userOf('bankA', 'approver');
    await ledger.submit(bank, (ctx) => creditLines.SetStatus(ctx, lineA, 'FROZEN'));
    await expectRefused(ledger, () => disburseAs(), ErrorCodes.CreditLimitExceeded);
    await ledger.submit(bank, (ctx) => creditLines.SetStatus(ctx, lineA, 'ACTIVE'));
    await ledger.submit(bank, (ctx) => creditLines.Change(ctx, lineA, '99999999', '2026-01-10'));
    await expectRefused(ledger, () => disburseAs(), ErrorCodes.CreditLimitExceeded);
    await ledger.submit(bank, (ctx) => creditLines.Change(ctx, lineA, '100000000', '2026-01-10'));
    setBusinessDate(ledger, '2026-01-11');
    await expectRefused(ledger, () => disburseAs(), ErrorCodes.CreditLimitExceeded);
    setBusinessDate(ledger, '2026-01-10');
    expect(parse<Financing>(await disburseAs()).status).toBe('DISBURSED');
    expect(stored<CreditLine>(ledger, ObjectTypes.CreditLine, lineA)).toMatchObject({
      used: '100000000',
      limit: '100000000',
    });
  });

  it('refuses when the voucher is no longer held for the financing', async () => {
    await patchVoucher(ledger, voucher.id, { status: 'SPLIT' });
    await expectRefused(ledger, () => disburseAs(), ErrorCodes.InvalidState);
  });
});

describe('FinancingContract.Disburse: registration first (银发〔2025〕77号, 民法典 Art. 768)', () => {
  let accepted: Financing;
  beforeEach(async () => {
    accepted = await accept(ledger, await offer(ledger, await apply(ledger, voucher.id)));
  });

  const disburseWith = (registration: string) =>
    ledger.submit(userOf('bankA', 'approver'), (ctx) =>
      contract.Disburse(ctx, accepted.id, 'BANKA-PAY-0001', registration),
    );
  const entry = (registrantId: string, registrationNumber = '2025123100000007') => ({
    registrationNumber,
    registeredAt: '2025-12-31T08:00:00.000Z',
    registrantId,
  });

  it.each(['', '  '])(
    'refuses a disbursement without a registration (%j) and writes nothing',
    async (none) => {
      await expectRefused(ledger, () => disburseWith(none), ErrorCodes.RegistrationRequired);
      expect(storedFinancing(accepted.id).status).toBe('ACCEPTED');
      expect(storedVoucher()).toMatchObject({ holderId: ids.tier1, status: 'FINANCING' });
    },
  );

  it('refuses a registration made by another party than the financing’s bank', async () => {
    const byBankB = registrationFor(accepted, { registration: entry(ids.bankB) });
    await expectRefused(ledger, () => disburseWith(JSON.stringify(byBankB)), ErrorCodes.RegistrationRequired);
  });

  it('refuses when the prior search shows another party registered the receivable first', async () => {
    const contested = registrationFor(accepted, {
      search: { searchedAt: '2026-01-05T01:59:00.000Z', entries: [entry(ids.bankB)] },
    });
    await expectRefused(ledger, () => disburseWith(JSON.stringify(contested)), ErrorCodes.RegistryConflict);
  });

  it('takes a search that found only the bank’s own earlier registration (a retry) and keeps it', async () => {
    const own = entry(ids.bankA, '2026010500000001');
    const retried = registrationFor(accepted, {
      search: { searchedAt: '2026-01-05T01:59:50.000Z', entries: [own] },
    });
    const disbursed = parse<Financing>(await disburseWith(JSON.stringify(retried)));
    expect(disbursed.registration?.searchResult).toEqual([own]);
    expect(disbursed.assignmentNotice?.assigneeId).toBe(ids.bankA);
  });

  it.each([
    ['another voucher', { voucherId: 'V-OTHER' }],
    ['another debtor', { debtorId: ENTERPRISES.tier2.id }],
    ['another amount', { amount: '99999999' }],
  ])('refuses a registration of %s', async (_, receivable) => {
    const wrong = registrationFor(accepted);
    const changed = { ...wrong, receivable: { ...wrong.receivable, ...receivable } };
    await expectRefused(ledger, () => disburseWith(JSON.stringify(changed)), ErrorCodes.InvalidArgument);
  });

  const withoutSearch = (financing: Financing): string =>
    JSON.stringify({ ...registrationFor(financing), search: undefined });
  it.each<[string, (financing: Financing) => string]>([
    ['not JSON', () => '{'],
    ['no search', withoutSearch],
    [
      'a bad registration number',
      (financing) => JSON.stringify(registrationFor(financing, { registration: entry(ids.bankA, 'No 1') })),
    ],
    [
      'a local time',
      (financing) =>
        JSON.stringify(
          registrationFor(financing, {
            registration: { ...entry(ids.bankA), registeredAt: '2026-01-05 10:00' },
          }),
        ),
    ],
  ])('refuses %s as INVALID_ARGUMENT', async (_, registration) => {
    await expectRefused(ledger, () => disburseWith(registration(accepted)), ErrorCodes.InvalidArgument);
  });

  it('keeps only the fields it knows of the registry’s answers: no terms can ride along', async () => {
    const base = registrationFor(accepted);
    const padded = {
      ...base,
      registration: { ...base.registration, advanceRateBps: 9000 },
      terms: { spreadBps: 90 },
    };
    const disbursed = parse<Financing>(await disburseWith(JSON.stringify(padded)));
    expect(JSON.stringify(disbursed)).not.toMatch(/advanceRateBps|spreadBps|terms"/);
  });
});

describe('FinancingContract.Reject, Withdraw and Expire', () => {
  let applied: Financing;
  beforeEach(async () => {
    applied = await apply(ledger, voucher.id);
  });

  const reject = (id: string, caller = userOf('bankA', 'clerk'), reason = 'outside our risk appetite') =>
    ledger.submit(caller, (ctx) => contract.Reject(ctx, id, reason));
  const withdraw = (id: string, caller = userOf('tier1', 'clerk')) =>
    ledger.submit(caller, (ctx) => contract.Withdraw(ctx, id));
  const expire = (id: string, caller = userOf('carrier', 'clerk')) =>
    ledger.submit(caller, (ctx) => contract.Expire(ctx, id));

  it.each(['APPLIED', 'OFFERED'] as const)(
    'lets the bank reject an %s financing, freeing the voucher',
    async (from) => {
      const before = from === 'OFFERED' ? await offer(ledger, applied) : applied;
      const rejected = parse<Financing>(await reject(applied.id));
      expect(rejected).toEqual({
        ...before,
        status: 'REJECTED',
        rejectionReason: 'outside our risk appetite',
        txId: rejected.txId,
        updatedBy: `${ids.bankA}/clerk@${MSP.bankA}`,
      });
      const freed = storedVoucher();
      expect(freed).toMatchObject({ status: 'ACTIVE', holderId: ids.tier1, financingId: applied.id });
      expect(lastEvent(ledger)).toEqual({ name: Events.FinancingRejected, records: [rejected, freed] });
      expect(storedFinancing(applied.id)).toEqual(rejected);
      const again = await apply(ledger, voucher.id, 'bankB');
      expect(again).toMatchObject({ voucherId: voucher.id, status: 'APPLIED' });
      expect(storedVoucher()).toMatchObject({ status: 'FINANCING', financingId: again.id });
    },
  );

  it.each([
    ['bank B', userOf('bankB', 'approver'), 'no', ErrorCodes.Forbidden],
    ['the applicant', userOf('tier1', 'approver'), 'no', ErrorCodes.Forbidden],
    ['an empty reason', userOf('bankA', 'clerk'), '', ErrorCodes.InvalidArgument],
    ['a reason over 500 characters', userOf('bankA', 'clerk'), 'x'.repeat(501), ErrorCodes.InvalidArgument],
  ])('Reject refuses %s', async (_, caller, reason, code) => {
    await expectRefused(ledger, () => reject(applied.id, caller, reason), code);
  });

  it('Reject refuses an ACCEPTED financing and an inconsistent voucher', async () => {
    await accept(ledger, await offer(ledger, applied));
    await expectRefused(ledger, () => reject(applied.id), ErrorCodes.InvalidState);
    const other = await apply(ledger, (await seedVoucher(ledger, coreVoucher({ label: 'other' }))).id);
    await patchVoucher(ledger, other.voucherId ?? '', { financingId: 'someone-else' });
    await expectRefused(ledger, () => reject(other.id), ErrorCodes.InvalidState);
  });

  it.each(['APPLIED', 'OFFERED', 'ACCEPTED'] as const)(
    'lets the applicant withdraw an %s financing',
    async (from) => {
      if (from !== 'APPLIED') await offer(ledger, applied);
      if (from === 'ACCEPTED') await accept(ledger, applied);
      const withdrawn = parse<Financing>(await withdraw(applied.id));
      expect(withdrawn).toMatchObject({ id: applied.id, status: 'WITHDRAWN' });
      expect(storedFinancing(applied.id)).toEqual(withdrawn);
      const freed = storedVoucher();
      expect(freed.status).toBe('ACTIVE');
      expect(lastEvent(ledger)).toEqual({ name: Events.FinancingWithdrawn, records: [withdrawn, freed] });
      expect(hasIndex(ledger, VoucherIndexes.openByMaturity, [MATURITY], voucher.id)).toBe(true);
    },
  );

  it('Withdraw refuses the bank, another supplier, a disbursed and a closed financing', async () => {
    await expectRefused(ledger, () => withdraw(applied.id, userOf('bankA', 'admin')), ErrorCodes.Forbidden);
    await expectRefused(ledger, () => withdraw(applied.id, userOf('tier2', 'admin')), ErrorCodes.Forbidden);
    await withdraw(applied.id);
    await expectRefused(ledger, () => withdraw(applied.id), ErrorCodes.InvalidState);
    const disbursed = await financeVoucher(ledger, voucher.id);
    await expectRefused(ledger, () => withdraw(disbursed.id), ErrorCodes.InvalidState);
  });

  it('lets any registered enterprise expire an offer after its validity', async () => {
    await offer(ledger, applied);
    setBusinessDate(ledger, '2026-01-15');
    await expectRefused(ledger, () => expire(applied.id), ErrorCodes.InvalidState);
    setBusinessDate(ledger, '2026-01-16');
    const expired = parse<Financing>(await expire(applied.id));
    expect(expired).toMatchObject({
      status: 'EXPIRED',
      updatedBy: `${ENTERPRISES.carrier.id}/clerk@${MSP.logistics}`,
    });
    const freed = storedVoucher();
    expect(freed.status).toBe('ACTIVE');
    expect(lastEvent(ledger)).toEqual({ name: Events.FinancingExpired, records: [expired, freed] });
    expect(storedFinancing(applied.id)).toEqual(expired);
  });

  it('Expire refuses a financing that is not OFFERED, unknown ids and unregistered callers', async () => {
    setBusinessDate(ledger, '2026-02-01');
    await expectRefused(ledger, () => expire(applied.id), ErrorCodes.InvalidState);
    await expectRefused(ledger, () => expire('nope'), ErrorCodes.NotFound);
    await expectRefused(ledger, () => expire(applied.id, orgAdmin(MSP.bankA)), ErrorCodes.Forbidden);
  });
});

describe('FinancingContract.Get', () => {
  it('answers NOT_FOUND for an unknown financing', async () => {
    await expect(
      ledger.evaluate(userOf('core', 'clerk'), (ctx) => contract.Get(ctx, 'nope')),
    ).rejects.toMatchObject({ code: ErrorCodes.NotFound });
  });
});

describe('FinancingContract.GetOrgTerms', () => {
  let offered: Financing;
  const orgTerms = (caller: ReturnType<typeof orgAdmin>, id: string, peerMsp?: string) =>
    ledger.evaluate(caller, (ctx) => contract.GetOrgTerms(ctx, id), peerMsp ? { peerMsp } : {});
  beforeEach(async () => {
    offered = await offer(ledger, await apply(ledger, voucher.id));
  });

  it("gives the applicant's and the bank's org admins their own org's copy", async () => {
    const forSupplier = await orgTerms(orgAdmin(MSP.supplier), offered.id);
    expect(parse<OfferTerms>(forSupplier)).toEqual(workedTerms(offered.id));
    expect(await orgTerms(orgAdmin(MSP.bankA), offered.id)).toBe(forSupplier);
  });

  it('refuses another org, a non-admin, and a foreign peer', async () => {
    await expect(orgTerms(orgAdmin(MSP.bankB), offered.id)).rejects.toMatchObject({
      code: ErrorCodes.Forbidden,
    });
    await expect(orgTerms(userOf('tier1', 'approver'), offered.id)).rejects.toMatchObject({
      code: ErrorCodes.Forbidden,
    });
    await expect(orgTerms(orgAdmin(MSP.supplier), offered.id, MSP.bankA)).rejects.toMatchObject({
      code: ErrorCodes.Forbidden,
    });
  });

  it('answers NOT_FOUND before an offer', async () => {
    const other = await apply(ledger, (await seedVoucher(ledger, coreVoucher({ label: 'other' }))).id);
    await expect(orgTerms(orgAdmin(MSP.supplier), other.id)).rejects.toMatchObject({
      code: ErrorCodes.NotFound,
    });
  });
});
