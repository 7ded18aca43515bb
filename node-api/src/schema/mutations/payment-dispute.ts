import { DisputeResolutions } from '@scf/ledger-contract';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { VoucherNode } from '../voucher.ts';
import { TEXT } from './limits.ts';
import { nodePayload } from './payload.ts';
import { submitAs, withNode } from './submit.ts';

/*
 * 保障中小企业款项支付条例 Art. 15. The undisputed part is a piece of its own: its debtor pays it with
 * `payVoucher` on that piece (`dispute.undisputed`), on time, while the disputed piece waits.
 */

/** The piece holding the disputed amount (the voucher itself when disputed in full), as the read model holds it. */
const Payload = nodePayload('PaymentDispute', 'voucher', VoucherNode);
/** Both scopes must hold (an object of scopes alone passes on any one of them). */
const DEBTOR = { $all: { roles: ['approver', 'admin'], kinds: ['CORE'] } } as const;

const DisputeResolutionEnum = builder.enumType('DisputeResolution', {
  description:
    'ACCEPT: the holder agrees; the disputed part is written off. WITHDRAW: the dispute is dropped.',
  values: DisputeResolutions,
});

const load = (ctx: Context, id: string) => ctx.db.voucher.findUnique({ where: { id } });

builder.mutationFields((t) => ({
  disputeVoucher: t.field({
    type: Payload,
    description:
      "The debtor's approver disputes an amount of an ACTIVE or OVERDUE voucher, saying why: the rest " +
      'becomes a piece payable on time (`dispute.undisputed`), the disputed amount a DISPUTED piece, ' +
      'frozen until its holder resolves it. DISPUTED if it is disputed already.',
    authScopes: DEBTOR,
    ledgerWrite: true,
    args: {
      voucherId: t.arg.id({ required: true }),
      amount: t.arg({ type: 'Fen', required: true }),
      reason: t.arg.string({ required: true, validate: TEXT.reason }),
    },
    resolve: async (_root, args, ctx) => {
      const done = await submitAs(ctx, (ledger) =>
        ledger.settlement.Dispute({
          voucherId: args.voucherId,
          amount: args.amount.toString(),
          reason: args.reason,
        }),
      );
      return withNode(done, () => load(ctx, done.value.disputed.id));
    },
  }),
  resolveDispute: t.field({
    type: Payload,
    description:
      "The holder's approver accepts a dispute (the disputed piece is WRITTEN_OFF) or withdraws it (payable " +
      "again, with late interest from maturity); the debtor's approver may withdraw its own.",
    authScopes: { roles: ['approver', 'admin'] },
    ledgerWrite: true,
    args: {
      voucherId: t.arg.id({ required: true, description: 'The DISPUTED piece.' }),
      resolution: t.arg({ type: DisputeResolutionEnum, required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const id = args.voucherId;
      const done = await submitAs(ctx, (ledger) =>
        ledger.settlement.ResolveDispute({ voucherId: id, resolution: args.resolution }),
      );
      return withNode(done, () => load(ctx, id));
    },
  }),
}));
