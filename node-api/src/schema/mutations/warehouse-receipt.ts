import { INT_RANGES } from '@scf/ledger-contract';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { FinancingNode } from '../financing.ts';
import { WarehouseReceiptNode } from '../warehouse-receipt.ts';
import { CREDIT_CODE, TEXT } from './limits.ts';
import { nodePayload } from './payload.ts';
import { submitAs, withNode } from './submit.ts';

const Payload = nodePayload('WarehouseReceipt', 'warehouseReceipt', WarehouseReceiptNode);
const FinancingPayload = nodePayload('PledgeReceipt', 'financing', FinancingNode);
const OWNER_APPROVER = { $all: { roles: ['approver', 'admin'], kinds: ['SUPPLIER', 'CORE'] } } as const;
const BANK_APPROVER = { $all: { roles: ['approver', 'admin'], kinds: ['BANK'] } } as const;

const load = (ctx: Context, id: string) => ctx.db.warehouseReceipt.findUnique({ where: { id } });

const IssueReceiptInput = builder.inputType('IssueReceiptInput', {
  fields: (t) => ({
    number: t.string({ required: true, validate: TEXT.documentNumber }),
    ownerId: t.string({ required: true, validate: CREDIT_CODE }),
    goods: t.string({ required: true, validate: TEXT.goods }),
    quantity: t.int({ required: true, validate: INT_RANGES.receiptQuantity }),
    unit: t.string({ required: true, validate: TEXT.unit }),
    location: t.string({ required: true, validate: TEXT.place }),
    inspectionDocSha256: t.string({ required: true, validate: TEXT.sha256 }),
  }),
});

builder.mutationFields((t) => ({
  issueReceipt: t.field({
    type: Payload,
    description: 'The logistics keeper issues a warehouse receipt for goods it holds for their owner.',
    authScopes: { kinds: ['LOGISTICS'] },
    ledgerWrite: true,
    args: { input: t.arg({ type: IssueReceiptInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { inspectionDocSha256, ...rest } = input;
      const done = await submitAs(ctx, (ledger) =>
        ledger.warehouse.Issue({ ...rest, inspectionDocHash: inspectionDocSha256 }),
      );
      return withNode(done, () => load(ctx, done.value.id));
    },
  }),
  transferReceipt: t.field({
    type: Payload,
    description: 'The owner’s approver passes an unpledged receipt to another supplier or core enterprise.',
    authScopes: OWNER_APPROVER,
    ledgerWrite: true,
    args: {
      id: t.arg.id({ required: true }),
      toOwnerId: t.arg.string({ required: true, validate: CREDIT_CODE }),
    },
    resolve: async (_root, args, ctx) => {
      const id = args.id;
      const done = await submitAs(ctx, (ledger) =>
        ledger.warehouse.Transfer({ receiptId: id, toOwnerId: args.toOwnerId }),
      );
      return withNode(done, () => load(ctx, id));
    },
  }),
  pledgeReceipt: t.field({
    type: FinancingPayload,
    description:
      'The owner applies to a bank on its receipt: a financing the bank offers on, accepted and disbursed as a voucher’s.',
    authScopes: { kinds: ['SUPPLIER', 'CORE'] },
    ledgerWrite: true,
    args: {
      id: t.arg.id({ required: true }),
      bankId: t.arg.string({ required: true, validate: TEXT.id }),
      amount: t.arg({ type: 'Fen', required: true }),
      maturityDate: t.arg({ type: 'Date', required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const done = await submitAs(ctx, (ledger) =>
        ledger.warehouse.Pledge({
          receiptId: args.id,
          bankId: args.bankId,
          amount: args.amount.toString(),
          maturityDate: args.maturityDate,
        }),
      );
      return withNode(done, () => ctx.db.financing.findUnique({ where: { id: done.value.id } }));
    },
  }),
  consentReceiptRelease: t.field({
    type: Payload,
    description: 'The pledgee bank’s approver consents to release the goods while its financing is open.',
    authScopes: BANK_APPROVER,
    ledgerWrite: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = args.id;
      return withNode(
        await submitAs(ctx, (ledger) => ledger.warehouse.ConsentRelease({ receiptId: id })),
        () => load(ctx, id),
      );
    },
  }),
  requestReceiptRelease: t.field({
    type: Payload,
    description:
      'The owner’s approver asks for its goods (RELEASE_CONSENT_REQUIRED while pledged without consent).',
    authScopes: OWNER_APPROVER,
    ledgerWrite: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = args.id;
      return withNode(
        await submitAs(ctx, (ledger) => ledger.warehouse.RequestRelease({ receiptId: id })),
        () => load(ctx, id),
      );
    },
  }),
  confirmGoodsOut: t.field({
    type: Payload,
    description: 'The keeper confirms the goods of a receipt whose release was requested went out.',
    authScopes: { kinds: ['LOGISTICS'] },
    ledgerWrite: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = args.id;
      return withNode(await submitAs(ctx, (ledger) => ledger.warehouse.ConfirmOut({ receiptId: id })), () =>
        load(ctx, id),
      );
    },
  }),
  recordReceiptRepayment: t.field({
    type: FinancingPayload,
    description:
      'The bank’s approver records that the owner repaid a receipt financing: SETTLED, the receipt free.',
    authScopes: BANK_APPROVER,
    ledgerWrite: true,
    args: {
      financingId: t.arg.id({ required: true }),
      paymentReference: t.arg.string({ required: true, validate: TEXT.paymentReference }),
    },
    resolve: async (_root, args, ctx) => {
      const financingId = args.financingId;
      const done = await submitAs(ctx, (ledger) =>
        ledger.warehouse.Repay({ financingId, paymentReference: args.paymentReference }),
      );
      return withNode(done, () => ctx.db.financing.findUnique({ where: { id: financingId } }));
    },
  }),
}));
