import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import {
  ContractError,
  type EarlyPaymentOffer,
  ErrorCodes,
  Events,
  INT_RANGES,
  ObjectTypes,
  type Voucher,
  budgetLeft,
  daysBetween,
  discountBpsFor,
  fen,
  invalid,
  invalidState,
  marshal,
  parseDate,
  parseFen,
  parseJsonArg,
  priceEarlyPayment,
  requireInt,
} from '@scf/ledger-contract';
import { ANY_ROLE, APPROVERS, requireActor, requireParty } from '../lib/access';
import { businessDate, txTime } from '../lib/dates';
import { emit } from '../lib/events';
import { requireFourEyes } from '../lib/four-eyes';
import { getRecord } from '../lib/store';
import { earlyPaymentOfferId, openOfferOf, saveOffer } from '../repositories/early-payment-offers';
import { exposureChange, recordExposure } from '../repositories/exposure';
import { voucherOwners } from '../repositories/financings';
import { saveVoucher } from '../repositories/vouchers';
import { BaseContract } from './base-contract';
import { settlementOf } from './late-interest';
import { refuseDisputed } from './payment-dispute';

/** Rates by supplier tier from JSON: `{ "<tier>": bps }`, each tier and rate in range; `{}` for none. */
function parseTierRates(json: string): Record<string, number> | undefined {
  const value = parseJsonArg(json, 'tierRates');
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid('tierRates must be a JSON object of annual rates in bps by supplier tier');
  }
  const { min, max } = INT_RANGES.earlyPaymentBps;
  const rates: Record<string, number> = {};
  for (const [tier, bps] of Object.entries(value as Record<string, unknown>)) {
    const depth = requireInt(
      tier,
      'tierRates tier',
      INT_RANGES.supplierTier.min,
      INT_RANGES.supplierTier.max,
    );
    if (String(depth) !== tier) throw invalid(`tierRates tier ${JSON.stringify(tier)} is not a plain number`);
    rates[tier] = requireInt(bps, `tierRates[${tier}]`, min, max);
  }
  return Object.keys(rates).length > 0 ? rates : undefined;
}

/** The offer named, OPEN and the voucher's debtor's; otherwise NO_EARLY_PAYMENT_OFFER. */
async function requireOpenOffer(ctx: Context, offerId: string, voucher: Voucher): Promise<EarlyPaymentOffer> {
  const offer = await getRecord<EarlyPaymentOffer>(ctx, ObjectTypes.EarlyPaymentOffer, offerId);
  if (offer.debtorId !== voucher.debtorId || offer.status !== 'OPEN') {
    throw new ContractError(
      ErrorCodes.NoEarlyPaymentOffer,
      `early-payment offer ${offerId} is not an open offer of ${voucher.debtorId}, the debtor of voucher ${voucher.id}`,
    );
  }
  return offer;
}

/**
 * Early payment by the core enterprise (dynamic discounting): the debtor publishes an annual discount
 * rate and a budget; a holder of its voucher takes it, and the debtor's payment of the discounted
 * amount settles the voucher now instead of at maturity.
 */
@Info({
  title: 'EarlyPaymentContract',
  description: "A core enterprise's early-payment offers and the vouchers paid early under them",
})
export class EarlyPaymentContract extends BaseContract {
  constructor() {
    super('earlypay');
  }

  /**
   * A core enterprise's approver publishes its offer (under four eyes, when on: the budget commits
   * its cash); refused while it has one OPEN, which it closes first.
   */
  @Transaction()
  @Returns('string')
  async Publish(
    ctx: Context,
    annualDiscountBps: string,
    tierRatesJson: string,
    budget: string,
    validUntil: string,
  ): Promise<string> {
    const actor = await requireActor(ctx, { roles: APPROVERS, kinds: ['CORE'] });
    requireFourEyes(ctx, actor, 'earlypay:Publish');
    const { min, max } = INT_RANGES.earlyPaymentBps;
    const rate = requireInt(annualDiscountBps, 'annualDiscountBps', min, max);
    const tierDiscountBps = parseTierRates(tierRatesJson);
    const budgetFen = parseFen(budget, 'budget');
    const today = businessDate(ctx);
    const lastDay = validUntil === '' ? undefined : parseDate(validUntil, 'validUntil');
    if (lastDay !== undefined && lastDay < today) throw invalid(`validUntil ${lastDay} is before ${today}`);
    const debtorId = actor.enterprise.id;
    const open = await openOfferOf(ctx, debtorId);
    if (open) {
      throw new ContractError(
        ErrorCodes.AlreadyExists,
        `${debtorId} has early-payment offer ${open.id} open; close it before publishing another`,
      );
    }
    const now = txTime(ctx);
    const offer: EarlyPaymentOffer = {
      docType: ObjectTypes.EarlyPaymentOffer,
      id: earlyPaymentOfferId(ctx, debtorId),
      debtorId,
      annualDiscountBps: rate,
      ...(tierDiscountBps ? { tierDiscountBps } : {}),
      budget: fen(budgetFen),
      consumed: '0',
      taken: 0,
      status: 'OPEN',
      ...(lastDay === undefined ? {} : { validUntil: lastDay }),
      createdAt: now,
      updatedAt: '',
      txId: '',
      updatedBy: '',
    };
    const saved = await saveOffer(ctx, offer, now);
    emit(ctx, Events.EarlyPaymentOfferPublished, [saved]);
    return marshal(saved);
  }

