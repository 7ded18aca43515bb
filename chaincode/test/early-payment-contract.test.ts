import { beforeEach, describe, expect, it } from 'vitest';
import {
  type EarlyPaymentOffer,
  ErrorCodes,
  type EventPayload,
  Events,
  ObjectTypes,
  type Voucher,
} from '@scf/ledger-contract';
import { OPEN_OFFER_INDEX } from '../src/repositories/early-payment-offers';
import { VoucherIndexes } from '../src/repositories/vouchers';
import { approveAs, person, prepare, setFourEyes } from './support/approvals';
import { userOf } from './support/callers';
import { morningOf, setBusinessDate } from './support/clock';
import { grantLine } from './support/credit-lines';
import { earlyPayments, publishOffer, takeOffer } from './support/early-payment';
import { ids, MSP } from './support/enterprises';
import { lastEvent } from './support/events';
import { expectRefused } from './support/expect-refused';
import { apply } from './support/financing';
import { hasIndex, stored } from './support/ledger-state';
import { MemoryLedger } from './support/memory-stub';
import { parse } from './support/parse';
import { LPR_1Y, publishRate } from './support/rates';
import { registerEnterprises } from './support/registration';
import { coreVoucher, MATURITY, patchVoucher, seedVoucher } from './support/vouchers';

let ledger: MemoryLedger;

beforeEach(async () => {
  ledger = new MemoryLedger();
  await registerEnterprises(ledger, { extra: ['otherCore'] });
});

const offerOf = (id: string) => stored<EarlyPaymentOffer>(ledger, ObjectTypes.EarlyPaymentOffer, id);
const lastPayload = (): EventPayload => {
  const event = ledger.events.at(-1);
  if (!event) throw new Error('no event');
  return parse<EventPayload>(event.payload);
};
const close = (id: string, caller = userOf('core', 'approver')) =>
  ledger.submit(caller, (ctx) => earlyPayments.Close(ctx, id));

describe('EarlyPaymentContract.Publish and Close', () => {
  it('publishes the core enterprise’s offer for itself, public and OPEN, and closes it', async () => {
    const offer = await publishOffer(ledger, { tierRatesJson: '{"1":900}', validUntil: '2026-03-31' });
    expect(offer).toMatchObject({
      docType: 'earlypayoffer',
      debtorId: ids.core,
      annualDiscountBps: 600,
      tierDiscountBps: { 1: 900 },
      budget: '200000000',
      consumed: '0',
      taken: 0,
      status: 'OPEN',
      validUntil: '2026-03-31',
      updatedBy: `${ids.core}/approver@${MSP.core}`,
    });
    expect(offer.id.startsWith(`${ids.core}:`)).toBe(true);
    expect(lastEvent(ledger)).toEqual({ name: Events.EarlyPaymentOfferPublished, records: [offer] });
    expect(hasIndex(ledger, OPEN_OFFER_INDEX, [ids.core], offer.id)).toBe(true);
    const read = parse<EarlyPaymentOffer>(
      await ledger.evaluate(userOf('bankB', 'clerk'), (ctx) => earlyPayments.Get(ctx, offer.id)),
    );
    expect(read).toEqual(offer);

    const closed = parse<EarlyPaymentOffer>(await close(offer.id));
    expect(closed).toMatchObject({ status: 'CLOSED', closedAt: morningOf('2026-01-05') });
    expect(lastEvent(ledger)).toEqual({ name: Events.EarlyPaymentOfferClosed, records: [closed] });
    expect(hasIndex(ledger, OPEN_OFFER_INDEX, [ids.core], offer.id)).toBe(false);
    // Closed, the debtor may publish new terms.
    expect((await publishOffer(ledger, { annualDiscountBps: '500' })).status).toBe('OPEN');
  });

  it('refuses another core publishing for haichuan, a second open offer, and bad terms', async () => {
    const offer = await publishOffer(ledger);
    // Another core enterprise can only publish its own: closing haichuan's is forbidden to it.
    await expectRefused(ledger, () => close(offer.id, userOf('otherCore', 'approver')), ErrorCodes.Forbidden);
    const other = await publishOffer(ledger, {}, userOf('otherCore', 'approver'));
    expect(other.debtorId).toBe(ids.otherCore);
    await expectRefused(ledger, () => publishOffer(ledger), ErrorCodes.AlreadyExists);
    await expectRefused(ledger, () => publishOffer(ledger, {}, userOf('tier1')), ErrorCodes.Forbidden);
    await expectRefused(
      ledger,
      () => publishOffer(ledger, {}, userOf('core', 'clerk')),
      ErrorCodes.Forbidden,
    );
    await expectRefused(ledger, () => close(offer.id, userOf('core', 'clerk')), ErrorCodes.Forbidden);
    await close(offer.id);
    await expectRefused(ledger, () => close(offer.id), ErrorCodes.InvalidState);
    for (const input of [
      { annualDiscountBps: '0' },
      { annualDiscountBps: '2401' },
      { tierRatesJson: '{"1":0}' },
      { tierRatesJson: '{"01":500}' },
      { tierRatesJson: '[500]' },
      { budget: '0' },
      { budget: '-5' },
      { validUntil: '2026-01-04' },
    ]) {
      await expectRefused(ledger, () => publishOffer(ledger, input), ErrorCodes.InvalidArgument);
    }
  });

  it('runs under four eyes when the core has them on: prepared by one identity, approved by another', async () => {
    await setFourEyes(ledger, 'core');
    await expectRefused(ledger, () => publishOffer(ledger), ErrorCodes.FourEyesRequired);
    const args = { annualDiscountBps: '600', tierRatesJson: '{}', budget: '200000000', validUntil: '' };
    const clerk = person('core', 'clerk', 'core-clerk');
    const approval = await prepare(ledger, clerk, 'earlypay:Publish', args);
    const approved = await approveAs(ledger, person('core', 'approver', 'core-approver'), approval.id);
    const offer = offerOf(approved.resultId ?? '');
    expect(offer).toMatchObject({ debtorId: ids.core, status: 'OPEN', budget: '200000000' });
    expect(lastEvent(ledger).name).toBe(Events.ApprovalApproved);
  });
});

