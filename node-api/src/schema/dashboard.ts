import type { SessionUser } from '../auth/session-user.ts';
import { builder } from './builder.ts';
import type { Context } from './context.ts';
import { CreditLineNode } from './credit-line.ts';
import { businessToday } from './dashboard/business-day.ts';
import { creditLineUsage, type LineUsage } from './dashboard/credit-usage.ts';
import { exposureByDebtor, type DebtorExposure } from './dashboard/exposure.ts';
import { cachedFigure } from './dashboard/figures-cache.ts';
import { MATURITY_BUCKETS, maturityLadder, type LadderStep } from './dashboard/maturity.ts';
import { countWaiting, WAITING, type WaitingItem } from './dashboard/needs-me.ts';
import { longPaymentTerms } from './dashboard/payment-terms.ts';
import { volumes, type MonthVolume } from './dashboard/volumes.ts';
import type { Total } from './dashboard/unpaid.ts';
import { enterpriseNamed, EnterpriseNode } from './enterprise.ts';
import { WriteDownsNode, writeDownsOf } from './write-off.ts';

const Exposure = builder.objectRef<DebtorExposure>('DebtorExposure').implement({
  fields: (t) => ({
    debtor: t.field({
      type: EnterpriseNode,
      resolve: (row, _args, ctx) => enterpriseNamed(ctx, row.debtorId),
    }),
    count: t.exposeInt('count'),
    amount: t.expose('amount', { type: 'Fen', description: 'Face amount the debtor owes.' }),
    financedAmount: t.expose('financedAmount', {
      type: 'Fen',
      nullable: true,
      description: 'For a bank: what it advanced against these vouchers.',
    }),
  }),
});

const Usage = builder.objectRef<LineUsage>('CreditLineUsage').implement({
  fields: (t) => ({
    line: t.field({ type: CreditLineNode, resolve: (usage) => usage.line }),
    limit: t.field({ type: 'Fen', resolve: (usage) => usage.line.limit }),
    used: t.field({ type: 'Fen', resolve: (usage) => usage.line.used }),
    available: t.expose('available', { type: 'Fen' }),
    usageBps: t.exposeInt('usageBps', { description: 'used / limit in basis points, rounded down.' }),
  }),
});

const Bucket = builder.enumType('MaturityBucket', {
  description:
    'Days from the as-of day to maturity. OVERDUE: marked overdue, or matured before the as-of day.',
  values: MATURITY_BUCKETS,
});

const Step = builder.objectRef<LadderStep>('MaturityLadderStep').implement({
  fields: (t) => ({
    bucket: t.field({ type: Bucket, resolve: (step) => step.bucket }),
    count: t.exposeInt('count'),
    amount: t.expose('amount', { type: 'Fen' }),
  }),
});

const VoucherTotal = builder.objectRef<Total>('VoucherTotal').implement({
  fields: (t) => ({ count: t.exposeInt('count'), amount: t.expose('amount', { type: 'Fen' }) }),
});

const InvoiceTotal = builder.objectRef<Total>('InvoiceTotal').implement({
  fields: (t) => ({ count: t.exposeInt('count'), amount: t.expose('amount', { type: 'Fen' }) }),
});

const Month = builder.objectRef<MonthVolume>('MonthVolume').implement({
  fields: (t) => ({
    month: t.exposeString('month', { description: 'YYYY-MM' }),
    invoicesRegistered: t.expose('invoicesRegistered', { type: 'Fen' }),
    vouchersIssued: t.expose('vouchersIssued', { type: 'Fen', description: 'Root vouchers only.' }),
    financingsDisbursed: t.expose('financingsDisbursed', {
      type: 'Fen',
      description: 'Face amount of financings disbursed, in the month they were applied for.',
    }),
  }),
});

/** A figure for the caller's enterprise, recomputed only after the read model changed (figures-cache.ts). */
function figure<T>(
  ctx: Context,
  user: SessionUser,
  name: string,
  args: readonly string[],
  compute: () => Promise<T>,
): Promise<T> {
  return cachedFigure(ctx, [name, user.enterpriseId, user.enterpriseKind, ...args], compute);
}

const ladderOf = (ctx: Context, user: SessionUser, asOf: string): Promise<LadderStep[]> =>
  figure(ctx, user, 'maturityLadder', [asOf], () => maturityLadder(ctx.db, user, asOf));

