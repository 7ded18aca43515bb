import { builder } from '../builder.ts';
import { CreditLineNode } from '../credit-line.ts';
import { TEXT } from './limits.ts';
import { nodePayload } from './payload.ts';
import { submitAs, withNode } from './submit.ts';

const Payload = nodePayload('CreditLine', 'creditLine', CreditLineNode);
const STATUS = builder.enumType('CreditLineStatusInput', { values: ['ACTIVE', 'FROZEN'] as const });
const BANK_APPROVER = { roles: ['approver', 'admin'], kinds: ['BANK'] } as const;

builder.mutationFields((t) => ({
  grantCreditLine: t.field({
    type: Payload,
    description:
      'A bank grants a credit line against a core enterprise (the debtor of the vouchers it finances).',
    authScopes: { $all: { roles: [...BANK_APPROVER.roles], kinds: [...BANK_APPROVER.kinds] } },
    ledgerWrite: true,
    args: {
      debtorId: t.arg.string({ required: true, validate: TEXT.id }),
      limit: t.arg({ type: 'Fen', required: true }),
      expiryDate: t.arg({ type: 'Date', required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const done = await submitAs(ctx, (ledger) =>
        ledger.creditline.Grant({
          debtorId: args.debtorId,
          limit: args.limit.toString(),
          expiryDate: args.expiryDate,
        }),
      );
      return withNode(done, () => ctx.db.creditLine.findUnique({ where: { id: done.value.id } }));
    },
  }),
  changeCreditLine: t.field({
    type: Payload,
    description: 'The bank changes the limit or expiry of its line.',
    authScopes: { $all: { roles: [...BANK_APPROVER.roles], kinds: [...BANK_APPROVER.kinds] } },
    ledgerWrite: true,
    args: {
      id: t.arg.id({ required: true }),
      limit: t.arg({ type: 'Fen', required: true }),
      expiryDate: t.arg({ type: 'Date', required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const id = args.id;
      const done = await submitAs(ctx, (ledger) =>
        ledger.creditline.Change({ id, limit: args.limit.toString(), expiryDate: args.expiryDate }),
      );
      return withNode(done, () => ctx.db.creditLine.findUnique({ where: { id } }));
    },
  }),
  setCreditLineStatus: t.field({
    type: Payload,
    description: 'The bank freezes or reactivates its line.',
    authScopes: { $all: { roles: [...BANK_APPROVER.roles], kinds: [...BANK_APPROVER.kinds] } },
    ledgerWrite: true,
    args: { id: t.arg.id({ required: true }), status: t.arg({ type: STATUS, required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = args.id;
      const done = await submitAs(ctx, (ledger) => ledger.creditline.SetStatus({ id, status: args.status }));
      return withNode(done, () => ctx.db.creditLine.findUnique({ where: { id } }));
    },
  }),
}));
