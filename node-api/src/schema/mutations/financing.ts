import { builder } from '../builder.ts';
import { NodeErrorCodes, userError } from '../errors.ts';
import { FinancingNode } from '../financing.ts';
import { TEXT } from './limits.ts';
import { nodePayload } from './payload.ts';
import { submitAs, withNode } from './submit.ts';
import type { Context } from '../context.ts';

const Payload = nodePayload('Financing', 'financing', FinancingNode);
const BANK_APPROVER = { roles: ['approver', 'admin'], kinds: ['BANK'] } as const;
const SME_APPROVER = { roles: ['approver', 'admin'], kinds: ['SUPPLIER'] } as const;

const OfferInput = builder.inputType('OfferInput', {
  description: 'What the bank chooses; the ledger derives rate, discount interest and net proceeds.',
  fields: (t) => ({
    advanceRateBps: t.int({ required: true, validate: { min: 1, max: 10_000 } }),
    spreadBps: t.int({ required: true, validate: { min: 0, max: 5_000 } }),
    fees: t.field({ type: 'Fen', required: true }),
    validUntil: t.field({ type: 'Date', required: true }),
  }),
});

const load = (ctx: Context, id: string) => ctx.db.financing.findUnique({ where: { id } });

/** The applicant's org must endorse the offer too: it is the only other holder of the private terms. */
async function applicantMsp(ctx: Context, financingId: string): Promise<string> {
  const financing = await ctx.db.financing.findUnique({ where: { id: financingId } });
  if (!financing)
    throw userError(NodeErrorCodes.NotFound, `financing ${financingId} is not known to this node`);
  const applicant = await ctx.db.enterprise.findUnique({ where: { id: financing.applicantId } });
  if (!applicant) throw userError(NodeErrorCodes.NotFound, `applicant ${financing.applicantId} is not known`);
  return applicant.hostMsp;
}

builder.mutationFields((t) => ({
  applyFinancing: t.field({
    type: Payload,
    description: 'The holder of a voucher applies for financing at a bank of its choice.',
    authScopes: { kinds: ['SUPPLIER'] },
    args: {
      voucherId: t.arg.id({ required: true }),
      bankId: t.arg.string({ required: true, validate: TEXT.id }),
    },
    resolve: async (_root, args, ctx) => {
      const done = await submitAs(ctx, (ledger) => ledger.financings.apply(args.voucherId, args.bankId));
      return withNode(done, () => load(ctx, done.value.id));
    },
  }),
  offerFinancing: t.field({
    type: Payload,
    description: 'The bank prices an application; the terms stay private to the bank and the applicant.',
    authScopes: { roles: [...BANK_APPROVER.roles], kinds: [...BANK_APPROVER.kinds] },
    args: { id: t.arg.id({ required: true }), terms: t.arg({ type: OfferInput, required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = args.id;
      const orgs = { bankMsp: ctx.services.config.SCF_MSP_ID, applicantMsp: await applicantMsp(ctx, id) };
      const terms = { ...args.terms, fees: args.terms.fees.toString() };
      const done = await submitAs(ctx, (ledger) => ledger.financings.offer(id, terms, orgs));
      return withNode(done, () => load(ctx, id));
    },
  }),
  acceptOffer: t.field({
    type: Payload,
    description: 'The applicant accepts the offer; the credit line is drawn.',
    authScopes: { roles: [...SME_APPROVER.roles], kinds: [...SME_APPROVER.kinds] },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = args.id;
      return withNode(await submitAs(ctx, (ledger) => ledger.financings.accept(id)), () => load(ctx, id));
    },
  }),
  disburseFinancing: t.field({
    type: Payload,
    description: 'The bank pays out the net proceeds and records its payment reference.',
    authScopes: { roles: [...BANK_APPROVER.roles], kinds: [...BANK_APPROVER.kinds] },
    args: {
      id: t.arg.id({ required: true }),
      paymentReference: t.arg.string({ required: true, validate: TEXT.reference }),
    },
    resolve: async (_root, args, ctx) => {
      const id = args.id;
      const done = await submitAs(ctx, (ledger) => ledger.financings.disburse(id, args.paymentReference));
      return withNode(done, () => load(ctx, id));
    },
  }),
  rejectFinancing: t.field({
    type: Payload,
    description: 'The bank declines an application, or the applicant declines an offer, with a reason.',
    authScopes: { kinds: ['BANK', 'SUPPLIER'] },
    args: {
      id: t.arg.id({ required: true }),
      reason: t.arg.string({ required: true, validate: TEXT.reason }),
    },
    resolve: async (_root, args, ctx) => {
      const id = args.id;
      const done = await submitAs(ctx, (ledger) => ledger.financings.reject(id, args.reason));
      return withNode(done, () => load(ctx, id));
    },
  }),
  withdrawFinancing: t.field({
    type: Payload,
    description: 'The applicant withdraws its application before it is accepted.',
    authScopes: { kinds: ['SUPPLIER'] },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = args.id;
      return withNode(await submitAs(ctx, (ledger) => ledger.financings.withdraw(id)), () => load(ctx, id));
    },
  }),
  expireOffer: t.field({
    type: Payload,
    description: 'Marks an offer past its validity as EXPIRED (anyone may; the ledger checks the date).',
    authScopes: { loggedIn: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = args.id;
      return withNode(await submitAs(ctx, (ledger) => ledger.financings.expire(id)), () => load(ctx, id));
    },
  }),
}));
