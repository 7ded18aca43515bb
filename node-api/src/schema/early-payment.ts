import {
  budgetLeft,
  type CashNowChoice,
  compareCashNow,
  daysBetween,
  discountBpsFor,
  EarlyPaymentOfferStatuses,
  type EarlyPaymentPrice,
  priceEarlyPayment,
} from '@scf/ledger-contract';
import type { EarlyPaymentOffer, Financing, OfferTerms, Voucher } from '../db/generated/client.ts';
import { ENTITY_KINDS } from '../read-model/entity-kinds.ts';
import { builder } from './builder.ts';
import type { Context } from './context.ts';
import { businessToday } from './dashboard/business-day.ts';
import { enterpriseNamed, EnterpriseNode } from './enterprise.ts';
import { member } from './enums.ts';
import { type ApiErrorCode, NodeErrorCodes } from './errors.ts';
import { ErrorCodeEnum } from './error-code.ts';
import { FinancingNode } from './financing.ts';
import { termsOf, visibleRow } from './loaders.ts';
import { LedgerProof } from './proof.ts';
import { VoucherNode } from './voucher.ts';

export const EarlyPaymentOfferStatusEnum = builder.enumType('EarlyPaymentOfferStatus', {
  description: 'OPEN: holders of the debtor’s vouchers may take it. CLOSED: nothing more is paid from it.',
  values: EarlyPaymentOfferStatuses,
});

/** The offer's rates by supplier tier, as the read model holds them (`{ "<tier>": bps }`). */
export function tierRatesOf(row: EarlyPaymentOffer): Record<string, number> {
  const value = row.tierDiscountBps;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, number] => typeof entry[1] === 'number'),
  );
}

const TierRate = builder.objectRef<[string, number]>('EarlyPaymentTierRate').implement({
  description: 'An annual discount rate for one supplier tier (0: the tier-1 supplier holding the root).',
  fields: (t) => ({
    tier: t.int({ resolve: ([tier]) => Number(tier) }),
    discountBps: t.int({ resolve: ([, bps]) => bps }),
  }),
});

export const EarlyPaymentOfferNode = builder
  .objectRef<EarlyPaymentOffer>(ENTITY_KINDS.earlypayoffer.graphqlType)
  .implement({
    description:
      'A core enterprise’s offer to pay its vouchers before maturity out of its own cash, less a discount ' +
      'at an annual rate (actual days to maturity over 360), up to a budget. Public to every member.',
    fields: (t) => ({
      id: t.exposeID('id'),
      debtorId: t.exposeID('debtorId'),
      debtor: t.field({
        type: EnterpriseNode,
        resolve: (row, _args, ctx) => enterpriseNamed(ctx, row.debtorId),
      }),
      annualDiscountBps: t.exposeInt('annualDiscountBps', {
        description: 'The annual discount rate for every tier without one of its own.',
      }),
      tierRates: t.field({
        type: [TierRate],
        description: 'Rates for particular supplier tiers, lowest tier first.',
        resolve: (row) => Object.entries(tierRatesOf(row)).sort(([a], [b]) => Number(a) - Number(b)),
      }),
      budget: t.expose('budget', { type: 'Fen' }),
      consumed: t.expose('consumed', { type: 'Fen', description: 'Cash paid out under it so far.' }),
      budgetLeft: t.field({ type: 'Fen', resolve: (row) => budgetLeft(row.budget, row.consumed) }),
      taken: t.exposeInt('taken', { description: 'Vouchers paid under it.' }),
      status: t.field({
        type: EarlyPaymentOfferStatusEnum,
        resolve: (row) => member(EarlyPaymentOfferStatuses, row.status),
      }),
      validUntil: t.expose('validUntil', {
        type: 'Date',
        nullable: true,
        description: 'The last business date it may be taken; null: until closed.',
      }),
      closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true }),
      createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was published.' }),
      updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
      proof: t.field({ type: LedgerProof, resolve: (row) => row }),
    }),
  });

/** The holder's best bank offer on the voucher, as cash now against the early payment. */
interface BankComparison {
  financing: Financing;
  netProceeds: bigint;
  choice: CashNowChoice;
  difference: bigint;
}

interface Quote {
  offer: EarlyPaymentOffer;
  voucher: Voucher;
  asOf: string;
  rateBps: number;
  days: number;
  price: EarlyPaymentPrice;
  blockedBy: ApiErrorCode | null;
  bank: BankComparison | null;
}

