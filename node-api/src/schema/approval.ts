import { type ApprovalAction, ApprovalStatuses } from '@scf/ledger-contract';
import { caIdentityName } from '../auth/prisma-user-directory.ts';
import { Prisma, type Approval } from '../db/generated/client.ts';
import { ENTITY_KINDS } from '../read-model/entity-kinds.ts';
import { builder } from './builder.ts';
import { TOTAL_COUNT, visibleConnection } from './connection.ts';
import type { Context } from './context.ts';
import { member } from './enums.ts';
import { FinancingNode } from './financing.ts';
import { InvoiceNode } from './invoice.ts';
import { visibleRow } from './loaders.ts';
import { LedgerProof } from './proof.ts';
import { VoucherNode } from './voucher.ts';

/** Each money-moving action as the API names it, and the ledger transaction it runs. */
export const APPROVAL_ACTIONS = {
  CONFIRM_INVOICE: 'invoice:Confirm',
  SPLIT_TRANSFER: 'voucher:SplitTransfer',
  OFFER: 'financing:Offer',
  DISBURSE: 'financing:Disburse',
  PAY_VOUCHER: 'settlement:Pay',
  PUBLISH_EARLY_PAYMENT_OFFER: 'earlypay:Publish',
  ACCEPT_CREDIT_NOTE: 'creditnote:Accept',
} as const satisfies Record<string, ApprovalAction>;

type ActionName = keyof typeof APPROVAL_ACTIONS;
const ACTION_NAMES = Object.keys(APPROVAL_ACTIONS) as ActionName[];

function actionName(action: string): ActionName {
  const name = ACTION_NAMES.find((key) => APPROVAL_ACTIONS[key] === action);
  if (!name) throw new Error(`approval action ${action} in the read model is unknown`);
  return name;
}

export const ApprovalActionEnum = builder.enumType('ApprovalAction', {
  description:
    'A money-moving action four eyes apply to: CONFIRM_INVOICE (issues a voucher), SPLIT_TRANSFER, ' +
    'OFFER (a bank prices a financing; its terms stay private), DISBURSE (a financing), PAY_VOUCHER, PUBLISH_EARLY_PAYMENT_OFFER (commits the budget), ' +
    'ACCEPT_CREDIT_NOTE (dilutes the invoice’s voucher).',
  values: ACTION_NAMES,
});

export const ApprovalStatusEnum = builder.enumType('ApprovalStatus', {
  description:
    'PENDING: waits for an approver. APPROVED: the action ran. REJECTED: an approver refused it. ' +
    'WITHDRAWN: its preparer took it back.',
  values: ApprovalStatuses,
});

/** The action's arguments by name, as the ledger holds them (strings). */
function argsOf(row: Approval): Record<string, string> {
  const value = row.args;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`approval ${row.id} has malformed args in the read model`);
  return Object.fromEntries(
    Object.entries(value).map(([name, arg]) => [name, typeof arg === 'string' ? arg : '']),
  );
}

const ApprovalArg = builder.objectRef<[string, string]>('ApprovalArgument').implement({
  description: 'One argument of a prepared action, as the ledger holds it.',
  fields: (t) => ({
    name: t.string({ resolve: ([name]) => name }),
    value: t.string({ resolve: ([, value]) => value }),
  }),
});

/** The CN of a certificate identity `x509::/…/CN=name::/…`: the CA identity the node enrolled. */
export function commonName(id: string): string {
  const subject = id.split('::')[1] ?? '';
  return /CN=([^/,]+)/.exec(subject)?.[1] ?? subject;
}

/**
 * The login behind a certificate identity: a user of the enterprise on this node (the only node
 * whose users act for it), or the certificate's CN for an identity the node did not enroll.
 */
async function loginOf(ctx: Context, enterpriseId: string, id: string | null): Promise<string | null> {
  if (id === null) return null;
  const name = commonName(id);
  const users = await ctx.db.user.findMany({ where: { enterpriseId }, select: { id: true, username: true } });
  return users.find((user) => caIdentityName(user.username, user.id) === name)?.username ?? name;
}

