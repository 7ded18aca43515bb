import { FinancingStatuses } from '@scf/ledger-contract';
import type { Financing } from '../db/generated/client.ts';
import { ENTITY_KINDS } from '../read-model/entity-kinds.ts';
import { builder } from './builder.ts';
import { TOTAL_COUNT, visibleConnection } from './connection.ts';
import { enterpriseNamed, EnterpriseNode } from './enterprise.ts';
import { FinancingStatusEnum, member } from './enums.ts';
import { DayRange, equals, FenRange, inDays, inFen, isSet, oneOf } from './filters.ts';
import { termsOf, visibleRow } from './loaders.ts';
import { OfferTermsNode } from './offer-terms.ts';
import { ordering } from './ordering.ts';
import { LedgerProof } from './proof.ts';
import { BuyBackNode, buyBackOf, RecourseDemandNode, recourseDemandOf } from './recourse.ts';
import { AssignmentNoticeNode, FinancingRegistrationNode, noticeOf, registrationOf } from './registration.ts';
import { VoucherNode } from './voucher.ts';
import { WarehouseReceiptNode } from './warehouse-receipt.ts';

/** A financing of a voucher or a warehouse receipt at one bank: visible to applicant, bank and debtor. */
export const FinancingNode = builder.objectRef<Financing>(ENTITY_KINDS.financing.graphqlType);