const CashNowChoiceEnum = builder.enumType('CashNowChoice', {
  description: 'Which gives the holder more cash now: EARLY_PAYMENT, BANK, or EQUAL.',
  values: ['EARLY_PAYMENT', 'BANK', 'EQUAL'] as const satisfies readonly CashNowChoice[],
});

const BankComparisonNode = builder.objectRef<BankComparison>('EarlyPaymentBankComparison').implement({
  description: 'The holder’s accepted (else best) bank offer on the same voucher, both as cash received now.',
  fields: (t) => ({
    financing: t.field({ type: FinancingNode, resolve: (c) => c.financing }),
    netProceeds: t.field({ type: 'Fen', resolve: (c) => c.netProceeds }),
    choice: t.field({ type: CashNowChoiceEnum, resolve: (c) => c.choice }),
    difference: t.field({
      type: 'Fen',
      description: 'How much more the better choice pays.',
      resolve: (c) => c.difference,
    }),
  }),
});

const QuoteNode = builder.objectRef<Quote>('EarlyPaymentQuote').implement({
  description:
    'What the debtor’s open offer would pay for a voucher today: discount = face × rate × days / 360 ' +
    '(rounded half up to the fen), paid = face − discount; the same rule the ledger pays with.',
  fields: (t) => ({
    offer: t.field({ type: EarlyPaymentOfferNode, resolve: (q) => q.offer }),
    voucher: t.field({ type: VoucherNode, resolve: (q) => q.voucher }),
    asOf: t.field({
      type: 'Date',
      description: 'The business date it is priced on.',
      resolve: (q) => q.asOf,
    }),
    face: t.field({ type: 'Fen', resolve: (q) => q.voucher.amount }),
    rateBps: t.exposeInt('rateBps', { description: 'The annual discount rate for the voucher’s tier.' }),
    days: t.exposeInt('days', { description: 'From today to maturity.' }),
    discount: t.field({ type: 'Fen', resolve: (q) => q.price.discountFen }),
    paid: t.field({
      type: 'Fen',
      description: 'Cash now: face less the discount.',
      resolve: (q) => q.price.paidFen,
    }),
    blockedBy: t.field({
      type: ErrorCodeEnum,
      nullable: true,
      description: 'Why taking it today would be refused (the ledger’s code); null: it can be taken.',
      resolve: (q) => q.blockedBy,
    }),
    bank: t.field({
      type: BankComparisonNode,
      nullable: true,
      description: 'Only for the holder with a bank offer on the voucher; null otherwise.',
      resolve: (q) => q.bank,
    }),
  }),
});

const isoDay = (date: Date): string => date.toISOString().slice(0, 10);

/** Why the ledger would refuse taking the offer for the voucher on `today`; null if it would not. */
function blockOf(
  offer: EarlyPaymentOffer,
  voucher: Voucher,
  today: string,
  paid: bigint,
): ApiErrorCode | null {
  if (voucher.status === 'DISPUTED') return NodeErrorCodes.Disputed;
  if (voucher.status !== 'ACTIVE') return NodeErrorCodes.InvalidState;
  if (offer.validUntil && today > isoDay(offer.validUntil)) return NodeErrorCodes.OfferExpired;
  if (today >= isoDay(voucher.maturityDate)) return NodeErrorCodes.EarlyPaymentAfterMaturity;
  if (paid > budgetLeft(offer.budget, offer.consumed)) return NodeErrorCodes.EarlyPaymentBudgetExceeded;
  return null;
}

/** The holder's offered or accepted bank financings of the voucher whose terms it holds: the accepted one, else the best. */
async function bankComparison(
  ctx: Context,
  voucher: Voucher,
  early: EarlyPaymentPrice,
): Promise<BankComparison | null> {
  const financings = await ctx.db.financing.findMany({
    where: { voucherId: voucher.id, applicantId: voucher.holderId, status: { in: ['OFFERED', 'ACCEPTED'] } },
  });
  const priced: { financing: Financing; terms: OfferTerms }[] = [];
  for (const financing of financings) {
    const terms = await termsOf(ctx, financing);
    if (terms) priced.push({ financing, terms });
  }
  const accepted = priced.find((p) => p.financing.status === 'ACCEPTED');
  const best = accepted ?? priced.sort((a, b) => (b.terms.netProceeds > a.terms.netProceeds ? 1 : -1))[0];
  if (!best) return null;
  const { choice, differenceFen } = compareCashNow(early, { netFen: best.terms.netProceeds });
  return {
    financing: best.financing,
    netProceeds: best.terms.netProceeds,
    choice,
    difference: differenceFen,
  };
}

