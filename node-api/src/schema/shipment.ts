import { ShipmentStatuses } from '@scf/ledger-contract';
import type { Shipment } from '../db/generated/client.ts';
import { ENTITY_KINDS } from '../read-model/entity-kinds.ts';
import { builder } from './builder.ts';
import { TOTAL_COUNT, visibleConnection } from './connection.ts';
import { enterpriseNamed, EnterpriseNode } from './enterprise.ts';
import { member, ShipmentStatusEnum } from './enums.ts';
import { equals, ilike, oneOf, search } from './filters.ts';
import { InvoiceNode } from './invoice.ts';
import { visibleRow } from './loaders.ts';
import { ordering } from './ordering.ts';
import { LedgerProof } from './proof.ts';

/** Goods moving for an invoice: visible to the carrier and to the invoice's seller and buyer. */
export const ShipmentNode = builder.objectRef<Shipment>(ENTITY_KINDS.shipment.graphqlType);

ShipmentNode.implement({
  description: 'Goods picked up for an invoice by a logistics company, and their delivery.',
  fields: (t) => ({
    id: t.exposeID('id'),
    invoiceId: t.exposeID('invoiceId'),
    invoice: t.field({
      type: InvoiceNode,
      nullable: true,
      description: 'Null for the carrier: an invoice is its seller’s and buyer’s business.',
      resolve: (row, _args, ctx) => visibleRow(ctx, 'invoice', row.invoiceId),
    }),
    logisticsId: t.exposeID('logisticsId'),
    logistics: t.field({
      type: EnterpriseNode,
      resolve: (row, _args, ctx) => enterpriseNamed(ctx, row.logisticsId),
    }),
    waybillNumber: t.exposeString('waybillNumber'),
    origin: t.exposeString('origin'),
    destination: t.exposeString('destination'),
    documentHash: t.exposeString('documentHash', { description: 'SHA-256 of the pickup document.' }),
    status: t.field({ type: ShipmentStatusEnum, resolve: (row) => member(ShipmentStatuses, row.status) }),
    pickedUpAt: t.expose('pickedUpAt', { type: 'DateTime' }),
    deliveredAt: t.expose('deliveredAt', { type: 'DateTime', nullable: true }),
    deliveryDocumentHash: t.exposeString('deliveryDocumentHash', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    proof: t.field({ type: LedgerProof, resolve: (row) => row }),
  }),
});

const ShipmentFilter = builder.inputType('ShipmentFilter', {
  fields: (t) => ({
    statuses: t.field({ type: [ShipmentStatusEnum] }),
    invoiceId: t.id(),
    logisticsId: t.id(),
    search: t.string({ description: 'Part of the waybill number, origin or destination.' }),
  }),
});

const order = ordering(
  'Shipment',
  { PICKED_UP_AT: 'picked_up_at', CREATED_AT: 'created_at', WAYBILL_NUMBER: 'waybill_number' },
  { field: 'PICKED_UP_AT', direction: 'DESC' },
);

builder.queryFields((t) => ({
  shipment: t.field({
    type: ShipmentNode,
    nullable: true,
    description: 'A shipment by id; null when there is none or it is not your enterprise’s to see.',
    authScopes: { loggedIn: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => visibleRow(ctx, 'shipment', args.id),
  }),
  shipments: t.connection(
    {
      type: ShipmentNode,
      description:
        'Shipments your enterprise carries, or of invoices it sold or bought; latest pickup first.',
      authScopes: { loggedIn: true },
      args: { filter: t.arg({ type: ShipmentFilter }), orderBy: t.arg({ type: order.input }) },
      resolve: (_root, args, ctx) => {
        const filter = args.filter;
        return visibleConnection(ctx, 'shipment', args, {
          where: [
            ...oneOf('status', filter?.statuses),
            ...equals('invoice_id', filter?.invoiceId),
            ...equals('logistics_id', filter?.logisticsId),
            ...search(filter?.search, (pattern) => [
              ilike('waybill_number', pattern),
              ilike('origin', pattern),
              ilike('destination', pattern),
            ]),
          ],
          orderBy: order.toSql(args.orderBy),
        });
      },
    },
    {
      name: 'ShipmentConnection',
      fields: (c) => ({
        totalCount: c.int({ description: TOTAL_COUNT, resolve: (connection) => connection.totalCount() }),
      }),
    },
    { name: 'ShipmentEdge' },
  ),
}));
