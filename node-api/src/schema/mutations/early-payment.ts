import { INT_RANGES } from '@scf/ledger-contract';
import { builder } from '../builder.ts';
import { EarlyPaymentOfferNode } from '../early-payment.ts';
import { VoucherNode } from '../voucher.ts';
import { nodePayload } from './payload.ts';
import { submitAs, withNode } from './submit.ts';

/** Both must hold: Pothos scopes side by side are any-of. */
const DEBTOR = { $all: { roles: ['approver', 'admin'], kinds: ['CORE'] } } as const;
const HOLDER = { $all: { roles: ['approver', 'admin'], kinds: ['SUPPLIER', 'CORE'] } } as const;

const OfferPayload = nodePayload('EarlyPaymentOffer', 'offer', EarlyPaymentOfferNode);
const TakePayload = nodePayload('TakeEarlyPayment', 'voucher', VoucherNode);

export const TierRateInput = builder.inputType('EarlyPaymentTierRateInput', {
  fields: (t) => ({
    tier: t.int({ required: true, validate: INT_RANGES.supplierTier }),
    discountBps: t.int({ required: true, validate: INT_RANGES.earlyPaymentBps }),
  }),
});

export const PublishEarlyPaymentOfferInput = builder.inputType('PublishEarlyPaymentOfferInput', {
  fields: (t) => ({
    annualDiscountBps: t.int({ required: true, validate: INT_RANGES.earlyPaymentBps }),
    tierRates: t.field({ type: [TierRateInput], description: 'Rates for particular supplier tiers.' }),
    budget: t.field({ type: 'Fen', required: true, description: 'The most cash paid out under it.' }),
    validUntil: t.field({
      type: 'Date',
      description: 'The last business date it may be taken; none: until closed.',
    }),
  }),
});

type PublishInput = typeof PublishEarlyPaymentOfferInput.$inferInput;

/** The publish transaction's arguments from the input (also what an approval of it carries). */
export function publishArgs(input: PublishInput): {
  annualDiscountBps: number;
  tierRatesJson: Record<string, number>;
  budget: string;
  validUntil: string | undefined;
} {
  return {
    annualDiscountBps: input.annualDiscountBps,
    tierRatesJson: Object.fromEntries((input.tierRates ?? []).map((r) => [String(r.tier), r.discountBps])),
    budget: input.budget.toString(),
    validUntil: input.validUntil ?? undefined,
  };
}

builder.mutationFields((t) => ({
  publishEarlyPaymentOffer: t.field({
    type: OfferPayload,
    description:
      "A core enterprise's approver publishes its early-payment offer (under four eyes, when on: prepare " +
      'it as an action). ALREADY_EXISTS while it has one OPEN: close that first.',
    authScopes: DEBTOR,
    ledgerWrite: true,
    args: { input: t.arg({ type: PublishEarlyPaymentOfferInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const done = await submitAs(ctx, (ledger) => ledger.earlypay.Publish(publishArgs(input)));
      return withNode(done, () => ctx.db.earlyPaymentOffer.findUnique({ where: { id: done.value.id } }));
    },
  }),
  closeEarlyPaymentOffer: t.field({
    type: OfferPayload,
    description: 'Its debtor’s approver closes an OPEN early-payment offer.',
    authScopes: DEBTOR,
    ledgerWrite: true,
    args: { offerId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const offerId = args.offerId;
      const done = await submitAs(ctx, (ledger) => ledger.earlypay.Close({ offerId }));
      return withNode(done, () => ctx.db.earlyPaymentOffer.findUnique({ where: { id: offerId } }));
    },
  }),
  takeEarlyPayment: t.field({
    type: TakePayload,
    description:
      "The holder's approver takes its debtor's open offer (named, so its terms cannot change underneath) " +
      'for an ACTIVE voucher before maturity: the debtor pays face less the discount now and the voucher is ' +
      'SETTLED. EARLY_PAYMENT_BUDGET_EXCEEDED, EARLY_PAYMENT_AFTER_MATURITY, NO_EARLY_PAYMENT_OFFER, OFFER_EXPIRED.',
    authScopes: HOLDER,
    ledgerWrite: true,
    args: { offerId: t.arg.id({ required: true }), voucherId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const { offerId, voucherId } = args;
      const done = await submitAs(ctx, (ledger) => ledger.earlypay.Take({ offerId, voucherId }));
      return withNode(done, () => ctx.db.voucher.findUnique({ where: { id: voucherId } }));
    },
  }),
}));