/** The debtor's OPEN offer, if any. */
export function openOfferOf(ctx: Context, debtorId: string): Promise<EarlyPaymentOffer | null> {
  return ctx.db.earlyPaymentOffer.findFirst({ where: { debtorId, status: 'OPEN' } });
}

async function quoteOf(ctx: Context, voucherId: string): Promise<Quote | null> {
  const voucher = await visibleRow(ctx, 'voucher', voucherId);
  const me = ctx.user?.enterpriseId;
  if (!voucher || (me !== voucher.holderId && me !== voucher.debtorId)) return null;
  const offer = await openOfferOf(ctx, voucher.debtorId);
  if (!offer) return null;
  const today = businessToday();
  const days = Math.max(0, daysBetween(today, isoDay(voucher.maturityDate)));
  const rateBps = discountBpsFor(
    { annualDiscountBps: offer.annualDiscountBps, tierDiscountBps: tierRatesOf(offer) },
    voucher.tier,
  );
  const price = priceEarlyPayment(voucher.amount, rateBps, days);
  const bank = me === voucher.holderId ? await bankComparison(ctx, voucher, price) : null;
  const blockedBy = blockOf(offer, voucher, today, price.paidFen);
  return { offer, voucher, asOf: today, rateBps, days, price, blockedBy, bank };
}

builder.queryFields((t) => ({
  earlyPaymentOffer: t.field({
    type: EarlyPaymentOfferNode,
    nullable: true,
    description: 'A core enterprise’s OPEN early-payment offer; null when it has none (public).',
    authScopes: { loggedIn: true },
    args: { debtorId: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => openOfferOf(ctx, args.debtorId),
  }),
  earlyPaymentOffers: t.field({
    type: [EarlyPaymentOfferNode],
    description:
      'A core enterprise’s early-payment offers, open and closed, newest first (at most 20; public).',
    authScopes: { loggedIn: true },
    args: { debtorId: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) =>
      ctx.db.earlyPaymentOffer.findMany({
        where: { debtorId: args.debtorId },
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        take: 20,
      }),
  }),
  earlyPaymentQuote: t.field({
    type: QuoteNode,
    nullable: true,
    description:
      'For the voucher’s holder or debtor: what its debtor’s open early-payment offer pays for it today, ' +
      'and, for the holder, against its bank offer as cash now. Null when the debtor has no open offer.',
    authScopes: { loggedIn: true },
    args: { voucherId: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => quoteOf(ctx, args.voucherId),
  }),
}));

/** What a voucher paid early records, from its row. */
interface PaidEarly {
  offerId: string;
  rateBps: number;
  days: number;
  discount: bigint;
  paid: bigint;
}

const PaidEarlyNode = builder.objectRef<PaidEarly>('EarlyPaymentDetails').implement({
  description: 'A voucher its debtor paid before maturity under an early-payment offer, at a discount.',
  fields: (t) => ({
    offerId: t.exposeID('offerId'),
    offer: t.field({
      type: EarlyPaymentOfferNode,
      nullable: true,
      resolve: (p, _args, ctx) => visibleRow(ctx, 'earlyPaymentOffer', p.offerId),
    }),
    rateBps: t.exposeInt('rateBps', { description: 'The annual discount rate applied.' }),
    days: t.exposeInt('days', { description: 'From the day of payment to maturity.' }),
    discount: t.field({ type: 'Fen', resolve: (p) => p.discount }),
    paid: t.field({ type: 'Fen', description: 'Face less the discount.', resolve: (p) => p.paid }),
  }),
});

builder.objectField(VoucherNode, 'earlyPayment', (t) =>
  t.field({
    type: PaidEarlyNode,
    nullable: true,
    description: 'Set when its debtor paid it early under an early-payment offer.',
    resolve: (row) =>
      row.earlyOfferId === null ||
      row.earlyRateBps === null ||
      row.earlyDays === null ||
      row.earlyDiscount === null ||
      row.paidTotal === null
        ? null
        : {
            offerId: row.earlyOfferId,
            rateBps: row.earlyRateBps,
            days: row.earlyDays,
            discount: row.earlyDiscount,
            paid: row.paidTotal,
          },
  }),
);