  /** Its debtor's approver closes an OPEN offer: nothing more is paid from it. */
  @Transaction()
  @Returns('string')
  async Close(ctx: Context, offerId: string): Promise<string> {
    const actor = await requireActor(ctx, { roles: APPROVERS, kinds: ['CORE'] });
    const offer = await getRecord<EarlyPaymentOffer>(ctx, ObjectTypes.EarlyPaymentOffer, offerId);
    requireParty(actor, offer.debtorId, `close early-payment offer ${offerId}`);
    if (offer.status !== 'OPEN') throw invalidState(`early-payment offer ${offerId} is ${offer.status}`);
    const now = txTime(ctx);
    const closed = await saveOffer(ctx, { ...offer, status: 'CLOSED', closedAt: now }, now, offer);
    emit(ctx, Events.EarlyPaymentOfferClosed, [closed]);
    return marshal(closed);
  }

  /**
   * The holder's approver takes its debtor's open offer for an ACTIVE voucher before maturity: the
   * debtor pays face less the discount (the piece's tier rate, actual days to maturity over 360) now,
   * out of the offer's budget (refused whole when the rest does not cover it), and the voucher is
   * SETTLED, leaving the debtor's consortium-wide outstanding vouchers.
   */
  @Transaction()
  @Returns('string')
  async Take(ctx: Context, offerId: string, voucherId: string): Promise<string> {
    const voucher = await getRecord<Voucher>(ctx, ObjectTypes.Voucher, voucherId);
    const actor = await requireActor(ctx, { roles: APPROVERS, kinds: ['SUPPLIER', 'CORE'] });
    requireParty(actor, voucher.holderId, `take early payment for voucher ${voucherId}`);
    const offer = await requireOpenOffer(ctx, offerId, voucher);
    refuseDisputed(voucher, 'paid early');
    if (voucher.status !== 'ACTIVE') {
      throw invalidState(`voucher ${voucherId} is ${voucher.status}; only an ACTIVE voucher is paid early`);
    }
    const today = businessDate(ctx);
    if (offer.validUntil !== undefined && today > offer.validUntil) {
      throw new ContractError(
        ErrorCodes.OfferExpired,
        `early-payment offer ${offerId} ran until ${offer.validUntil}`,
      );
    }
    const days = daysBetween(today, voucher.maturityDate);
    if (days <= 0) {
      throw new ContractError(
        ErrorCodes.EarlyPaymentAfterMaturity,
        `voucher ${voucherId} matures on ${voucher.maturityDate}; on ${today} it is simply due`,
      );
    }
    const face = parseFen(voucher.amount, 'amount');
    const rateBps = discountBpsFor(offer, voucher.tier);
    const price = priceEarlyPayment(face, rateBps, days);
    const consumed = parseFen(offer.consumed, 'consumed', { allowZero: true });
    const left = budgetLeft(parseFen(offer.budget, 'budget'), consumed);
    if (price.paidFen > left) {
      throw new ContractError(
        ErrorCodes.EarlyPaymentBudgetExceeded,
        `paying voucher ${voucherId} early takes ${fen(price.paidFen)} fen; offer ${offerId} has ${fen(left)} fen left`,
      );
    }
    const now = txTime(ctx);
    const earlyPayment = {
      offerId,
      rateBps,
      days,
      discount: fen(price.discountFen),
      paid: fen(price.paidFen),
    };
    const settlement = {
      ...settlementOf(voucher, today, { paymentReference: `earlypay:${ctx.stub.getTxID()}`, paidAt: now }),
      total: fen(price.paidFen),
      earlyPayment,
    };
    const owners = await voucherOwners(ctx, voucher);
    const paid = await saveVoucher(ctx, { ...voucher, status: 'SETTLED', settlement }, now, owners, voucher);
    const drawn = { ...offer, consumed: fen(consumed + price.paidFen), taken: offer.taken + 1 };
    const savedOffer = await saveOffer(ctx, drawn, now, offer);
    const exposure = await recordExposure(ctx, [exposureChange(voucher.debtorId, 'vouchers', -face)]);
    emit(ctx, Events.EarlyPaymentTaken, [paid, savedOffer], exposure);
    return marshal(paid);
  }

  /** Reads one offer; public to every member, as the debtor publishes it to its suppliers. */
  @Transaction(false)
  @Returns('string')
  async Get(ctx: Context, id: string): Promise<string> {
    await requireActor(ctx, { roles: ANY_ROLE });
    return marshal(await getRecord<EarlyPaymentOffer>(ctx, ObjectTypes.EarlyPaymentOffer, id));
  }
}
