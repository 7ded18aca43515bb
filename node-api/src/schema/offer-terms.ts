import { RateTenors } from '@scf/ledger-contract';
import type { OfferTerms } from '../db/generated/client.ts';
import { builder } from './builder.ts';
import { member, RateTenorEnum } from './enums.ts';

/** A bank's private offer on a financing, as this org's read model holds it. */
export const OfferTermsNode = builder.objectRef<OfferTerms>('OfferTerms');

OfferTermsNode.implement({
  description:
    'The bank’s offer, private to the bank and the applicant: financed = face × advance rate; ' +
    'interest = financed × annual rate × days / 360; net proceeds = financed − interest − fees.',
  fields: (t) => ({
    financingId: t.exposeID('financingId'),
    faceAmount: t.expose('faceAmount', { type: 'Fen' }),
    advanceRateBps: t.exposeInt('advanceRateBps'),
    financedAmount: t.expose('financedAmount', { type: 'Fen' }),
    lprTenor: t.field({ type: RateTenorEnum, resolve: (row) => member(RateTenors, row.lprTenor) }),
    lprBps: t.exposeInt('lprBps', { description: 'The loan prime rate in force when the offer was made.' }),
    spreadBps: t.exposeInt('spreadBps'),
    annualRateBps: t.exposeInt('annualRateBps'),
    days: t.exposeInt('days', { description: 'From the offer date to maturity.' }),
    discountInterest: t.expose('discountInterest', { type: 'Fen' }),
    fees: t.expose('fees', { type: 'Fen' }),
    netProceeds: t.expose('netProceeds', { type: 'Fen', description: 'What the applicant receives.' }),
    validUntil: t.expose('validUntil', { type: 'Date' }),
    recourse: t.exposeBoolean('recourse', {
      description: 'With recourse: an overdue voucher may be put back to the applicant (民法典 Art. 766).',
    }),
    termsHash: t.exposeString('termsHash', { description: 'Matches the financing’s public termsHash.' }),
    fetchedAt: t.expose('fetchedAt', {
      type: 'DateTime',
      description: 'When this node read them from its peer.',
    }),
  }),
});