export const ApprovalNode = builder.objectRef<Approval>(ENTITY_KINDS.approval.graphqlType).implement({
  description:
    'A money-moving action one identity of an enterprise prepared, for another identity (an approver ' +
    'of the same enterprise) to approve, which runs it on the ledger. Only the enterprise sees it.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The id of the transaction that prepared it.' }),
    enterpriseId: t.exposeID('enterpriseId'),
    action: t.field({ type: ApprovalActionEnum, resolve: (row) => actionName(row.action) }),
    args: t.field({ type: [ApprovalArg], resolve: (row) => Object.entries(argsOf(row)) }),
    invoice: t.field({
      type: InvoiceNode,
      nullable: true,
      description: 'The invoice a CONFIRM_INVOICE would confirm.',
      resolve: (row, _args, ctx) => {
        const id = argsOf(row).invoiceId;
        return id ? visibleRow(ctx, 'invoice', id) : null;
      },
    }),
    voucher: t.field({
      type: VoucherNode,
      nullable: true,
      description: 'The voucher a SPLIT_TRANSFER would split or a PAY_VOUCHER would pay.',
      resolve: (row, _args, ctx) => {
        const id = argsOf(row).voucherId;
        return id ? visibleRow(ctx, 'voucher', id) : null;
      },
    }),
    financing: t.field({
      type: FinancingNode,
      nullable: true,
      description: 'The financing an OFFER would price or a DISBURSE would pay out.',
      resolve: (row, _args, ctx) => {
        const id = argsOf(row).financingId;
        return id ? visibleRow(ctx, 'financing', id) : null;
      },
    }),
    preparedBy: t.string({
      description:
        'The login that prepared it (the certificate CN for an identity this node did not enroll).',
      resolve: async (row, _args, ctx) => (await loginOf(ctx, row.enterpriseId, row.preparedBy)) ?? '',
    }),
    preparedByMsp: t.exposeString('preparedByMsp'),
    preparedAt: t.expose('preparedAt', { type: 'DateTime' }),
    status: t.field({ type: ApprovalStatusEnum, resolve: (row) => member(ApprovalStatuses, row.status) }),
    decidedBy: t.string({
      nullable: true,
      description: 'The login that approved, rejected or withdrew it.',
      resolve: (row, _args, ctx) => loginOf(ctx, row.enterpriseId, row.decidedBy),
    }),
    decidedAt: t.expose('decidedAt', { type: 'DateTime', nullable: true }),
    reason: t.exposeString('reason', { nullable: true, description: 'Why it was rejected.' }),
    resultId: t.exposeString('resultId', {
      nullable: true,
      description: 'Once approved: the voucher confirmed, split or paid, or the financing disbursed.',
    }),
    proof: t.field({ type: LedgerProof, resolve: (row) => row }),
  }),
});

builder.queryFields((t) => ({
  approval: t.field({
    type: ApprovalNode,
    nullable: true,
    description: "One of your enterprise's approvals; null for none or another enterprise's.",
    authScopes: { loggedIn: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => visibleRow(ctx, 'approval', args.id),
  }),
  approvals: t.connection(
    {
      type: ApprovalNode,
      description: "Your enterprise's prepared actions (PENDING unless a status is given), oldest first.",
      authScopes: { loggedIn: true },
      args: { status: t.arg({ type: ApprovalStatusEnum, defaultValue: 'PENDING' }) },
      resolve: (_root, args, ctx) =>
        visibleConnection(ctx, 'approval', args, {
          where: [Prisma.sql`"status" = ${args.status ?? 'PENDING'}`],
          orderBy: Prisma.sql`"prepared_at" ASC, "id"`,
        }),
    },
    {
      name: 'ApprovalConnection',
      fields: (c) => ({
        totalCount: c.int({ description: TOTAL_COUNT, resolve: (connection) => connection.totalCount() }),
      }),
    },
    { name: 'ApprovalEdge' },
  ),
}));
