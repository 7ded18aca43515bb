import {
  CreditNoteReasons,
  CreditNoteStatuses,
  dilutableTree,
  DilutionClaimKinds,
  VoucherStatuses,
} from '@scf/ledger-contract';
import type { CreditNote, DilutionClaim, Invoice } from '../db/generated/client.ts';
import { Prisma } from '../db/generated/client.ts';
import { ENTITY_KINDS } from '../read-model/entity-kinds.ts';
import { ApprovalNode } from './approval.ts';
import { builder } from './builder.ts';
import type { Context } from './context.ts';
import { enterpriseNamed, EnterpriseNode } from './enterprise.ts';
import { member } from './enums.ts';
import { InvoiceNode } from './invoice.ts';
import { visibleRow } from './loaders.ts';
import { LedgerProof } from './proof.ts';
import { readVisible } from './read-rows.ts';
import { VoucherNode } from './voucher.ts';

export const CreditNoteReasonEnum = builder.enumType('CreditNoteReason', {
  description:
    'RETURN: goods returned. PRICE_REDUCTION: the price was cut. REVERSAL: the invoice is reversed.',
  values: CreditNoteReasons,
});

export const CreditNoteStatusEnum = builder.enumType('CreditNoteStatus', {
  description:
    'PENDING: waits for the buyer. ACCEPTED: the buyer owes that much less; the voucher pieces are diluted. ' +
    'DECLINED by the buyer or WITHDRAWN by the seller: nothing changed.',
  values: CreditNoteStatuses,
});

const DilutionClaimKindEnum = builder.enumType('DilutionClaimKind', {
  description:
    'BANK: a piece a bank financed for the seller shrank. DEBTOR: the note was more than the seller’s own ' +
    'and financed pieces could absorb, so the seller owes the rest back to the buyer.',
  values: DilutionClaimKinds,
});

/** One piece a credit note took down, as the read model holds it (fen as strings). */
interface Reduction {
  voucherId: string;
  from: string;
  to: string;
}

function reductionsOf(row: CreditNote): Reduction[] {
  const value = row.reductions;
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return [];
    const { voucherId, from, to } = item as Record<string, unknown>;
    return typeof voucherId === 'string' && typeof from === 'string' && typeof to === 'string'
      ? [{ voucherId, from, to }]
      : [];
  });
}

const ReductionNode = builder.objectRef<Reduction>('DilutionReduction').implement({
  description: 'A voucher piece an accepted credit note took down, and by how much.',
  fields: (t) => ({
    voucherId: t.exposeID('voucherId'),
    voucher: t.field({
      type: VoucherNode,
      nullable: true,
      resolve: (r, _args, ctx) => visibleRow(ctx, 'voucher', r.voucherId),
    }),
    from: t.field({ type: 'Fen', resolve: (r) => BigInt(r.from) }),
    to: t.field({ type: 'Fen', resolve: (r) => BigInt(r.to) }),
  }),
});

