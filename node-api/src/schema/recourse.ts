import type { Financing } from '../db/generated/client.ts';
import { builder } from './builder.ts';

/** A financing row whose bank demanded a buy-back under recourse. */
type Demanded = Financing & { recourseDemandedAt: Date; recourseAmount: bigint };
/** A financing row whose bank recorded the buy-back. */
type BoughtBack = Financing & { boughtBackAt: Date; buyBackReference: string };

/** The bank's demand, if it made one. */
export function recourseDemandOf(row: Financing): Demanded | null {
  const { recourseDemandedAt, recourseAmount } = row;
  return recourseDemandedAt !== null && recourseAmount !== null
    ? { ...row, recourseDemandedAt, recourseAmount }
    : null;
}

/** The buy-back, if the bank recorded it. */
export function buyBackOf(row: Financing): BoughtBack | null {
  const { boughtBackAt, buyBackReference } = row;
  return boughtBackAt !== null && buyBackReference !== null
    ? { ...row, boughtBackAt, buyBackReference }
    : null;
}

export const RecourseDemandNode = builder.objectRef<Demanded>('RecourseDemand');

RecourseDemandNode.implement({
  description:
    'The bank’s demand, under a financing with recourse (民法典 Art. 766), that the applicant buy the ' +
    'overdue voucher back: pay the bank its face amount and hold it again.',
  fields: (t) => ({
    demandedAt: t.expose('recourseDemandedAt', { type: 'DateTime' }),
    amount: t.expose('recourseAmount', { type: 'Fen', description: 'The buy-back price: the face amount.' }),
  }),
});

export const BuyBackNode = builder.objectRef<BoughtBack>('BuyBack');

BuyBackNode.implement({
  description:
    'The bank’s record that it received the buy-back price (paid off the ledger): the applicant holds ' +
    'the voucher again and claims it from the debtor, with late interest.',
  fields: (t) => ({
    recordedAt: t.expose('boughtBackAt', { type: 'DateTime' }),
    paymentReference: t.exposeString('buyBackReference'),
  }),
});
