import { MAX_PIECES, type VoucherPiece } from '@scf/ledger-contract';
import { builder } from '../builder.ts';
import { userError, NodeErrorCodes } from '../errors.ts';
import { VoucherNode } from '../voucher.ts';
import { TEXT } from './limits.ts';
import { BLOCK_NUMBER_DESCRIPTION, ProjectionStatus, type PayloadBase } from './payload.ts';
import { submitAs } from './submit.ts';
import type { Voucher } from '../../db/generated/client.ts';

export const PieceInput = builder.inputType('VoucherPieceInput', {
  description:
    'One piece of a split: kept by the holder, or transferred against an invoice from the recipient.',
  fields: (t) => ({
    amount: t.field({ type: 'Fen', required: true }),
    toEnterpriseId: t.string({ validate: TEXT.id }),
    invoiceId: t.string({ validate: TEXT.id }),
  }),
});

const SplitPayload = builder.objectRef<PayloadBase & { parent: Voucher | null; children: Voucher[] }>(
  'SplitTransferPayload',
);
SplitPayload.implement({
  fields: (t) => ({
    projection: t.field({ type: ProjectionStatus, resolve: (p) => p.projection }),
    transactionId: t.exposeString('transactionId'),
    blockNumber: t.string({
      nullable: true,
      description: BLOCK_NUMBER_DESCRIPTION,
      resolve: (p) => p.blockNumber?.toString() ?? null,
    }),
    parent: t.field({ type: VoucherNode, nullable: true, resolve: (p) => p.parent }),
    children: t.field({ type: [VoucherNode], resolve: (p) => p.children }),
  }),
});

export function toPiece(piece: {
  amount: bigint;
  toEnterpriseId?: string | null;
  invoiceId?: string | null;
}): VoucherPiece {
  const amount = piece.amount.toString();
  if (!piece.toEnterpriseId && !piece.invoiceId) return { amount };
  if (!piece.toEnterpriseId || !piece.invoiceId) {
    throw userError(
      NodeErrorCodes.InvalidArgument,
      'a transferred piece needs both toEnterpriseId and invoiceId',
    );
  }
  return { amount, toEnterpriseId: piece.toEnterpriseId, invoiceId: piece.invoiceId };
}

builder.mutationField('splitTransfer', (t) =>
  t.field({
    type: SplitPayload,
    description:
      'The holder splits a voucher into pieces that sum to it; transferred pieces pass to suppliers further ' +
      'down the chain, each backed by an invoice from that supplier to the holder.',
    authScopes: { $all: { roles: ['approver', 'admin'], kinds: ['SUPPLIER', 'CORE'] } },
    ledgerWrite: true,
    args: {
      voucherId: t.arg.id({ required: true }),
      pieces: t.arg({
        type: [PieceInput],
        required: true,
        validate: { minLength: 1, maxLength: MAX_PIECES },
      }),
    },
    resolve: async (_root, args, ctx) => {
      const pieces = args.pieces.map(toPiece);
      const id = args.voucherId;
      const done = await submitAs(ctx, (ledger) =>
        ledger.voucher.SplitTransfer({ voucherId: id, piecesJson: pieces }),
      );
      const { projection, transactionId, blockNumber } = done;
      if (projection === 'PENDING')
        return { projection, transactionId, blockNumber, parent: null, children: [] };
      const ids = done.value.children.map((child) => child.id);
      const [parent, children] = await Promise.all([
        ctx.db.voucher.findUnique({ where: { id } }),
        ctx.db.voucher.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' } }),
      ]);
      return { projection, transactionId, blockNumber, parent, children };
    },
  }),
);
