import { CreditLineStatuses } from '@scf/ledger-contract';
import type { CreditLine } from '../db/generated/client.ts';
import { ENTITY_KINDS } from '../read-model/entity-kinds.ts';
import { builder } from './builder.ts';
import { TOTAL_COUNT, visibleConnection } from './connection.ts';
import { availableOf } from './dashboard/credit-usage.ts';
import { enterpriseNamed, EnterpriseNode } from './enterprise.ts';
import { CreditLineStatusEnum, member } from './enums.ts';
import { DayRange, equals, inDays, oneOf } from './filters.ts';
import { visibleRow } from './loaders.ts';
import { ordering } from './ordering.ts';
import { LedgerProof } from './proof.ts';

/** A bank's limit for financing one debtor's vouchers: visible to that bank and that debtor. */
export const CreditLineNode = builder.objectRef<CreditLine>(ENTITY_KINDS.creditline.graphqlType);

CreditLineNode.implement({
  description: 'A bank’s limit (授信) for financing vouchers of one debtor.',
  fields: (t) => ({
    id: t.exposeID('id'),
    bankId: t.exposeID('bankId'),
    bank: t.field({ type: EnterpriseNode, resolve: (row, _args, ctx) => enterpriseNamed(ctx, row.bankId) }),
    debtorId: t.exposeID('debtorId'),
    debtor: t.field({
      type: EnterpriseNode,
      resolve: (row, _args, ctx) => enterpriseNamed(ctx, row.debtorId),
    }),
    limit: t.expose('limit', { type: 'Fen' }),
    used: t.expose('used', { type: 'Fen', description: 'Face amount of disbursed, unsettled financings.' }),
    available: t.field({ type: 'Fen', resolve: availableOf }),
    expiryDate: t.expose('expiryDate', { type: 'Date' }),
    status: t.field({ type: CreditLineStatusEnum, resolve: (row) => member(CreditLineStatuses, row.status) }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    proof: t.field({ type: LedgerProof, resolve: (row) => row }),
  }),
});

const CreditLineFilter = builder.inputType('CreditLineFilter', {
  fields: (t) => ({
    statuses: t.field({ type: [CreditLineStatusEnum] }),
    bankId: t.id(),
    debtorId: t.id(),
    expiryDate: t.field({ type: DayRange }),
  }),
});

const order = ordering(
  'CreditLine',
  { EXPIRY_DATE: 'expiry_date', LIMIT: 'limit', USED: 'used', CREATED_AT: 'created_at' },
  { field: 'EXPIRY_DATE', direction: 'ASC' },
);

builder.queryFields((t) => ({
  creditLine: t.field({
    type: CreditLineNode,
    nullable: true,
    description:
      'A credit line by id (`bankId:debtorId`); null unless your enterprise is its bank or debtor.',
    authScopes: { loggedIn: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => visibleRow(ctx, 'creditLine', args.id),
  }),
  creditLines: t.connection(
    {
      type: CreditLineNode,
      description: 'Credit lines your enterprise granted or was granted; soonest expiry first.',
      authScopes: { loggedIn: true },
      args: { filter: t.arg({ type: CreditLineFilter }), orderBy: t.arg({ type: order.input }) },
      resolve: (_root, args, ctx) => {
        const filter = args.filter;
        return visibleConnection(ctx, 'creditLine', args, {
          where: [
            ...oneOf('status', filter?.statuses),
            ...equals('bank_id', filter?.bankId),
            ...equals('debtor_id', filter?.debtorId),
            ...inDays('expiry_date', filter?.expiryDate),
          ],
          orderBy: order.toSql(args.orderBy),
        });
      },
    },
    {
      name: 'CreditLineConnection',
      fields: (c) => ({
        totalCount: c.int({ description: TOTAL_COUNT, resolve: (connection) => connection.totalCount() }),
      }),
    },
    { name: 'CreditLineEdge' },
  ),
}));
