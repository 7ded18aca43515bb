import { daysBetween, InvoiceStatuses, SME_PAYMENT_DAYS } from '@scf/ledger-contract';
import type { Invoice } from '../db/generated/client.ts';
import { ENTITY_KINDS } from '../read-model/entity-kinds.ts';
import { builder } from './builder.ts';
import { TOTAL_COUNT, visibleConnection } from './connection.ts';
import { enterpriseNamed, EnterpriseNode } from './enterprise.ts';
import { InvoiceStatusEnum, member } from './enums.ts';
import {
  DayRange,
  equals,
  FenRange,
  ilike,
  inDays,
  inFen,
  isTrue,
  oneOf,
  partyNamed,
  search,
} from './filters.ts';
import { shipmentsOfInvoice, visibleRow } from './loaders.ts';
import { ordering } from './ordering.ts';
import { LedgerProof } from './proof.ts';
import { ShipmentNode } from './shipment.ts';
import { VoucherNode } from './voucher.ts';

/** A read-model day (midnight UTC) as the ledger's YYYY-MM-DD. */
const isoDay = (date: Date): string => date.toISOString().slice(0, 10);

/** A trade invoice from a supplier to its buyer: visible to those two only. */
export const InvoiceNode = builder.objectRef<Invoice>(ENTITY_KINDS.invoice.graphqlType);

InvoiceNode.implement({
  description: 'A trade invoice; its confirmation by the buyer issues the root voucher.',
  fields: (t) => ({
    id: t.exposeID('id'),
    number: t.exposeString('number'),
    sellerId: t.exposeID('sellerId'),
    seller: t.field({
      type: EnterpriseNode,
      resolve: (row, _args, ctx) => enterpriseNamed(ctx, row.sellerId),
    }),
    buyerId: t.exposeID('buyerId'),
    buyer: t.field({ type: EnterpriseNode, resolve: (row, _args, ctx) => enterpriseNamed(ctx, row.buyerId) }),
    amount: t.expose('amount', { type: 'Fen' }),
    paidAmount: t.expose('paidAmount', {
      type: 'Fen',
      description: 'Paid so far with voucher pieces transferred against this invoice.',
    }),
    unpaidAmount: t.field({
      type: 'Fen',
      description: 'Amount less accepted credit notes and less what was paid on it with voucher pieces.',
      resolve: (row) => row.amount - row.creditedAmount - row.paidAmount,
    }),
    currency: t.exposeString('currency'),
    issueDate: t.expose('issueDate', { type: 'Date' }),
    dueDate: t.expose('dueDate', { type: 'Date' }),
    documentHash: t.exposeString('documentHash', { description: 'SHA-256 of the invoice document.' }),
    purchaseOrderNumber: t.exposeString('purchaseOrderNumber', { nullable: true }),
    status: t.field({ type: InvoiceStatusEnum, resolve: (row) => member(InvoiceStatuses, row.status) }),
    deliveryWaived: t.exposeBoolean('deliveryWaived', {
      description: 'The buyer confirmed without a confirmed delivery.',
    }),
    rejectionReason: t.exposeString('rejectionReason', { nullable: true }),
    deliveredOn: t.expose('deliveredOn', {
      type: 'Date',
      nullable: true,
      description: 'The business date of the first delivery a carrier confirmed.',
    }),
    paymentTermDays: t.int({
      description:
        'Days from delivery to the due date; before a delivery is confirmed, from the issue date (an ' +
        'invoice is issued on or after delivery, so this is never shorter than the real term).',
      resolve: (row) => daysBetween(isoDay(row.deliveredOn ?? row.issueDate), isoDay(row.dueDate)),
    }),
    paymentTermExceeded: t.exposeBoolean('paymentTermExceeded', {
      description:
        `A core enterprise owes a supplier more than ${String(SME_PAYMENT_DAYS)} days after delivery ` +
        '(保障中小企业款项支付条例 Art. 9); recounted from the delivery once it is confirmed. Always ' +
        'false between other kinds of enterprise.',
    }),
    voucherId: t.exposeID('voucherId', { nullable: true }),
    voucher: t.field({
      type: VoucherNode,
      nullable: true,
      description: 'The root voucher its confirmation issued, if you may see it.',
      resolve: (row, _args, ctx) => (row.voucherId ? visibleRow(ctx, 'voucher', row.voucherId) : null),
    }),
    shipments: t.field({
      type: [ShipmentNode],
      resolve: (row, _args, ctx) => shipmentsOfInvoice(ctx, row.id),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was registered.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    proof: t.field({ type: LedgerProof, resolve: (row) => row }),
  }),
});

const InvoiceFilter = builder.inputType('InvoiceFilter', {
  fields: (t) => ({
    statuses: t.field({ type: [InvoiceStatusEnum] }),
    sellerId: t.id(),
    buyerId: t.id(),
    issueDate: t.field({ type: DayRange }),
    dueDate: t.field({ type: DayRange }),
    amount: t.field({ type: FenRange }),
    paymentTermExceeded: t.boolean({
      description: 'Only invoices whose Art. 9 payment term is over 60 days (true), or only others (false).',
    }),
    search: t.string({
      description: 'Part of the invoice or purchase order number, or of the seller or buyer name.',
    }),
  }),
});

const order = ordering(
  'Invoice',
  {
    CREATED_AT: 'created_at',
    ISSUE_DATE: 'issue_date',
    DUE_DATE: 'due_date',
    AMOUNT: 'amount',
    NUMBER: 'number',
  },
  { field: 'CREATED_AT', direction: 'DESC' },
);

builder.queryFields((t) => ({
  invoice: t.field({
    type: InvoiceNode,
    nullable: true,
    description:
      'An invoice by id; null when there is none or your enterprise is neither its seller nor buyer.',
    authScopes: { loggedIn: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => visibleRow(ctx, 'invoice', args.id),
  }),
  invoices: t.connection(
    {
      type: InvoiceNode,
      description: 'Invoices your enterprise sold or bought; newest first unless ordered otherwise.',
      authScopes: { loggedIn: true },
      args: { filter: t.arg({ type: InvoiceFilter }), orderBy: t.arg({ type: order.input }) },
      resolve: (_root, args, ctx) => {
        const filter = args.filter;
        return visibleConnection(ctx, 'invoice', args, {
          where: [
            ...oneOf('status', filter?.statuses),
            ...equals('seller_id', filter?.sellerId),
            ...equals('buyer_id', filter?.buyerId),
            ...inDays('issue_date', filter?.issueDate),
            ...inDays('due_date', filter?.dueDate),
            ...inFen('amount', filter?.amount),
            ...isTrue('payment_term_exceeded', filter?.paymentTermExceeded),
            ...search(filter?.search, (pattern) => [
              ilike('number', pattern),
              ilike('purchase_order_number', pattern),
              partyNamed(['seller_id', 'buyer_id'], pattern),
            ]),
          ],
          orderBy: order.toSql(args.orderBy),
        });
      },
    },
    {
      name: 'InvoiceConnection',
      fields: (c) => ({
        totalCount: c.int({ description: TOTAL_COUNT, resolve: (connection) => connection.totalCount() }),
      }),
    },
    { name: 'InvoiceEdge' },
  ),
}));
