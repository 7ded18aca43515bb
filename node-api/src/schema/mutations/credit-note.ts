import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { CreditNoteNode, CreditNoteReasonEnum } from '../credit-note.ts';
import { TEXT } from './limits.ts';
import { nodePayload } from './payload.ts';
import { submitAs, withNode } from './submit.ts';

const Payload = nodePayload('CreditNote', 'creditNote', CreditNoteNode);

/** Both must hold: Pothos scopes side by side are any-of. */
const SELLER = { $all: { roles: ['clerk', 'approver'], kinds: ['SUPPLIER'] } } as const;
const BUYER = { $all: { roles: ['approver', 'admin'], kinds: ['CORE', 'SUPPLIER'] } } as const;

const RegisterCreditNoteInput = builder.inputType('RegisterCreditNoteInput', {
  fields: (t) => ({
    invoiceId: t.id({ required: true }),
    amount: t.field({ type: 'Fen', required: true }),
    reasonKind: t.field({ type: CreditNoteReasonEnum, required: true }),
    reason: t.string({ required: true, validate: TEXT.reason }),
    documentSha256: t.string({
      required: true,
      validate: TEXT.sha256,
      description: 'The credit note document, uploaded first.',
    }),
  }),
});

const load = (ctx: Context, id: string) => ctx.db.creditNote.findUnique({ where: { id } });

builder.mutationFields((t) => ({
  registerCreditNote: t.field({
    type: Payload,
    description:
      'A clerk or approver of the invoice’s seller registers a credit note: 1 fen up to the invoice amount less ' +
      'what was paid on it and its other PENDING or ACCEPTED notes (AMOUNT_EXCEEDED beyond), on a REGISTERED ' +
      'or CONFIRMED invoice.',
    authScopes: SELLER,
    ledgerWrite: true,
    args: { input: t.arg({ type: RegisterCreditNoteInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const done = await submitAs(ctx, (ledger) =>
        ledger.creditnote.Register({
          invoiceId: input.invoiceId,
          amount: input.amount.toString(),
          reasonKind: input.reasonKind,
          reason: input.reason,
          documentHash: input.documentSha256,
        }),
      );
      return withNode(done, () => load(ctx, done.value.id));
    },
  }),
  acceptCreditNote: t.field({
    type: Payload,
    description:
      'The buyer’s approver accepts a PENDING credit note (under four eyes, when on: prepare it as an action): ' +
      'the invoice is credited and its voucher pieces diluted (the seller’s own first, then those a bank ' +
      'financed for it, each a claim of the bank on the seller; the rest a claim of the buyer on the seller). ' +
      'INVALID_STATE while a piece of the seller is applied for financing or disputed.',
    authScopes: BUYER,
    ledgerWrite: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = args.id;
      const done = await submitAs(ctx, (ledger) => ledger.creditnote.Accept({ creditNoteId: id }));
      return withNode(done, () => load(ctx, id));
    },
  }),
  declineCreditNote: t.field({
    type: Payload,
    description: 'The buyer’s approver declines a PENDING credit note, saying why.',
    authScopes: BUYER,
    ledgerWrite: true,
    args: {
      id: t.arg.id({ required: true }),
      reason: t.arg.string({ required: true, validate: TEXT.reason }),
    },
    resolve: async (_root, args, ctx) => {
      const id = args.id;
      const done = await submitAs(ctx, (ledger) =>
        ledger.creditnote.Decline({ creditNoteId: id, reason: args.reason }),
      );
      return withNode(done, () => load(ctx, id));
    },
  }),
  withdrawCreditNote: t.field({
    type: Payload,
    description: 'A clerk or approver of the seller takes back a PENDING credit note.',
    authScopes: SELLER,
    ledgerWrite: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = args.id;
      const done = await submitAs(ctx, (ledger) => ledger.creditnote.Withdraw({ creditNoteId: id }));
      return withNode(done, () => load(ctx, id));
    },
  }),
}));
