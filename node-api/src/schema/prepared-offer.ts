import type { OfferTermsInput } from '@scf/ledger-contract';
import { ApprovalNode, APPROVAL_ACTIONS } from './approval.ts';
import { builder } from './builder.ts';
import { fromLedger } from './errors.ts';

const APPROVERS: readonly string[] = ['approver', 'admin'];

const PreparedOffer = builder.objectRef<OfferTermsInput>('PreparedOffer').implement({
  description:
    'What a prepared OFFER would offer: the bank’s choices. When approved, the ledger prices the rest ' +
    '(financed amount, rate, interest, net proceeds) off the LPR in force that day.',
  fields: (t) => ({
    advanceRateBps: t.exposeInt('advanceRateBps'),
    spreadBps: t.exposeInt('spreadBps', { description: 'Over the one-year LPR.' }),
    fees: t.field({ type: 'Fen', resolve: (terms) => BigInt(terms.fees) }),
    validUntil: t.field({ type: 'Date', resolve: (terms) => terms.validUntil }),
    recourse: t.exposeBoolean('recourse', {
      description: 'With recourse: the applicant buys back an overdue voucher.',
    }),
  }),
});

builder.objectField(ApprovalNode, 'preparedOffer', (t) =>
  t.field({
    type: PreparedOffer,
    nullable: true,
    description:
      "A pending OFFER's terms, read from the bank org's own collection on this node's peer (they are " +
      'on no public record): for an approver of the bank; null for anyone else, for another action, ' +
      'or once decided.',
    resolve: async (row, _args, ctx) => {
      const user = ctx.user;
      if (row.action !== APPROVAL_ACTIONS.OFFER || row.status !== 'PENDING') return null;
      if (user?.enterpriseId !== row.enterpriseId || !APPROVERS.includes(user.role)) return null;
      try {
        return await (await ctx.services.ledgerAs(user)).approval.GetTerms({ id: row.id });
      } catch (error) {
        throw fromLedger(error);
      }
    },
  }),
);
