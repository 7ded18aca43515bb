import type { Context } from 'fabric-contract-api';
import {
  type ApprovalAction,
  type CreditNote,
  type EarlyPaymentOffer,
  type EnterpriseKind,
  type Financing,
  type Invoice,
  ObjectTypes,
  type SplitResult,
  Transactions,
  type Voucher,
  invalid,
  requireCleanString,
  unmarshal,
} from '@scf/ledger-contract';
import { Attributes } from '../lib/caller';
import { getRecord } from '../lib/store';
import { CreditNoteContract } from './credit-note-contract';
import { EarlyPaymentContract } from './early-payment-contract';
import { FinancingContract } from './financing-contract';
import { InvoiceContract } from './invoice-contract';
import { SettlementContract } from './settlement-contract';
import { VoucherContract } from './voucher-contract';

/** What four eyes need to know of one money-moving transaction. */
interface ActionRule {
  /** Its argument names, in the transaction's positional order. */
  names: readonly string[];
  /** The kinds of enterprise that may do it. */
  kinds: readonly EnterpriseKind[];
  /** The enterprise that acts: only its users prepare it and only its approvers approve it. */
  party(ctx: Context, args: Record<string, string>): Promise<string>;
  /**
   * The argument the approver gives when approving (approval:Approve), never the preparer: a
   * disbursement's registration, so that only an approved disbursement is registered at the registry.
   */
  givenAtApproval?: string;
  /**
   * Its terms are private (an offer's): they travel in the transient map when it is prepared and
   * again when it is approved, and the public approval carries only their hash (prepared-terms.ts).
   */
  privateTerms?: true;
  /** Runs the transaction itself; resolves to the id of the record it made or changed. */
  run(ctx: Context, args: readonly string[]): Promise<string>;
}

const invoices = new InvoiceContract();
const vouchers = new VoucherContract();
const financings = new FinancingContract();
const settlements = new SettlementContract();
const earlyPayments = new EarlyPaymentContract();
const creditNotes = new CreditNoteContract();

const names = (args: object): readonly string[] => Object.keys(args);
const arg = (args: Record<string, string>, name: string): string => args[name] ?? '';

export const ACTION_RULES: Readonly<Record<ApprovalAction, ActionRule>> = {
  'invoice:Confirm': {
    names: names(Transactions.invoice.Confirm.args),
    kinds: ['CORE'],
    party: async (ctx, args) =>
      (await getRecord<Invoice>(ctx, ObjectTypes.Invoice, arg(args, 'invoiceId'))).buyerId,
    run: async (ctx, [invoiceId = '', waive = '', bps = '']) =>
      unmarshal<Invoice>(await invoices.Confirm(ctx, invoiceId, waive, bps)).voucherId ?? '',
  },
  'voucher:SplitTransfer': {
    names: names(Transactions.voucher.SplitTransfer.args),
    kinds: ['SUPPLIER', 'CORE'],
    party: async (ctx, args) =>
      (await getRecord<Voucher>(ctx, ObjectTypes.Voucher, arg(args, 'voucherId'))).holderId,
    run: async (ctx, [voucherId = '', pieces = '']) =>
      unmarshal<SplitResult>(await vouchers.SplitTransfer(ctx, voucherId, pieces)).parent.id,
  },
  'financing:Offer': {
    names: names(Transactions.financing.Offer.args),
    kinds: ['BANK'],
    party: async (ctx, args) =>
      (await getRecord<Financing>(ctx, ObjectTypes.Financing, arg(args, 'financingId'))).bankId,
    privateTerms: true,
    run: async (ctx, [financingId = '']) => unmarshal<Financing>(await financings.Offer(ctx, financingId)).id,
  },
  'financing:Disburse': {
    names: names(Transactions.financing.Disburse.args),
    kinds: ['BANK'],
    party: async (ctx, args) =>
      (await getRecord<Financing>(ctx, ObjectTypes.Financing, arg(args, 'financingId'))).bankId,
    givenAtApproval: 'registrationJson',
    run: async (ctx, [financingId = '', reference = '', registration = '']) =>
      unmarshal<Financing>(await financings.Disburse(ctx, financingId, reference, registration)).id,
  },
  'settlement:Pay': {
    names: names(Transactions.settlement.Pay.args),
    kinds: ['CORE'],
    party: async (ctx, args) =>
      (await getRecord<Voucher>(ctx, ObjectTypes.Voucher, arg(args, 'voucherId'))).debtorId,
    run: async (ctx, [voucherId = '', reference = '']) =>
      unmarshal<Voucher>(await settlements.Pay(ctx, voucherId, reference)).id,
  },
  'earlypay:Publish': {
    names: names(Transactions.earlypay.Publish.args),
    kinds: ['CORE'],
    // The debtor publishes for itself: the enterprise acting is the caller's own.
    party: (ctx) => Promise.resolve(ctx.clientIdentity.getAttributeValue(Attributes.enterpriseId) ?? ''),
    run: async (ctx, [bps = '', tiers = '', budget = '', validUntil = '']) =>
      unmarshal<EarlyPaymentOffer>(await earlyPayments.Publish(ctx, bps, tiers, budget, validUntil)).id,
  },
  'creditnote:Accept': {
    names: names(Transactions.creditnote.Accept.args),
    kinds: ['CORE', 'SUPPLIER'],
    party: async (ctx, args) =>
      (await getRecord<CreditNote>(ctx, ObjectTypes.CreditNote, arg(args, 'creditNoteId'))).buyerId,
    run: async (ctx, [creditNoteId = '']) =>
      unmarshal<CreditNote>(await creditNotes.Accept(ctx, creditNoteId)).id,
  },
};

/**
 * An action's arguments from JSON: an object holding exactly the transaction's argument names, each a
 * string free of control characters (the action checks each further when it runs).
 */
export function parseActionArgs(rule: ActionRule, value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid('args must be a JSON object of the action’s arguments by name');
  }
  const entries = Object.entries(value as Record<string, unknown>);
  const unknownName = entries.find(([name]) => !rule.names.includes(name));
  if (unknownName) throw invalid(`args: the action takes no argument ${unknownName[0]}`);
  const args: Record<string, string> = {};
  for (const name of rule.names) {
    args[name] = requireCleanString((value as Record<string, unknown>)[name], `args.${name}`, {
      multiline: true,
    });
  }
  if (rule.givenAtApproval !== undefined && arg(args, rule.givenAtApproval) !== '') {
    throw invalid(`args.${rule.givenAtApproval} is given by the approver when approving, not prepared`);
  }
  return args;
}

/**
 * The arguments the action runs with, in the transaction's positional order: the prepared ones, and
 * what the approver gives (`given`, only for an action that takes something at approval).
 */
export function approvedArgs(rule: ActionRule, args: Record<string, string>, given: string): string[] {
  const name = rule.givenAtApproval;
  if (name === undefined) {
    if (given !== '') throw invalid('this action takes no registration at approval; leave it empty');
    return rule.names.map((each) => arg(args, each));
  }
  return rule.names.map((each) => (each === name ? given : arg(args, each)));
}
