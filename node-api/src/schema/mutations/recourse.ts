import { builder } from '../builder.ts';
import { FinancingNode } from '../financing.ts';
import type { Context } from '../context.ts';
import { applicantMsp } from './financing.ts';
import { TEXT } from './limits.ts';
import { nodePayload } from './payload.ts';
import { submitAs, withNode } from './submit.ts';

const Payload = nodePayload('Recourse', 'financing', FinancingNode);
/** Both must hold: Pothos scopes side by side are any-of. */
const BANK_APPROVER = { $all: { roles: ['approver', 'admin'], kinds: ['BANK'] } } as const;

const load = (ctx: Context, id: string) => ctx.db.financing.findUnique({ where: { id } });

builder.mutationFields((t) => ({
  demandBuyBack: t.field({
    type: Payload,
    description:
      'The bank’s approver demands that the applicant buy back the overdue voucher of a disbursed ' +
      'financing offered with recourse (NO_RECOURSE when offered without; INVALID_STATE before ' +
      'maturity or once paid; ALREADY_EXISTS the second time). The price is the face amount.',
    authScopes: BANK_APPROVER,
    ledgerWrite: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = args.id;
      // The ledger checks recourse in the terms as stored, which this bank's peer holds: they travel
      // back as transient data, endorsed only by the two holders of the terms.
      const orgs = new Set([ctx.services.config.SCF_MSP_ID, await applicantMsp(ctx, id)]);
      const done = await submitAs(ctx, async (ledger) => {
        const terms = await ledger.financing.GetTerms({ financingId: id });
        return ledger.recourse.Demand(
          { financingId: id },
          { transient: { terms }, endorsingOrganizations: [...orgs] },
        );
      });
      return withNode(done, () => load(ctx, id));
    },
  }),
  recordBuyBack: t.field({
    type: Payload,
    description:
      'The bank’s approver confirms it received the buy-back price (paid off the ledger, with its ' +
      'reference) after a demand: the financing is BOUGHT_BACK, the bank’s line is released and the ' +
      'applicant holds the voucher again, to claim from the debtor with late interest.',
    authScopes: BANK_APPROVER,
    ledgerWrite: true,
    args: {
      id: t.arg.id({ required: true }),
      paymentReference: t.arg.string({ required: true, validate: TEXT.paymentReference }),
    },
    resolve: async (_root, args, ctx) => {
      const id = args.id;
      const done = await submitAs(ctx, (ledger) =>
        ledger.recourse.RecordBuyBack({ financingId: id, paymentReference: args.paymentReference }),
      );
      return withNode(done, () => load(ctx, id));
    },
  }),
}));
