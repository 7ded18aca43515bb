import { DisputeStatuses } from '@scf/ledger-contract';
import type { Voucher } from '../db/generated/client.ts';
import { builder } from './builder.ts';
import { enterpriseNamed, EnterpriseNode } from './enterprise.ts';
import { member } from './enums.ts';
import { visibleRow } from './loaders.ts';
import { VoucherNode } from './voucher.ts';

/** A voucher row that carries a dispute. */
type DisputedRow = Voucher & {
  disputeStatus: string;
  disputedAmount: bigint;
  disputeReason: string;
  disputedBy: string;
  disputedAt: Date;
};

export const DisputeStatusEnum = builder.enumType('DisputeStatus', {
  description:
    'OPEN: the disputed part is frozen. ACCEPTED: the holder accepted it; the part is written off. ' +
    'WITHDRAWN: dropped; the part is payable again, with late interest from maturity.',
  values: DisputeStatuses,
});

/**
 * The debtor's dispute of part of a voucher (保障中小企业款项支付条例 Art. 15), read from the row of the
 * piece that holds the disputed amount.
 */
export const PaymentDisputeNode = builder.objectRef<DisputedRow>('PaymentDispute');

PaymentDisputeNode.implement({
  description:
    'The debtor disputes this amount: it is frozen (not paid, passed on or financed) until the holder ' +
    'accepts the dispute (written off) or withdraws it (payable again); the rest of the voucher, a piece ' +
    'of its own (`undisputed`), stays payable on time.',
  fields: (t) => ({
    status: t.field({
      type: DisputeStatusEnum,
      resolve: (row) => member(DisputeStatuses, row.disputeStatus),
    }),
    amount: t.field({ type: 'Fen', resolve: (row) => row.disputedAmount }),
    reason: t.exposeString('disputeReason'),
    raisedById: t.exposeID('disputedBy'),
    raisedBy: t.field({
      type: EnterpriseNode,
      resolve: (row, _args, ctx) => enterpriseNamed(ctx, row.disputedBy),
    }),
    raisedAt: t.expose('disputedAt', { type: 'DateTime' }),
    undisputedId: t.exposeID('undisputedId', {
      nullable: true,
      description: 'The piece that stays payable on time; none when the whole voucher is disputed.',
    }),
    undisputed: t.field({
      type: VoucherNode,
      nullable: true,
      resolve: (row, _args, ctx) => (row.undisputedId ? visibleRow(ctx, 'voucher', row.undisputedId) : null),
    }),
    resolvedById: t.exposeID('disputeEndedBy', { nullable: true }),
    resolvedAt: t.expose('disputeEndedAt', { type: 'DateTime', nullable: true }),
  }),
});

/** The dispute a piece carries, or null. */
export function disputeOf(row: Voucher): DisputedRow | null {
  const { disputeStatus, disputedAmount, disputeReason, disputedBy, disputedAt } = row;
  if (disputeStatus === null || disputedAmount === null || disputeReason === null) return null;
  if (disputedBy === null || disputedAt === null) return null;
  return { ...row, disputeStatus, disputedAmount, disputeReason, disputedBy, disputedAt };
}