/** Vouchers unpaid after maturity: the ladder's first step. */
async function overdueOf(ctx: Context, user: SessionUser, asOf: string): Promise<Total> {
  const step = (await ladderOf(ctx, user, asOf)).find((each) => each.bucket === 'OVERDUE');
  return { count: step?.count ?? 0, amount: step?.amount ?? 0n };
}

const NeedsMe = builder.objectRef<SessionUser>('NeedsMe').implement({
  description: 'What waits for your enterprise to act; items not your kind’s to do are 0.',
  fields: (t) =>
    Object.fromEntries(
      (Object.keys(WAITING) as WaitingItem[]).map((item) => [
        item,
        t.int({
          resolve: (user, _args, ctx) => {
            const today = businessToday();
            return figure(ctx, user, item, [today], () => countWaiting(ctx.db, user, item, today));
          },
        }),
      ]),
    ),
});

const Dashboard = builder.objectRef<SessionUser>('Dashboard').implement({
  description: 'Aggregates over what your enterprise may see, computed in the database.',
  fields: (t) => ({
    asOf: t.field({
      type: 'Date',
      description: 'Today’s business date (CST).',
      resolve: () => businessToday(),
    }),
    exposureByDebtor: t.field({
      type: [Exposure],
      description: 'A bank: accepted or disbursed, unsettled financings. Others: unpaid vouchers held.',
      resolve: (user, _args, ctx) =>
        figure(ctx, user, 'exposureByDebtor', [], () => exposureByDebtor(ctx.db, user)),
    }),
    creditLineUsage: t.field({
      type: [Usage],
      resolve: (user, _args, ctx) =>
        figure(ctx, user, 'creditLineUsage', [], () => creditLineUsage(ctx.db, user)),
    }),
    maturityLadder: t.field({
      type: [Step],
      description: 'Unpaid vouchers you may see, by days to maturity.',
      args: { asOf: t.arg({ type: 'Date', description: 'Default: today.' }) },
      resolve: (user, args, ctx) => ladderOf(ctx, user, args.asOf ?? businessToday()),
    }),
    overdue: t.field({
      type: VoucherTotal,
      description: 'Vouchers you may see that are unpaid after maturity.',
      args: { asOf: t.arg({ type: 'Date', description: 'Default: today.' }) },
      resolve: (user, args, ctx) => overdueOf(ctx, user, args.asOf ?? businessToday()),
    }),
    volumes: t.field({
      type: [Month],
      description: 'Business per calendar month, from one day to another (both included).',
      args: { from: t.arg({ type: 'Date', required: true }), to: t.arg({ type: 'Date', required: true }) },
      resolve: (user, args, ctx) =>
        figure(ctx, user, 'volumes', [args.from, args.to], () => volumes(ctx.db, user, args.from, args.to)),
    }),
    longPaymentTerms: t.field({
      type: InvoiceTotal,
      description:
        'Registered or confirmed invoices a core enterprise owes a supplier on a payment term over 60 ' +
        'days from delivery (保障中小企业款项支付条例 Art. 9): what a core enterprise owes on such ' +
        'terms, or what a supplier is owed. Face amounts.',
      resolve: (user, _args, ctx) =>
        figure(ctx, user, 'longPaymentTerms', [], () => longPaymentTerms(ctx.db, user)),
    }),
    needsMe: t.field({ type: NeedsMe, resolve: (user) => user }),
    writeDowns: t.field({
      type: WriteDownsNode,
      nullable: true,
      description: 'A bank: its disbursed, unpaid financings net of write-downs by stage. Others: null.',
      args: { asOf: t.arg({ type: 'Date', description: 'Default: today.' }) },
      resolve: (user, args, ctx) => writeDownsOf(ctx, user, args.asOf),
    }),
  }),
});

function caller(ctx: Context): SessionUser {
  if (!ctx.user) throw new Error('authScopes let an anonymous request through');
  return ctx.user;
}

builder.queryField('dashboard', (t) =>
  t.field({
    type: Dashboard,
    description: 'Portfolio figures for your enterprise.',
    authScopes: { loggedIn: true },
    resolve: (_root, _args, ctx) => caller(ctx),
  }),
);
