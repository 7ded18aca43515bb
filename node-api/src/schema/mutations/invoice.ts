import { INT_RANGES } from '@scf/ledger-contract';
import { builder } from '../builder.ts';
import { InvoiceNode } from '../invoice.ts';
import { TEXT } from './limits.ts';
import { nodePayload } from './payload.ts';
import { submitAs, withNode } from './submit.ts';

const Payload = nodePayload('Invoice', 'invoice', InvoiceNode);

const RegisterInvoiceInput = builder.inputType('RegisterInvoiceInput', {
  fields: (t) => ({
    number: t.string({ required: true, validate: TEXT.documentNumber }),
    buyerId: t.string({ required: true, validate: TEXT.id }),
    amount: t.field({ type: 'Fen', required: true }),
    issueDate: t.field({ type: 'Date', required: true }),
    dueDate: t.field({ type: 'Date', required: true }),
    documentSha256: t.string({ required: true, validate: TEXT.sha256 }),
    purchaseOrderNumber: t.string({ validate: TEXT.orderNumber }),
  }),
});

const load = (ctx: { db: import('../../db/client.ts').Database }, id: string) =>
  ctx.db.invoice.findUnique({ where: { id } });

builder.mutationFields((t) => ({
  registerInvoice: t.field({
    type: Payload,
    description:
      'A supplier registers an invoice to a core enterprise (document uploaded first; its hash here).',
    authScopes: { $all: { roles: ['clerk', 'approver'], kinds: ['SUPPLIER'] } },
    ledgerWrite: true,
    args: { input: t.arg({ type: RegisterInvoiceInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const done = await submitAs(ctx, (ledger) =>
        ledger.invoice.Register({
          number: input.number,
          buyerId: input.buyerId,
          amount: input.amount.toString(),
          issueDate: input.issueDate,
          dueDate: input.dueDate,
          documentHash: input.documentSha256,
          purchaseOrderNumber: input.purchaseOrderNumber ?? undefined,
        }),
      );
      return withNode(done, () => load(ctx, done.value.id));
    },
  }),
  confirmInvoice: t.field({
    type: Payload,
    description:
      "The core enterprise's approver confirms what it owes; this issues the root voucher. " +
      '`lateInterestBps`: the annual late-interest rate agreed, raised to the 1Y LPR of the day if below ' +
      'it; without it, 0.05 % per day (保障中小企业款项支付条例 Art. 17).',
    authScopes: { $all: { roles: ['approver', 'admin'], kinds: ['CORE'] } },
    ledgerWrite: true,
    args: {
      id: t.arg.id({ required: true }),
      waiveDelivery: t.arg.boolean({ required: true, defaultValue: false }),
      lateInterestBps: t.arg.int({ validate: INT_RANGES.lateInterestBps }),
    },
    resolve: async (_root, args, ctx) => {
      const id = args.id;
      const done = await submitAs(ctx, (ledger) =>
        ledger.invoice.Confirm({
          invoiceId: id,
          waiveDelivery: args.waiveDelivery,
          lateInterestBps: args.lateInterestBps ?? undefined,
        }),
      );
      return withNode(done, () => load(ctx, id));
    },
  }),
  rejectInvoice: t.field({
    type: Payload,
    description: 'The buyer (or the seller) rejects an invoice awaiting confirmation, with a reason.',
    authScopes: { kinds: ['CORE', 'SUPPLIER'] },
    ledgerWrite: true,
    args: {
      id: t.arg.id({ required: true }),
      reason: t.arg.string({ required: true, validate: TEXT.reason }),
    },
    resolve: async (_root, args, ctx) => {
      const id = args.id;
      const done = await submitAs(ctx, (ledger) =>
        ledger.invoice.Reject({ invoiceId: id, reason: args.reason }),
      );
      return withNode(done, () => load(ctx, id));
    },
  }),
  cancelInvoice: t.field({
    type: Payload,
    description: 'The seller withdraws an invoice not yet confirmed.',
    authScopes: { loggedIn: true },
    ledgerWrite: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = args.id;
      const done = await submitAs(ctx, (ledger) => ledger.invoice.Cancel({ invoiceId: id }));
      return withNode(done, () => load(ctx, id));
    },
  }),
}));
