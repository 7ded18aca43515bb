import { INT_RANGES } from '@scf/ledger-contract';
import { builder } from '../builder.ts';
import { VoucherNode } from '../voucher.ts';
import { TEXT } from './limits.ts';
import { BLOCK_NUMBER_DESCRIPTION, nodePayload, ProjectionStatus, type PayloadBase } from './payload.ts';
import { submitAs, withNode } from './submit.ts';

const SweepPayload = builder.objectRef<PayloadBase & { count: number }>('SweepOverduePayload').implement({
  fields: (t) => ({
    projection: t.field({ type: ProjectionStatus, resolve: (p) => p.projection }),
    transactionId: t.exposeString('transactionId'),
    blockNumber: t.string({
      nullable: true,
      description: BLOCK_NUMBER_DESCRIPTION,
      resolve: (p) => p.blockNumber?.toString() ?? null,
    }),
    count: t.exposeInt('count', { description: 'Vouchers marked OVERDUE by this sweep.' }),
  }),
});

builder.mutationField('sweepOverdue', (t) =>
  t.field({
    type: SweepPayload,
    description: 'Marks unpaid vouchers past maturity as OVERDUE (at most `limit` per call).',
    authScopes: { loggedIn: true },
    ledgerWrite: true,
    args: { limit: t.arg.int({ required: true, defaultValue: 100, validate: INT_RANGES.sweepLimit }) },
    resolve: async (_root, args, ctx) => {
      const done = await submitAs(ctx, (ledger) => ledger.settlement.SweepOverdue({ limit: args.limit }));
      return { ...done, count: done.value.count };
    },
  }),
);

const PayPayload = nodePayload('PayVoucher', 'voucher', VoucherNode);

builder.mutationField('payVoucher', (t) =>
  t.field({
    type: PayPayload,
    description: 'The debtor pays a voucher at maturity to its current holder (or the financing bank).',
    authScopes: { $all: { roles: ['approver', 'admin'], kinds: ['CORE'] } },
    ledgerWrite: true,
    args: {
      voucherId: t.arg.id({ required: true }),
      paymentReference: t.arg.string({ required: true, validate: TEXT.paymentReference }),
    },
    resolve: async (_root, args, ctx) => {
      const id = args.voucherId;
      const done = await submitAs(ctx, (ledger) =>
        ledger.settlement.Pay({ voucherId: id, paymentReference: args.paymentReference }),
      );
      return withNode(done, () => ctx.db.voucher.findUnique({ where: { id } }));
    },
  }),
);
