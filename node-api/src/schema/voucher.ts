import { VoucherStatuses } from '@scf/ledger-contract';
import type { Voucher } from '../db/generated/client.ts';
import { ENTITY_KINDS } from '../read-model/entity-kinds.ts';
import { builder } from './builder.ts';
import { TOTAL_COUNT, visibleConnection } from './connection.ts';
import { enterpriseNamed, EnterpriseNode } from './enterprise.ts';
import { member, VoucherStatusEnum } from './enums.ts';
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
import { FinancingNode } from './financing.ts';
import { InvoiceNode } from './invoice.ts';
import { childrenOfVoucher, visibleRow } from './loaders.ts';
import { ordering } from './ordering.ts';
import { LedgerProof } from './proof.ts';
import { consentOf, TransferConsentNode } from './transfer-consent.ts';
import { lateInterestOf, LateInterestNode, LateInterestRateNode, rateOf } from './late-interest.ts';
import { disputeOf, PaymentDisputeNode } from './payment-dispute.ts';

/** A digital debt voucher: visible to its holder and its debtor (and a bank asked to finance it). */
export const VoucherNode = builder.objectRef<Voucher>(ENTITY_KINDS.voucher.graphqlType);

VoucherNode.implement({
  description:
    'A digital debt voucher: the debtor’s confirmed promise to pay its holder at maturity. Pieces split ' +
    'off it form a tree under the root voucher the debtor issued.',
  fields: (t) => ({
    id: t.exposeID('id'),
    number: t.exposeString('number', {
      nullable: true,
      description:
        'The voucher number people read (`H1K0-20261130-7K3Q9A`: issuer, business date, code), unique on ' +
        'the ledger; null on a voucher created before numbers existed (name it by its id then).',
    }),
    debtorId: t.exposeID('debtorId'),
    debtor: t.field({
      type: EnterpriseNode,
      resolve: (row, _args, ctx) => enterpriseNamed(ctx, row.debtorId),
    }),
    holderId: t.exposeID('holderId'),
    holder: t.field({
      type: EnterpriseNode,
      resolve: (row, _args, ctx) => enterpriseNamed(ctx, row.holderId),
    }),
    amount: t.expose('amount', { type: 'Fen' }),
    currency: t.exposeString('currency'),
    maturityDate: t.expose('maturityDate', { type: 'Date' }),
    tier: t.exposeInt('tier', {
      description: '0 for the root, which the debtor issued to its tier-1 supplier.',
    }),
    status: t.field({ type: VoucherStatusEnum, resolve: (row) => member(VoucherStatuses, row.status) }),
    rootId: t.exposeID('rootId'),
    root: t.field({
      type: VoucherNode,
      nullable: true,
      description: 'The root of its tree (itself for a root), if you may see it.',
      resolve: (row, _args, ctx) => visibleRow(ctx, 'voucher', row.rootId),
    }),
    parentId: t.exposeID('parentId', { nullable: true }),
    parent: t.field({
      type: VoucherNode,
      nullable: true,
      description: 'The voucher it was split from, if any and if you may see it.',
      resolve: (row, _args, ctx) => (row.parentId ? visibleRow(ctx, 'voucher', row.parentId) : null),
    }),
    children: t.field({
      type: [VoucherNode],
      description: 'The pieces it was split into that you may see.',
      resolve: (row, _args, ctx) => childrenOfVoucher(ctx, row.id),
    }),
    invoiceId: t.exposeID('invoiceId'),
    invoice: t.field({
      type: InvoiceNode,
      nullable: true,
      description: 'The invoice confirmed (root) or paid with this piece (transfer), if you may see it.',
      resolve: (row, _args, ctx) => visibleRow(ctx, 'invoice', row.invoiceId),
    }),
    financingId: t.exposeID('financingId', { nullable: true }),
    financing: t.field({
      type: FinancingNode,
      nullable: true,
      description: 'Its open or last financing, if you may see it.',
      resolve: (row, _args, ctx) => (row.financingId ? visibleRow(ctx, 'financing', row.financingId) : null),
    }),
    paidTo: t.exposeID('paidTo', {
      nullable: true,
      description: 'The holder the debtor paid at settlement.',
    }),
    paymentReference: t.exposeString('paymentReference', { nullable: true }),
    paidAt: t.expose('paidAt', { type: 'DateTime', nullable: true }),
    longTerm: t.exposeBoolean('longTerm', {
      description:
        'Matures more than 6 months after the confirmation that issued it: allowed (银发〔2025〕77号 caps ' +
        'vouchers at one year, the ledger refuses more) but flagged, on the root and every piece of it.',
    }),
    consent: t.field({
      type: TransferConsentNode,
      nullable: true,
      description: 'For a piece transferred to another enterprise: that enterprise’s consent to take it.',
      resolve: (row) => consentOf(row),
    }),
    returnOfId: t.exposeID('returnOf', {
      nullable: true,
      description: 'This piece gave back to its sender the amount of that declined or withdrawn piece.',
    }),
    lateInterestRate: t.field({
      type: LateInterestRateNode,
      description: 'Fixed at confirmation (保障中小企业款项支付条例 Art. 17); every piece inherits it.',
      resolve: (row) => rateOf(row),
    }),
    lateInterest: t.field({
      type: LateInterestNode,
      nullable: true,
      description:
        'For its holder and its debtor: the late interest on a day (default today, China Standard Time), ' +
        '0 up to maturity; once settled, what was paid. Null for pieces that owe nothing themselves.',
      args: { asOf: t.arg({ type: 'Date' }) },
      resolve: (row, args, ctx) => lateInterestOf(ctx, row, args.asOf),
    }),
    dispute: t.field({
      type: PaymentDisputeNode,
      nullable: true,
      description: 'For the piece holding an amount its debtor disputes (Art. 15): the dispute.',
      resolve: (row) => disputeOf(row),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    proof: t.field({ type: LedgerProof, resolve: (row) => row }),
  }),
});

const VoucherFilter = builder.inputType('VoucherFilter', {
  fields: (t) => ({
    statuses: t.field({ type: [VoucherStatusEnum] }),
    holderId: t.id(),
    debtorId: t.id(),
    rootId: t.id(),
    invoiceId: t.id(),
    transferredFromId: t.id({
      description: 'Pieces this enterprise transferred (you see them while they wait and once returned).',
    }),
    longTerm: t.boolean({ description: 'Only long-term (true) or only other (false) vouchers.' }),
    maturityDate: t.field({ type: DayRange }),
    amount: t.field({ type: FenRange }),
    search: t.string({ description: 'Part of the voucher number, or of the holder’s or the debtor’s name.' }),
  }),
});

const order = ordering(
  'Voucher',
  { MATURITY_DATE: 'maturity_date', AMOUNT: 'amount', CREATED_AT: 'created_at', TIER: 'tier' },
  { field: 'MATURITY_DATE', direction: 'ASC' },
);

builder.queryFields((t) => ({
  voucher: t.field({
    type: VoucherNode,
    nullable: true,
    description: 'A voucher by id; null when there is none or it is not your enterprise’s to see.',
    authScopes: { loggedIn: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => visibleRow(ctx, 'voucher', args.id),
  }),
  vouchers: t.connection(
    {
      type: VoucherNode,
      description:
        'Vouchers your enterprise holds or owes (a bank: also those it was asked to finance); soonest maturity first.',
      authScopes: { loggedIn: true },
      args: { filter: t.arg({ type: VoucherFilter }), orderBy: t.arg({ type: order.input }) },
      resolve: (_root, args, ctx) => {
        const filter = args.filter;
        return visibleConnection(ctx, 'voucher', args, {
          where: [
            ...oneOf('status', filter?.statuses),
            ...equals('holder_id', filter?.holderId),
            ...equals('debtor_id', filter?.debtorId),
            ...equals('root_id', filter?.rootId),
            ...equals('invoice_id', filter?.invoiceId),
            ...equals('transferred_from', filter?.transferredFromId),
            ...isTrue('long_term', filter?.longTerm),
            ...inDays('maturity_date', filter?.maturityDate),
            ...inFen('amount', filter?.amount),
            ...search(filter?.search, (pattern) => [
              ilike('number', pattern),
              partyNamed(['holder_id', 'debtor_id'], pattern),
            ]),
          ],
          orderBy: order.toSql(args.orderBy),
        });
      },
    },
    {
      name: 'VoucherConnection',
      fields: (c) => ({
        totalCount: c.int({ description: TOTAL_COUNT, resolve: (connection) => connection.totalCount() }),
      }),
    },
    { name: 'VoucherEdge' },
  ),
}));
