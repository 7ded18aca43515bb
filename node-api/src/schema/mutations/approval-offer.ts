import type { OfferTermsInput } from '@scf/ledger-contract';
import type { LedgerClient } from '../../ledger/scf-ledger.ts';
import { APPROVAL_ACTIONS } from '../approval.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { offerOptions, OfferInput } from './financing.ts';

export const OfferAction = builder.inputType('OfferAction', {
  description:
    "The terms never enter the approval: they travel to the bank's own peers only (with a fresh salt " +
    "from this node) and wait in the bank org's own collection; the approval carries their hash. When " +
    "another approver approves, that approver's node sends them again and the offer is made.",
  fields: (t) => ({
    financingId: t.id({ required: true }),
    terms: t.field({ type: OfferInput, required: true }),
  }),
});

/** How a prepared action's private terms travel: an offer's as the offer's do; none for other actions. */
export type TermsOptions =
  Awaited<ReturnType<typeof offerOptions>> | { transient: { terms: OfferTermsInput | undefined } };

export const NO_TERMS: TermsOptions = { transient: { terms: undefined } };

/**
 * What the approver's node sends with approval:Approve: for a prepared offer, the terms it reads from
 * its own org's collection (approval:GetTerms, on its own peer), for the ledger to check against the
 * approval's hash, endorsed like the offer itself; nothing for other actions.
 */
export async function termsAtApproval(ctx: Context, ledger: LedgerClient, id: string): Promise<TermsOptions> {
  const approval = await ctx.db.approval.findUnique({ where: { id } });
  if (approval?.action !== APPROVAL_ACTIONS.OFFER) return NO_TERMS;
  const args = approval.args as Record<string, unknown>;
  const financingId = typeof args.financingId === 'string' ? args.financingId : '';
  return offerOptions(ctx, financingId, await ledger.approval.GetTerms({ id }));
}
