import { QuoteRequestStatuses } from '@scf/ledger-contract';
import type { QuoteRequest } from '../db/generated/client.ts';
import { Prisma } from '../db/generated/client.ts';
import { ENTITY_KINDS } from '../read-model/entity-kinds.ts';
import { builder } from './builder.ts';
import { enterpriseNamed, EnterpriseNode } from './enterprise.ts';
import { member } from './enums.ts';
import { FinancingNode } from './financing.ts';
import { visibleRow } from './loaders.ts';
import { LedgerProof } from './proof.ts';
import { readVisible } from './read-rows.ts';
import { VoucherNode } from './voucher.ts';

export const QuoteRequestStatusEnum = builder.enumType('QuoteRequestStatus', {
  values: QuoteRequestStatuses,
});

/**
 * A holder's request for quotes. Its applicant sees every bank's financing of it; a bank asked sees the
 * request through its own financing only, never which other banks were asked nor how they answered.
 */
export const QuoteRequestNode = builder.objectRef<QuoteRequest>(ENTITY_KINDS.quoterequest.graphqlType);

QuoteRequestNode.implement({
  description:
    'One voucher put to several banks at once for competing offers; accepting one lapses the others.',
  fields: (t) => ({
    id: t.exposeID('id'),
    voucherId: t.exposeID('voucherId'),
    voucher: t.field({
      type: VoucherNode,
      nullable: true,
      resolve: (row, _args, ctx) => visibleRow(ctx, 'voucher', row.voucherId),
    }),
    applicantId: t.exposeID('applicantId'),
    applicant: t.field({
      type: EnterpriseNode,
      resolve: (row, _args, ctx) => enterpriseNamed(ctx, row.applicantId),
    }),
    debtorId: t.exposeID('debtorId'),
    debtor: t.field({
      type: EnterpriseNode,
      resolve: (row, _args, ctx) => enterpriseNamed(ctx, row.debtorId),
    }),
    amount: t.expose('amount', { type: 'Fen', description: 'The voucher’s face amount.' }),
    maturityDate: t.expose('maturityDate', { type: 'Date' }),
    validUntil: t.expose('validUntil', {
      type: 'Date',
      description: 'The last business date on which banks may offer and the applicant may accept.',
    }),
    status: t.field({
      type: QuoteRequestStatusEnum,
      resolve: (row) => member(QuoteRequestStatuses, row.status),
    }),
    offers: t.field({
      type: [FinancingNode],
      description:
        'The financings of the request you may see, by bank: for the applicant every bank’s, with its ' +
        'terms once offered; for a bank its own only.',
      resolve: (row, _args, ctx) =>
        readVisible(ctx.db, ctx.user, 'financing', {
          where: [Prisma.sql`"quote_request_id" = ${row.id}`],
          orderBy: Prisma.sql`"bank_id", "id"`,
        }),
    }),
    acceptedFinancing: t.field({
      type: FinancingNode,
      nullable: true,
      description: 'The offer the applicant accepted: shown to a bank only when it is its own.',
      resolve: (row, _args, ctx) =>
        row.acceptedFinancingId === null ? null : visibleRow(ctx, 'financing', row.acceptedFinancingId),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    proof: t.field({ type: LedgerProof, resolve: (row) => row }),
  }),
});

builder.queryFields((t) => ({
  quoteRequest: t.field({
    type: QuoteRequestNode,
    nullable: true,
    description: 'A request for quotes by id; null unless you applied with it or are a bank asked.',
    authScopes: { loggedIn: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => visibleRow(ctx, 'quoteRequest', args.id),
  }),
}));

builder.objectField(FinancingNode, 'quoteRequest', (t) =>
  t.field({
    type: QuoteRequestNode,
    nullable: true,
    description: 'The request for quotes this financing answers, if any and if you may see it.',
    resolve: (row, _args, ctx) =>
      row.quoteRequestId ? visibleRow(ctx, 'quoteRequest', row.quoteRequestId) : null,
  }),
);

builder.objectField(VoucherNode, 'quoteRequest', (t) =>
  t.field({
    type: QuoteRequestNode,
    nullable: true,
    description: 'The open request for quotes the voucher is locked to, if you may see it.',
    resolve: (row, _args, ctx) =>
      row.quoteRequestId ? visibleRow(ctx, 'quoteRequest', row.quoteRequestId) : null,
  }),
);
