import {
  type ApprovalAction,
  encodeNamedArgs,
  INT_RANGES,
  MAX_PIECES,
  Transactions,
} from '@scf/ledger-contract';
import { ApprovalNode } from '../approval.ts';
import { builder } from '../builder.ts';
import { NodeErrorCodes, userError } from '../errors.ts';
import type { Context } from '../context.ts';
import { NO_TERMS, OfferAction, termsAtApproval, type TermsOptions } from './approval-offer.ts';
import { registrationAtApproval } from './approval-registration.ts';
import { offerOptions, offerTerms } from './financing.ts';
import { publishArgs, PublishEarlyPaymentOfferInput } from './early-payment.ts';
import { TEXT } from './limits.ts';
import { nodePayload } from './payload.ts';
import { submitAs, withNode } from './submit.ts';
import { PieceInput, toPiece } from './voucher.ts';

const Payload = nodePayload('Approval', 'approval', ApprovalNode);

const ConfirmInvoiceAction = builder.inputType('ConfirmInvoiceAction', {
  fields: (t) => ({
    invoiceId: t.id({ required: true }),
    waiveDelivery: t.boolean({ required: true, defaultValue: false }),
    lateInterestBps: t.int({ validate: INT_RANGES.lateInterestBps }),
  }),
});

const SplitTransferAction = builder.inputType('SplitTransferAction', {
  fields: (t) => ({
    voucherId: t.id({ required: true }),
    pieces: t.field({
      type: [PieceInput],
      required: true,
      validate: { minLength: 1, maxLength: MAX_PIECES },
    }),
  }),
});

const DisburseAction = builder.inputType('DisburseAction', {
  description:
    'Nothing is registered yet: when another approver approves, its node registers the receivable at the ' +
    'registry (as disburseFinancing does) and the payout happens; a rejected or withdrawn one registers nothing.',
  fields: (t) => ({
    financingId: t.id({ required: true }),
    paymentReference: t.string({ required: true, validate: TEXT.paymentReference }),
  }),
});

const PayVoucherAction = builder.inputType('PayVoucherAction', {
  fields: (t) => ({
    voucherId: t.id({ required: true }),
    paymentReference: t.string({ required: true, validate: TEXT.paymentReference }),
  }),
});

const AcceptCreditNoteAction = builder.inputType('AcceptCreditNoteAction', {
  fields: (t) => ({ creditNoteId: t.id({ required: true }) }),
});

const PrepareActionInput = builder.inputType('PrepareActionInput', {
  description: 'Exactly one money-moving action, with the arguments its own mutation takes.',
  fields: (t) => ({
    confirmInvoice: t.field({ type: ConfirmInvoiceAction }),
    splitTransfer: t.field({ type: SplitTransferAction }),
    offer: t.field({ type: OfferAction }),
    disburse: t.field({ type: DisburseAction }),
    payVoucher: t.field({ type: PayVoucherAction }),
    publishEarlyPaymentOffer: t.field({ type: PublishEarlyPaymentOfferInput }),
    acceptCreditNote: t.field({ type: AcceptCreditNoteAction }),
  }),
});

type PrepareInput = typeof PrepareActionInput.$inferInput;