describe('EarlyPaymentContract.Take', () => {
  // 1,000,000 yuan maturing 2026-04-05, taken on 2026-01-05: 90 days at 6 % a year.
  const DISCOUNT = '1500000';
  const PAID = '98500000';

  it('settles the voucher at face less the discount, consumes the budget, and lowers the exposure', async () => {
    const voucher = await seedVoucher(ledger);
    const offer = await publishOffer(ledger);
    const paid = await takeOffer(ledger, offer.id, voucher.id);
    expect(paid).toMatchObject({ status: 'SETTLED', holderId: ids.tier1 });
    expect(paid.settlement).toEqual({
      paidTo: ids.tier1,
      amount: '100000000',
      paymentReference: `earlypay:${paid.txId}`,
      paidAt: morningOf('2026-01-05'),
      lateInterest: { amount: '0', days: 0, rate: { basis: 'STATUTORY', dailyBps: 5 } },
      // 100,000,000 × 600 × 90 / (10,000 × 360) = 1,500,000 fen of discount.
      total: PAID,
      earlyPayment: { offerId: offer.id, rateBps: 600, days: 90, discount: DISCOUNT, paid: PAID },
    });
    const drawn = offerOf(offer.id);
    expect(drawn).toMatchObject({ consumed: PAID, taken: 1, status: 'OPEN' });
    expect(lastPayload()).toEqual({
      records: [paid, drawn],
      exposure: [{ debtorId: ids.core, measure: 'vouchers', amount: '-100000000' }],
    });
    expect(lastEvent(ledger).name).toBe(Events.EarlyPaymentTaken);
    expect(hasIndex(ledger, VoucherIndexes.openByMaturity, [MATURITY], voucher.id)).toBe(false);
  });

  it('prices a piece at its tier’s rate when the offer names one', async () => {
    const voucher = await seedVoucher(ledger, { ...coreVoucher({ label: 'tier-1 piece' }), tier: 1 });
    const offer = await publishOffer(ledger, { tierRatesJson: '{"1":900}' });
    const paid = await takeOffer(ledger, offer.id, voucher.id);
    // 100,000,000 × 900 × 90 / 3,600,000 = 2,250,000.
    expect(paid.settlement?.earlyPayment).toMatchObject({
      rateBps: 900,
      discount: '2250000',
      paid: '97750000',
    });
  });

  it('refuses an SME taking for a voucher it does not hold, and a core for another debtor’s paper', async () => {
    const voucher = await seedVoucher(ledger);
    const offer = await publishOffer(ledger);
    await expectRefused(
      ledger,
      () => takeOffer(ledger, offer.id, voucher.id, userOf('tier2', 'approver')),
      ErrorCodes.Forbidden,
    );
    await expectRefused(
      ledger,
      () => takeOffer(ledger, offer.id, voucher.id, userOf('tier1', 'clerk')),
      ErrorCodes.Forbidden,
    );
    // An offer of another debtor cannot pay haichuan's voucher.
    const other = await publishOffer(ledger, {}, userOf('otherCore', 'approver'));
    await expectRefused(
      ledger,
      () => takeOffer(ledger, other.id, voucher.id),
      ErrorCodes.NoEarlyPaymentOffer,
    );
  });

  it('refuses taking on or after maturity, and after the offer’s last day', async () => {
    const voucher = await seedVoucher(ledger);
    const offer = await publishOffer(ledger, { validUntil: '2026-03-31' });
    setBusinessDate(ledger, '2026-04-01');
    await expectRefused(ledger, () => takeOffer(ledger, offer.id, voucher.id), ErrorCodes.OfferExpired);
    await close(offer.id);
    const lasting = await publishOffer(ledger);
    setBusinessDate(ledger, MATURITY);
    await expectRefused(
      ledger,
      () => takeOffer(ledger, lasting.id, voucher.id),
      ErrorCodes.EarlyPaymentAfterMaturity,
    );
  });

  it('refuses whole a payment beyond the budget left, and pays one that fits exactly', async () => {
    const first = await seedVoucher(ledger);
    const second = await seedVoucher(ledger, coreVoucher({ label: 'second', amount: '100000000' }));
    const offer = await publishOffer(ledger, { budget: '196999999' });
    await takeOffer(ledger, offer.id, first.id);
    // 98,499,999 fen left; the second costs 98,500,000.
    await expectRefused(
      ledger,
      () => takeOffer(ledger, offer.id, second.id),
      ErrorCodes.EarlyPaymentBudgetExceeded,
    );
    await close(offer.id);
    const fits = await publishOffer(ledger, { budget: PAID });
    await takeOffer(ledger, fits.id, second.id);
    expect(offerOf(fits.id)).toMatchObject({ consumed: PAID, taken: 1 });
  });

  it('refuses taking twice, on a closed offer, and on a financed, financing, disputed or pending voucher', async () => {
    const voucher = await seedVoucher(ledger);
    const offer = await publishOffer(ledger);
    await takeOffer(ledger, offer.id, voucher.id);
    await expectRefused(ledger, () => takeOffer(ledger, offer.id, voucher.id), ErrorCodes.InvalidState);

    await publishRate(ledger, '1Y', LPR_1Y.rateBps, LPR_1Y.effectiveDate);
    await grantLine(ledger, 'bankA');
    const applied = await seedVoucher(ledger, coreVoucher({ label: 'applied' }));
    await apply(ledger, applied.id);
    await expectRefused(ledger, () => takeOffer(ledger, offer.id, applied.id), ErrorCodes.InvalidState);

    const financed = await seedVoucher(ledger, coreVoucher({ label: 'financed', status: 'FINANCED' }));
    await expectRefused(ledger, () => takeOffer(ledger, offer.id, financed.id), ErrorCodes.InvalidState);
    const pending = await seedVoucher(
      ledger,
      coreVoucher({ label: 'pending', status: 'PENDING_ACCEPTANCE' }),
    );
    await expectRefused(ledger, () => takeOffer(ledger, offer.id, pending.id), ErrorCodes.InvalidState);
    const disputed = await seedVoucher(ledger, coreVoucher({ label: 'disputed' }));
    await patchVoucher(ledger, disputed.id, { status: 'DISPUTED' });
    await expectRefused(ledger, () => takeOffer(ledger, offer.id, disputed.id), ErrorCodes.Disputed);

    const later = await seedVoucher(ledger, coreVoucher({ label: 'later' }));
    await close(offer.id);
    await expectRefused(ledger, () => takeOffer(ledger, offer.id, later.id), ErrorCodes.NoEarlyPaymentOffer);
    expect(stored<Voucher>(ledger, ObjectTypes.Voucher, later.id).status).toBe('ACTIVE');
  });
});