export const DilutionClaimNode = builder
  .objectRef<DilutionClaim>(ENTITY_KINDS.dilutionclaim.graphqlType)
  .implement({
    description:
      'A claim on the seller an accepted credit note gave its creditor: a bank whose financed piece shrank, ' +
      'or the buyer for what the pieces could not absorb. Only its creditor and the seller see it.',
    fields: (t) => ({
      id: t.exposeID('id'),
      kind: t.field({ type: DilutionClaimKindEnum, resolve: (row) => member(DilutionClaimKinds, row.kind) }),
      creditorId: t.exposeID('creditorId'),
      creditor: t.field({
        type: EnterpriseNode,
        resolve: (row, _args, ctx) => enterpriseNamed(ctx, row.creditorId),
      }),
      debtorId: t.exposeID('debtorId', { description: 'The seller of the invoice.' }),
      debtor: t.field({
        type: EnterpriseNode,
        resolve: (row, _args, ctx) => enterpriseNamed(ctx, row.debtorId),
      }),
      amount: t.expose('amount', { type: 'Fen' }),
      creditNoteId: t.exposeID('creditNoteId'),
      invoiceId: t.exposeID('invoiceId'),
      invoice: t.field({
        type: InvoiceNode,
        nullable: true,
        resolve: (row, _args, ctx) => visibleRow(ctx, 'invoice', row.invoiceId),
      }),
      voucherId: t.exposeID('voucherId', {
        nullable: true,
        description: 'For a bank: the piece that shrank.',
      }),
      financingId: t.exposeID('financingId', { nullable: true }),
      status: t.exposeString('status', { description: 'OPEN: settled between the two off the ledger.' }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
      proof: t.field({ type: LedgerProof, resolve: (row) => row }),
    }),
  });

export const CreditNoteNode = builder.objectRef<CreditNote>(ENTITY_KINDS.creditnote.graphqlType).implement({
  description:
    'A credit note (dilution) on an invoice: the seller registers it, the buyer accepts or declines it. ' +
    'Only the seller and the buyer see it.',
  fields: (t) => ({
    id: t.exposeID('id'),
    invoiceId: t.exposeID('invoiceId'),
    invoice: t.field({
      type: InvoiceNode,
      nullable: true,
      resolve: (row, _args, ctx) => visibleRow(ctx, 'invoice', row.invoiceId),
    }),
    sellerId: t.exposeID('sellerId'),
    buyerId: t.exposeID('buyerId'),
    amount: t.expose('amount', { type: 'Fen' }),
    reasonKind: t.field({
      type: CreditNoteReasonEnum,
      resolve: (row) => member(CreditNoteReasons, row.reasonKind),
    }),
    reason: t.exposeString('reason'),
    documentSha256: t.exposeString('documentHash'),
    status: t.field({ type: CreditNoteStatusEnum, resolve: (row) => member(CreditNoteStatuses, row.status) }),
    declineReason: t.exposeString('declineReason', { nullable: true }),
    decidedAt: t.expose('decidedAt', { type: 'DateTime', nullable: true }),
    reductions: t.field({
      type: [ReductionNode],
      description: 'Once accepted: the pieces it took down.',
      resolve: (row) => reductionsOf(row),
    }),
    claims: t.field({
      type: [DilutionClaimNode],
      description: 'Once accepted: the claims on the seller it made that the caller may see.',
      resolve: (row, _args, ctx) =>
        readVisible(ctx.db, ctx.user, 'dilutionClaim', {
          where: [Prisma.sql`"credit_note_id" = ${row.id}`],
          orderBy: Prisma.sql`"id"`,
        }),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    proof: t.field({ type: LedgerProof, resolve: (row) => row }),
  }),
});

/** A piece of an invoice's voucher tree as the dilution rule takes it (what the portal previews with). */
interface DilutablePieceRow {
  id: string;
  number: string | null;
  holderId: string;
  amount: bigint;
  bankId: string | null;
  applicantId: string | null;
}

const DilutablePieceNode = builder.objectRef<DilutablePieceRow>('DilutablePiece').implement({
  description:
    'An open piece of the invoice’s voucher tree, with the bank and applicant of its disbursed financing: ' +
    'the input of the shared dilution rule (`dilute` in @scf/ledger-contract).',
  fields: (t) => ({
    id: t.exposeID('id'),
    number: t.exposeString('number', { nullable: true }),
    holderId: t.exposeID('holderId'),
    holder: t.field({ type: EnterpriseNode, resolve: (p, _args, ctx) => enterpriseNamed(ctx, p.holderId) }),
    amount: t.field({ type: 'Fen', resolve: (p) => p.amount }),
    bankId: t.exposeID('bankId', { nullable: true }),
    applicantId: t.exposeID('applicantId', { nullable: true }),
  }),
});

/** The open pieces of the invoice's voucher tree, for its buyer; null for others, or when a seller's piece is busy. */
async function dilutablePiecesOf(ctx: Context, invoice: Invoice): Promise<DilutablePieceRow[] | null> {
  if (ctx.user?.enterpriseId !== invoice.buyerId) return null;
  if (invoice.voucherId === null) return [];
  const tree = await readVisible(ctx.db, ctx.user, 'voucher', {
    where: [Prisma.sql`"root_id" = ${invoice.voucherId}`],
    orderBy: Prisma.sql`"id"`,
  });
  const financingIds = tree.flatMap((piece) => (piece.financingId ? [piece.financingId] : []));
  const financings = await readVisible(ctx.db, ctx.user, 'financing', {
    where: [Prisma.sql`"id" = ANY(${financingIds})`],
  });
  const byId = new Map(financings.map((financing) => [financing.id, financing]));
  const pieces = tree.map((piece) => ({
    id: piece.id,
    holderId: piece.holderId,
    amount: piece.amount.toString(),
    status: member(VoucherStatuses, piece.status),
    financingId: piece.financingId,
  }));
  const dilutable = dilutableTree(pieces, (id) => byId.get(id), invoice.sellerId);
  if ('blockedBy' in dilutable) return null;
  const numbers = new Map(tree.map((piece) => [piece.id, piece.number]));
  return dilutable.pieces.map((piece) => ({
    id: piece.id,
    number: numbers.get(piece.id) ?? null,
    holderId: piece.holderId,
    amount: piece.amountFen,
    bankId: piece.financing?.bankId ?? null,
    applicantId: piece.financing?.applicantId ?? null,
  }));
}

builder.objectFields(InvoiceNode, (t) => ({
  creditedAmount: t.expose('creditedAmount', {
    type: 'Fen',
    description: 'The total of the credit notes its buyer accepted: the buyer owes `amount` less this.',
  }),
  creditNotes: t.field({
    type: [CreditNoteNode],
    description: 'Its credit notes, newest first (seller and buyer only).',
    resolve: (row, _args, ctx) =>
      readVisible(ctx.db, ctx.user, 'creditNote', {
        where: [Prisma.sql`"invoice_id" = ${row.id}`],
        orderBy: Prisma.sql`"created_at" DESC, "id"`,
      }),
  }),
  dilutablePieces: t.field({
    type: [DilutablePieceNode],
    nullable: true,
    description:
      'For its buyer: the open pieces of its voucher tree a credit note would dilute (empty without a ' +
      'voucher). Null for anyone else, or while a piece of the seller is applied for financing or disputed.',
    resolve: (row, _args, ctx) => dilutablePiecesOf(ctx, row),
  }),
}));

builder.objectFields(VoucherNode, (t) => ({
  dilutedAmount: t.expose('dilutedAmount', {
    type: 'Fen',
    nullable: true,
    description:
      'What an accepted credit note took off this piece (its amount never changes: a piece taken down in ' +
      'part splits into the rest and a WRITTEN_OFF piece of the amount taken). Null: not diluted.',
  }),
  dilutionNoteId: t.exposeID('dilutionNoteId', { nullable: true }),
}));

builder.objectField(ApprovalNode, 'creditNote', (t) =>
  t.field({
    type: CreditNoteNode,
    nullable: true,
    description: 'The credit note an ACCEPT_CREDIT_NOTE would accept.',
    resolve: (row, _args, ctx) => {
      const args = row.args as Record<string, unknown> | null;
      const id = typeof args?.creditNoteId === 'string' ? args.creditNoteId : '';
      return id ? visibleRow(ctx, 'creditNote', id) : null;
    },
  }),
);

builder.queryFields((t) => ({
  creditNotes: t.field({
    type: [CreditNoteNode],
    description:
      'Credit notes the caller’s enterprise is seller or buyer of, newest first (at most 100); of one invoice when given.',
    authScopes: { loggedIn: true },
    args: { invoiceId: t.arg.id() },
    resolve: (_root, args, ctx) =>
      readVisible(ctx.db, ctx.user, 'creditNote', {
        where: args.invoiceId ? [Prisma.sql`"invoice_id" = ${args.invoiceId}`] : [],
        orderBy: Prisma.sql`"created_at" DESC, "id"`,
        limit: 100,
      }),
  }),
  dilutionClaims: t.field({
    type: [DilutionClaimNode],
    description:
      'Claims on a seller the caller’s enterprise is creditor or debtor of, newest first (at most 100).',
    authScopes: { loggedIn: true },
    resolve: (_root, _args, ctx) =>
      readVisible(ctx.db, ctx.user, 'dilutionClaim', {
        orderBy: Prisma.sql`"created_at" DESC, "id"`,
        limit: 100,
      }),
  }),
}));
