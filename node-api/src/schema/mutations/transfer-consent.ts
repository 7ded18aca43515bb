import { builder } from '../builder.ts';
import { VoucherNode } from '../voucher.ts';
import type { Context } from '../context.ts';
import { TEXT } from './limits.ts';
import { nodePayload } from './payload.ts';
import { submitAs, withNode } from './submit.ts';

/** The piece as the read model holds it after the write (a returned one: `consent.returnedAs` is the new piece). */
const Payload = nodePayload('TransferConsent', 'voucher', VoucherNode);
/** Both scopes must hold (an object of scopes alone passes on any one of them). */
const RECIPIENT = { $all: { roles: ['approver', 'admin'], kinds: ['SUPPLIER'] } } as const;
const SENDER = { $all: { roles: ['approver', 'admin'], kinds: ['SUPPLIER', 'CORE'] } } as const;

const load = (ctx: Context, id: string) => ctx.db.voucher.findUnique({ where: { id } });

builder.mutationFields((t) => ({
  acceptTransfer: t.field({
    type: Payload,
    description:
      "The recipient's approver accepts a piece transferred to its enterprise: it becomes ACTIVE, the " +
      "enterprise's to hold, pass on or finance (保障中小企业款项支付条例 Art. 11: no SME is made to).",
    authScopes: RECIPIENT,
    ledgerWrite: true,
    args: { voucherId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = args.voucherId;
      const done = await submitAs(ctx, (ledger) => ledger.voucher.AcceptTransfer({ voucherId: id }));
      return withNode(done, () => load(ctx, id));
    },
  }),
  declineTransfer: t.field({
    type: Payload,
    description:
      "The recipient's approver declines a piece transferred to its enterprise, saying why: the piece " +
      'is RETURNED and its amount goes back to the sender as a new piece of the same parent.',
    authScopes: RECIPIENT,
    ledgerWrite: true,
    args: {
      voucherId: t.arg.id({ required: true }),
      reason: t.arg.string({ required: true, validate: TEXT.reason }),
    },
    resolve: async (_root, args, ctx) => {
      const id = args.voucherId;
      const done = await submitAs(ctx, (ledger) =>
        ledger.voucher.DeclineTransfer({ voucherId: id, reason: args.reason }),
      );
      return withNode(done, () => load(ctx, id));
    },
  }),
  withdrawTransfer: t.field({
    type: Payload,
    description:
      "The sender's approver takes back a piece its recipient has not accepted yet: the piece is " +
      'RETURNED and its amount comes back as a new piece of the same parent.',
    authScopes: SENDER,
    ledgerWrite: true,
    args: { voucherId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = args.voucherId;
      const done = await submitAs(ctx, (ledger) => ledger.voucher.WithdrawTransfer({ voucherId: id }));
      return withNode(done, () => load(ctx, id));
    },
  }),
}));