FinancingNode.implement({
  description:
    'An application for financing at one bank, on a voucher or a pledged warehouse receipt, and how it went.',
  fields: (t) => ({
    id: t.exposeID('id'),
    voucherId: t.exposeID('voucherId', { nullable: true, description: 'Null for a warehouse receipt’s.' }),
    voucher: t.field({
      type: VoucherNode,
      nullable: true,
      description: 'The financed voucher, if you may see it (its holder, debtor, or the bank).',
      resolve: (row, _args, ctx) =>
        row.voucherId === null ? null : visibleRow(ctx, 'voucher', row.voucherId),
    }),
    receiptId: t.exposeID('receiptId', {
      nullable: true,
      description: 'The pledged warehouse receipt, if that is the asset.',
    }),
    receipt: t.field({
      type: WarehouseReceiptNode,
      nullable: true,
      description: 'The pledged warehouse receipt, if you may see it (its keeper, owner, or the bank).',
      resolve: (row, _args, ctx) =>
        row.receiptId === null ? null : visibleRow(ctx, 'warehouseReceipt', row.receiptId),
    }),
    applicantId: t.exposeID('applicantId'),
    applicant: t.field({
      type: EnterpriseNode,
      resolve: (row, _args, ctx) => enterpriseNamed(ctx, row.applicantId),
    }),
    bankId: t.exposeID('bankId'),
    bank: t.field({ type: EnterpriseNode, resolve: (row, _args, ctx) => enterpriseNamed(ctx, row.bankId) }),
    debtorId: t.exposeID('debtorId'),
    debtor: t.field({
      type: EnterpriseNode,
      resolve: (row, _args, ctx) => enterpriseNamed(ctx, row.debtorId),
    }),
    amount: t.expose('amount', {
      type: 'Fen',
      description: 'The voucher’s face amount, or what the receipt’s owner asked to borrow.',
    }),
    maturityDate: t.expose('maturityDate', { type: 'Date' }),
    status: t.field({ type: FinancingStatusEnum, resolve: (row) => member(FinancingStatuses, row.status) }),
    termsHash: t.exposeString('termsHash', { nullable: true, description: 'SHA-256 of the private terms.' }),
    offerValidUntil: t.expose('offerValidUntil', { type: 'Date', nullable: true }),
    terms: t.field({
      type: OfferTermsNode,
      nullable: true,
      description: 'The offer terms: only for the bank and the applicant, and only once offered.',
      resolve: (row, _args, ctx) => termsOf(ctx, row),
    }),
    recourse: t.boolean({
      nullable: true,
      description:
        'Offered with recourse (an overdue voucher may be put back to the applicant) or without (the ' +
        'bank bears the default): part of the private terms, so only for the bank and the applicant.',
      resolve: async (row, _args, ctx) => (await termsOf(ctx, row))?.recourse ?? null,
    }),
    recourseDemand: t.field({
      type: RecourseDemandNode,
      nullable: true,
      description: 'The bank’s demand that the applicant buy the overdue voucher back, once made.',
      resolve: recourseDemandOf,
    }),
    buyBack: t.field({
      type: BuyBackNode,
      nullable: true,
      description: 'The buy-back the bank recorded (status BOUGHT_BACK).',
      resolve: buyBackOf,
    }),
    paymentReference: t.exposeString('paymentReference', { nullable: true }),
    rejectionReason: t.exposeString('rejectionReason', { nullable: true }),
    repaymentReference: t.exposeString('repaymentReference', {
      nullable: true,
      description: 'A receipt financing’s repayment, as its bank recorded it.',
    }),
    repaidAt: t.expose('repaidAt', { type: 'DateTime', nullable: true }),
    registration: t.field({
      type: FinancingRegistrationNode,
      nullable: true,
      description: 'The bank’s registration of the receivable at the registry: set at disbursement.',
      resolve: registrationOf,
    }),
    assignmentNotice: t.field({
      type: AssignmentNoticeNode,
      nullable: true,
      description: 'The notice of assignment to the debtor, recorded with the disbursement.',
      resolve: noticeOf,
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was applied for.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    proof: t.field({ type: LedgerProof, resolve: (row) => row }),
  }),
});

const FinancingFilter = builder.inputType('FinancingFilter', {
  fields: (t) => ({
    statuses: t.field({ type: [FinancingStatusEnum] }),
    applicantId: t.id(),
    bankId: t.id(),
    debtorId: t.id(),
    voucherId: t.id(),
    receiptId: t.id(),
    maturityDate: t.field({ type: DayRange }),
    amount: t.field({ type: FenRange }),
    noticed: t.boolean({
      description: 'Only financings whose debtor was noticed of the assignment (true), or not yet (false).',
    }),
  }),
});

const order = ordering(
  'Financing',
  { CREATED_AT: 'created_at', UPDATED_AT: 'updated_at', MATURITY_DATE: 'maturity_date', AMOUNT: 'amount' },
  { field: 'CREATED_AT', direction: 'DESC' },
);

builder.queryFields((t) => ({
  financing: t.field({
    type: FinancingNode,
    nullable: true,
    description: 'A financing by id; null when there is none or your enterprise is not party to it.',
    authScopes: { loggedIn: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => visibleRow(ctx, 'financing', args.id),
  }),
  financings: t.connection(
    {
      type: FinancingNode,
      description: 'Financings your enterprise applied for, is the bank of, or owes; newest first.',
      authScopes: { loggedIn: true },
      args: { filter: t.arg({ type: FinancingFilter }), orderBy: t.arg({ type: order.input }) },
      resolve: (_root, args, ctx) => {
        const filter = args.filter;
        return visibleConnection(ctx, 'financing', args, {
          where: [
            ...oneOf('status', filter?.statuses),
            ...equals('applicant_id', filter?.applicantId),
            ...equals('bank_id', filter?.bankId),
            ...equals('debtor_id', filter?.debtorId),
            ...equals('voucher_id', filter?.voucherId),
            ...equals('receipt_id', filter?.receiptId),
            ...inDays('maturity_date', filter?.maturityDate),
            ...inFen('amount', filter?.amount),
            ...isSet('noticed_at', filter?.noticed),
          ],
          orderBy: order.toSql(args.orderBy),
        });
      },
    },
    {
      name: 'FinancingConnection',
      fields: (c) => ({
        totalCount: c.int({ description: TOTAL_COUNT, resolve: (connection) => connection.totalCount() }),
      }),
    },
    { name: 'FinancingEdge' },
  ),
}));