/** The prepared action as the ledger takes it: its transaction and its wire arguments by name. */
function ledgerAction(input: PrepareInput): { action: ApprovalAction; args: Record<string, string> } {
  const given = Object.values(input).filter((value) => value != null);
  if (given.length !== 1) {
    throw userError(NodeErrorCodes.InvalidArgument, `give exactly one action, not ${String(given.length)}`);
  }
  const {
    confirmInvoice,
    splitTransfer,
    offer,
    disburse,
    payVoucher,
    publishEarlyPaymentOffer,
    acceptCreditNote,
  } = input;
  if (offer) {
    // Its terms travel apart, in the transient map (termsOf).
    return {
      action: 'financing:Offer',
      args: encodeNamedArgs(Transactions.financing.Offer, { financingId: offer.financingId }),
    };
  }
  if (acceptCreditNote) {
    return {
      action: 'creditnote:Accept',
      args: encodeNamedArgs(Transactions.creditnote.Accept, acceptCreditNote),
    };
  }
  if (publishEarlyPaymentOffer) {
    return {
      action: 'earlypay:Publish',
      args: encodeNamedArgs(Transactions.earlypay.Publish, publishArgs(publishEarlyPaymentOffer)),
    };
  }
  if (confirmInvoice) {
    return {
      action: 'invoice:Confirm',
      args: encodeNamedArgs(Transactions.invoice.Confirm, {
        invoiceId: confirmInvoice.invoiceId,
        waiveDelivery: confirmInvoice.waiveDelivery,
        lateInterestBps: confirmInvoice.lateInterestBps ?? undefined,
      }),
    };
  }
  if (splitTransfer) {
    return {
      action: 'voucher:SplitTransfer',
      args: encodeNamedArgs(Transactions.voucher.SplitTransfer, {
        voucherId: splitTransfer.voucherId,
        piecesJson: splitTransfer.pieces.map(toPiece),
      }),
    };
  }
  if (disburse) {
    // The registration is the approver's to give (approveAction): prepared, it travels empty.
    const { financingId, paymentReference } = disburse;
    return { action: 'financing:Disburse', args: { financingId, paymentReference, registrationJson: '' } };
  }
  if (!payVoucher) throw new Error('one action was given, yet none matched');
  return {
    action: 'settlement:Pay',
    args: encodeNamedArgs(Transactions.settlement.Pay, payVoucher),
  };
}

/** A prepared offer's terms, salted by this node and sent to the bank's and applicant's peers alone. */
async function termsOf(ctx: Context, input: PrepareInput): Promise<TermsOptions> {
  const { offer } = input;
  return offer ? offerOptions(ctx, offer.financingId, offerTerms(offer.terms)) : NO_TERMS;
}

const load = (ctx: Context, id: string) => ctx.db.approval.findUnique({ where: { id } });

builder.mutationFields((t) => ({
  prepareAction: t.field({
    type: Payload,
    description:
      'Anyone of an enterprise (a clerk too) prepares a money-moving action; it waits for another ' +
      "identity, an approver of the same enterprise, to approve it. The ledger checks that it is the caller's " +
      'enterprise that acts; the action runs, under all its own rules, only when approved.',
    authScopes: { loggedIn: true },
    ledgerWrite: true,
    args: { input: t.arg({ type: PrepareActionInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { action, args } = ledgerAction(input);
      const terms = await termsOf(ctx, input);
      const done = await submitAs(ctx, (ledger) =>
        ledger.approval.Prepare({ action, argsJson: args }, terms),
      );
      return withNode(done, () => load(ctx, done.value.id));
    },
  }),
  approveAction: t.field({
    type: Payload,
    description:
      'An approver of the enterprise approves an action another identity prepared: the action runs now, ' +
      "as the approver (a disbursement is registered at the registry first, by the approver's node; an " +
      "offer's prepared terms are read from the bank's own collection and sent again, checked by hash). " +
      'FOUR_EYES_SAME_IDENTITY for its own preparer; FORBIDDEN for a clerk or another ' +
      "enterprise; the action's own error codes when it fails (then nothing is written).",
    authScopes: { loggedIn: true },
    ledgerWrite: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = args.id;
      // Inside the write: a retry that replays an earlier committed approval registers nothing.
      const done = await submitAs(ctx, async (ledger) =>
        ledger.approval.Approve(
          { id, registrationJson: await registrationAtApproval(ctx, ledger, id) },
          await termsAtApproval(ctx, ledger, id),
        ),
      );
      return withNode(done, () => load(ctx, id));
    },
  }),
  rejectAction: t.field({
    type: Payload,
    description: 'An approver of the enterprise refuses a prepared action, saying why.',
    authScopes: { roles: ['approver', 'admin'] },
    ledgerWrite: true,
    args: {
      id: t.arg.id({ required: true }),
      reason: t.arg.string({ required: true, validate: TEXT.reason }),
    },
    resolve: async (_root, args, ctx) => {
      const id = args.id;
      const done = await submitAs(ctx, (ledger) => ledger.approval.Reject({ id, reason: args.reason }));
      return withNode(done, () => load(ctx, id));
    },
  }),
  withdrawAction: t.field({
    type: Payload,
    description: 'Its preparer takes back a prepared action that is still pending.',
    authScopes: { loggedIn: true },
    ledgerWrite: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = args.id;
      const done = await submitAs(ctx, (ledger) => ledger.approval.Withdraw({ id }));
      return withNode(done, () => load(ctx, id));
    },
  }),
}));
