import { WarehouseReceiptStatuses } from '@scf/ledger-contract';
import type { WarehouseReceipt } from '../db/generated/client.ts';
import { ENTITY_KINDS } from '../read-model/entity-kinds.ts';
import { builder } from './builder.ts';
import { TOTAL_COUNT, visibleConnection } from './connection.ts';
import { enterpriseNamed, EnterpriseNode } from './enterprise.ts';
import { member, WarehouseReceiptStatusEnum } from './enums.ts';
import { equals, ilike, oneOf, search } from './filters.ts';
import { visibleRow } from './loaders.ts';
import { ordering } from './ordering.ts';
import { LedgerProof } from './proof.ts';

/** An electronic warehouse receipt: visible to its keeper, its owner and the banks asked to finance it. */
export const WarehouseReceiptNode = builder.objectRef<WarehouseReceipt>(
  ENTITY_KINDS.warehousereceipt.graphqlType,
);

WarehouseReceiptNode.implement({
  description: 'An electronic warehouse receipt (仓单) a logistics keeper issued for goods it holds.',
  fields: (t) => ({
    id: t.exposeID('id'),
    number: t.exposeString('number', { description: 'The keeper’s own receipt number.' }),
    keeperId: t.exposeID('keeperId'),
    keeper: t.field({
      type: EnterpriseNode,
      resolve: (row, _args, ctx) => enterpriseNamed(ctx, row.keeperId),
    }),
    ownerId: t.exposeID('ownerId'),
    owner: t.field({ type: EnterpriseNode, resolve: (row, _args, ctx) => enterpriseNamed(ctx, row.ownerId) }),
    goods: t.exposeString('goods'),
    quantity: t.exposeInt('quantity', { description: 'Whole units of `unit`.' }),
    unit: t.exposeString('unit'),
    location: t.exposeString('location'),
    inspectionDocHash: t.exposeString('inspectionDocHash', {
      description: 'SHA-256 of the inspection document.',
    }),
    status: t.field({
      type: WarehouseReceiptStatusEnum,
      resolve: (row) => member(WarehouseReceiptStatuses, row.status),
    }),
    issuedAt: t.expose('issuedAt', { type: 'DateTime' }),
    financingId: t.exposeID('financingId', {
      nullable: true,
      description: 'The open financing the receipt is pledged for.',
    }),
    releaseConsentBy: t.exposeID('releaseConsentBy', {
      nullable: true,
      description: 'The pledgee bank that consented to the release while its financing was open.',
    }),
    releaseConsentAt: t.expose('releaseConsentAt', { type: 'DateTime', nullable: true }),
    releaseRequestedAt: t.expose('releaseRequestedAt', { type: 'DateTime', nullable: true }),
    releasedAt: t.expose('releasedAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    proof: t.field({ type: LedgerProof, resolve: (row) => row }),
  }),
});

const WarehouseReceiptFilter = builder.inputType('WarehouseReceiptFilter', {
  fields: (t) => ({
    statuses: t.field({ type: [WarehouseReceiptStatusEnum] }),
    keeperId: t.id(),
    ownerId: t.id(),
    search: t.string({ description: 'Part of the receipt number, goods or location.' }),
  }),
});

const order = ordering(
  'WarehouseReceipt',
  { ISSUED_AT: 'issued_at', UPDATED_AT: 'updated_at', NUMBER: 'number' },
  { field: 'ISSUED_AT', direction: 'DESC' },
);

builder.queryFields((t) => ({
  warehouseReceipt: t.field({
    type: WarehouseReceiptNode,
    nullable: true,
    description: 'A warehouse receipt by id; null when there is none or it is not your enterprise’s to see.',
    authScopes: { loggedIn: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => visibleRow(ctx, 'warehouseReceipt', args.id),
  }),
  warehouseReceipts: t.connection(
    {
      type: WarehouseReceiptNode,
      description:
        'Warehouse receipts your enterprise keeps or owns, or was asked to finance; latest issued first.',
      authScopes: { loggedIn: true },
      args: { filter: t.arg({ type: WarehouseReceiptFilter }), orderBy: t.arg({ type: order.input }) },
      resolve: (_root, args, ctx) => {
        const filter = args.filter;
        return visibleConnection(ctx, 'warehouseReceipt', args, {
          where: [
            ...oneOf('status', filter?.statuses),
            ...equals('keeper_id', filter?.keeperId),
            ...equals('owner_id', filter?.ownerId),
            ...search(filter?.search, (pattern) => [
              ilike('number', pattern),
              ilike('goods', pattern),
              ilike('location', pattern),
            ]),
          ],
          orderBy: order.toSql(args.orderBy),
        });
      },
    },
    {
      name: 'WarehouseReceiptConnection',
      fields: (c) => ({
        totalCount: c.int({ description: TOTAL_COUNT, resolve: (connection) => connection.totalCount() }),
      }),
    },
    { name: 'WarehouseReceiptEdge' },
  ),
}));
