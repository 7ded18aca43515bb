import { TransferConsentStatuses } from '@scf/ledger-contract';
import type { Voucher } from '../db/generated/client.ts';
import { builder } from './builder.ts';
import { TOTAL_COUNT, visibleConnection } from './connection.ts';
import { enterpriseNamed, EnterpriseNode } from './enterprise.ts';
import { member, TransferConsentStatusEnum } from './enums.ts';
import { visibleRow } from './loaders.ts';
import { VoucherNode } from './voucher.ts';
import { Prisma } from '../db/generated/client.ts';

/**
 * The recipient's consent to a transferred piece (保障中小企业款项支付条例 Art. 11), read from the
 * piece's row: only pieces transferred to another enterprise carry one.
 */
export const TransferConsentNode = builder.objectRef<
  Voucher & { consentStatus: string; transferredFrom: string }
>('TransferConsent');

TransferConsentNode.implement({
  description:
    'A transfer waits for its recipient: until its approver accepts, the piece can be neither passed on ' +
    'nor financed by anyone; declined (or withdrawn by the sender) its amount returns to the sender.',
  fields: (t) => ({
    status: t.field({
      type: TransferConsentStatusEnum,
      resolve: (row) => member(TransferConsentStatuses, row.consentStatus),
    }),
    senderId: t.exposeID('transferredFrom', {
      description: 'Who transferred the piece: its parent’s holder.',
    }),
    sender: t.field({
      type: EnterpriseNode,
      resolve: (row, _args, ctx) => enterpriseNamed(ctx, row.transferredFrom),
    }),
    decidedAt: t.expose('consentDecidedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was accepted, declined or withdrawn.',
    }),
    reason: t.exposeString('declineReason', {
      nullable: true,
      description: 'Why the recipient declined it.',
    }),
    returnedAsId: t.exposeID('returnedAs', {
      nullable: true,
      description: 'The piece of the same parent that took the amount back to the sender.',
    }),
    returnedAs: t.field({
      type: VoucherNode,
      nullable: true,
      description: 'That piece, if you may see it (the sender may).',
      resolve: (row, _args, ctx) => (row.returnedAs ? visibleRow(ctx, 'voucher', row.returnedAs) : null),
    }),
  }),
});

/** The consent of a piece, or null for a piece that was not transferred. */
export function consentOf(
  row: Voucher,
): (Voucher & { consentStatus: string; transferredFrom: string }) | null {
  const { consentStatus, transferredFrom } = row;
  return consentStatus !== null && transferredFrom !== null
    ? { ...row, consentStatus, transferredFrom }
    : null;
}

builder.queryField('pendingAcceptances', (t) =>
  t.connection(
    {
      type: VoucherNode,
      description:
        'Pieces transferred to your enterprise that wait for its approver to accept or decline them, ' +
        'soonest maturity first: what each settles (`invoice`), who owes it (`debtor`), who sent it ' +
        '(`consent.sender`).',
      authScopes: { loggedIn: true },
      resolve: (_root, args, ctx) =>
        visibleConnection(ctx, 'voucher', args, {
          where: [
            Prisma.sql`"holder_id" = ${ctx.user?.enterpriseId ?? ''}`,
            Prisma.sql`"status" = 'PENDING_ACCEPTANCE'`,
          ],
          orderBy: Prisma.sql`"maturity_date" ASC, "id" ASC`,
        }),
    },
    {
      name: 'PendingAcceptanceConnection',
      fields: (c) => ({
        totalCount: c.int({ description: TOTAL_COUNT, resolve: (connection) => connection.totalCount() }),
      }),
    },
    { name: 'PendingAcceptanceEdge' },
  ),
);
