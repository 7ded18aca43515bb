import type { Approval, ApprovalAction } from './model/approval.ts';
import type { BenchmarkRate, RateTenor } from './model/benchmark-rate.ts';
import type { Caller } from './model/caller.ts';
import type { Charter, CharterProposal, CharterTerms } from './model/charter.ts';
import type { CreditLine, CreditLineStatus } from './model/credit-line.ts';
import type { CreditNote, CreditNoteReason, DilutionClaim } from './model/credit-note.ts';
import type { DebtorExposure } from './model/exposure.ts';
import type { EarlyPaymentOffer } from './model/early-payment-offer.ts';
import type { Enterprise, EnterpriseKind, EnterpriseStatus } from './model/enterprise.ts';
import type { Financing, OfferTerms } from './model/financing.ts';
import type { Invoice } from './model/invoice.ts';
import type { IsoDate } from './dates.ts';
import type { LateInterestRate } from './late-interest.ts';
import type { Fen } from './money.ts';
import type { Note, RawEventMark } from './model/note.ts';
import type { QuoteRequest } from './model/quote-request.ts';
import type { RegistrationInput } from './registration.ts';
import type { LedgerRecord, ObjectType } from './model/record.ts';
import type { Shipment } from './model/shipment.ts';
import type { DisputeResolution, Voucher } from './model/voucher.ts';
import type { WarehouseReceipt } from './model/warehouse-receipt.ts';
import type {
  WriteOffBook,
  WriteOffBookRef,
  WriteOffInput,
  WriteOffStagesInput,
} from './model/write-off-book.ts';

/**
 * The wire contract of the chaincode: every transaction, its namespace, whether it writes, its
 * arguments in their positional order, how each travels (every argument is a string on the wire) and
 * what it returns (a JSON string with sorted keys). The chaincode's contracts are checked against this
 * table (chaincode/test/transactions.test.ts); the node API's ledger client is made from it.
 */

/** How one argument travels: every chaincode argument is a string. */
export interface Arg<T> {
  encode(value: T): string;
}

/**
 * Not named `text`: the chaincode bundles this module, and esbuild would then rename the test
 * contract's parameter `text` (fabric-contract-api reads parameter names from the function source).
 */
const str: Arg<string> = { encode: (value) => value };
/** Absent travels as the empty string, which the chaincode reads as "none". */
const optionalText: Arg<string | undefined> = { encode: (value) => value ?? '' };
const int: Arg<number> = { encode: (value) => String(value) };
/** Absent travels as the empty string, which the chaincode reads as "none". */
const optionalInt: Arg<number | undefined> = {
  encode: (value) => (value === undefined ? '' : String(value)),
};
const bool: Arg<boolean> = { encode: (value) => String(value) };
const json = <T>(): Arg<T> => ({ encode: (value) => JSON.stringify(value) });
/** Absent travels as the empty string, which the chaincode reads as "none". */
const optionalJson = <T>(): Arg<T | undefined> => ({
  encode: (value) => (value === undefined ? '' : JSON.stringify(value)),
});
function oneOf<T extends string>(): Arg<T> {
  return { encode: (value) => value };
}

/** A page of a ledger query: `bookmark` is empty on the last page. */
export interface Page<T> {
  items: T[];
  bookmark: string;
}

/** Offer terms the bank chooses (sent as transient data); the chaincode derives the rest. */
export interface OfferTermsInput {
  advanceRateBps: number;
  spreadBps: number;
  /** Fen, as digits. */
  fees: string;
  validUntil: string;
  /** With recourse or without: required, see OfferTerms.recourse. */
  recourse: boolean;
  /** Random, 32 to 128 lower-case hex digits: see OfferTerms.salt. */
  salt: string;
}

/** A piece of a split: kept by the holder, or transferred against an invoice from the recipient. */
export type VoucherPiece = { amount: string } | { amount: string; toEnterpriseId: string; invoiceId: string };

export interface SplitResult {
  parent: Voucher;
  children: Voucher[];
  invoices: Invoice[];
}

/** A declined or withdrawn transfer: the piece, the piece returning its amount to the sender, and what changed with it. */
export interface TransferReturn {
  /** The transferred piece, now RETURNED. */
  piece: Voucher;
  /** The new piece of the same parent, held by the sender. */
  returned: Voucher;
  /** The parent, with the returned piece among its children. */
  parent: Voucher;
  /** The invoice the transfer was to pay, with the amount no longer paid. */
  invoice: Invoice;
}

export interface SweepResult {
  count: number;
  vouchers: Voucher[];
}

/** A dispute raised: the piece holding the disputed amount, and, for a part, the rest and their parent. */
export interface DisputeResult {
  /** DISPUTED, carrying the dispute: the voucher itself when disputed in full. */
  disputed: Voucher;
  /** The undisputed rest, payable on time, when only a part is disputed. */
  undisputed?: Voucher;
  /** The voucher split into the two, when only a part is disputed. */
  parent?: Voucher;
}

/** What a voucher's late interest stands at on a business date (decree 802 Art. 17). */
export interface AccruedLateInterest {
  voucherId: string;
  principal: Fen;
  maturityDate: IsoDate;
  asOf: IsoDate;
  days: number;
  amount: Fen;
  rate: LateInterestRate;
}

/** No transient inputs. */
export type NoTransient = Record<string, never>;

/**
 * One transaction: `A` its arguments by name, `R` what it returns, `T` its transient inputs, `W`
 * whether it writes (a literal in the table, so a client's types know a write from a read).
 */
export interface TransactionSpec<
  A extends object,
  R,
  T extends object = NoTransient,
  W extends boolean = boolean,
> {
  readonly name: string;
  /** Writes go through ordering and commit; reads are evaluated on one peer. */
  readonly writes: W;
  /** Arguments in the chaincode's positional order. */
  readonly args: { readonly [K in keyof A]: Arg<A[K]> };
  /** Private inputs, passed in the transient map by key (never written to the ledger). */
  readonly transient: { readonly [K in keyof T]: Arg<T[K]> };
  /** Never set: carries the result type. */
  readonly result?: R;
}

function write<R>() {
  return <A extends object, T extends object = NoTransient>(
    name: string,
    args: { [K in keyof A]: Arg<A[K]> },
    transient = {} as { [K in keyof T]: Arg<T[K]> },
  ): TransactionSpec<A, R, T, true> => ({ name, writes: true, args, transient });
}

function read<R>() {
  return <A extends object>(
    name: string,
    args: { [K in keyof A]: Arg<A[K]> },
  ): TransactionSpec<A, R, NoTransient, false> => ({
    name,
    writes: false,
    args,
    transient: {},
  });
}

const noArgs: Record<string, never> = {};

export const Transactions = {
  enterprise: {
    Register: write<Enterprise>()('Register', { id: str, name: str, kind: oneOf<EnterpriseKind>() }),
    SetStatus: write<Enterprise>()('SetStatus', { id: str, status: oneOf<EnterpriseStatus>() }),
    /** Its host org's admin turns four eyes on or off for the enterprise's money-moving actions. */
    SetFourEyes: write<Enterprise>()('SetFourEyes', { id: str, on: bool }),
    Get: read<Enterprise>()('Get', { id: str }),
  },
  invoice: {
    Register: write<Invoice>()('Register', {
      number: str,
      buyerId: str,
      amount: str,
      issueDate: str,
      dueDate: str,
      documentHash: str,
      purchaseOrderNumber: optionalText,
    }),
    /** `lateInterestBps`: the annual late-interest rate agreed, if any (decree 802 Art. 17). */
    Confirm: write<Invoice>()('Confirm', {
      invoiceId: str,
      waiveDelivery: bool,
      lateInterestBps: optionalInt,
    }),
    Reject: write<Invoice>()('Reject', { invoiceId: str, reason: str }),
    Cancel: write<Invoice>()('Cancel', { invoiceId: str }),
    Get: read<Invoice>()('Get', { id: str }),
  },
  shipment: {
    RecordPickup: write<Shipment>()('RecordPickup', {
      invoiceId: str,
      waybillNumber: str,
      origin: str,
      destination: str,
      documentHash: str,
    }),
    ConfirmDelivery: write<Shipment>()('ConfirmDelivery', { id: str, deliveryDocumentHash: str }),
    Get: read<Shipment>()('Get', { id: str }),
  },
  voucher: {
    SplitTransfer: write<SplitResult>()('SplitTransfer', {
      voucherId: str,
      piecesJson: json<VoucherPiece[]>(),
    }),
    /** The recipient's approver takes a piece transferred to it. */
    AcceptTransfer: write<Voucher>()('AcceptTransfer', { voucherId: str }),
    /** The recipient's approver refuses a piece transferred to it; the amount goes back to the sender. */
    DeclineTransfer: write<TransferReturn>()('DeclineTransfer', { voucherId: str, reason: str }),
    /** The sender's approver takes back a piece the recipient has not accepted yet. */
    WithdrawTransfer: write<TransferReturn>()('WithdrawTransfer', { voucherId: str }),
    Get: read<Voucher>()('Get', { id: str }),
    GetLineage: read<Voucher[]>()('GetLineage', { id: str }),
  },
  creditline: {
    Grant: write<CreditLine>()('Grant', { debtorId: str, limit: str, expiryDate: str }),
    Change: write<CreditLine>()('Change', { id: str, limit: str, expiryDate: str }),
    SetStatus: write<CreditLine>()('SetStatus', { id: str, status: oneOf<CreditLineStatus>() }),
    Get: read<CreditLine>()('Get', { id: str }),
  },
  rate: {
    Publish: write<BenchmarkRate>()('Publish', {
      tenor: oneOf<RateTenor>(),
      rateBps: int,
      effectiveDate: str,
    }),
    Current: read<BenchmarkRate>()('Current', { tenor: oneOf<RateTenor>(), asOfDate: str }),
  },
  financing: {
    Apply: write<Financing>()('Apply', { voucherId: str, bankId: str }),
    Offer: write<Financing>()<{ financingId: string }, { terms: OfferTermsInput }>(
      'Offer',
      { financingId: str },
      { terms: json<OfferTermsInput>() },
    ),
    Accept: write<Financing>()('Accept', { financingId: str }),
    /** The bank pays out, citing its registration at the movable-property registry (see registration.ts). */
    Disburse: write<Financing>()('Disburse', {
      financingId: str,
      paymentReference: str,
      registrationJson: json<RegistrationInput>(),
    }),
    Reject: write<Financing>()('Reject', { financingId: str, reason: str }),
    Withdraw: write<Financing>()('Withdraw', { financingId: str }),
    Expire: write<Financing>()('Expire', { financingId: str }),
    GetTerms: read<OfferTerms>()('GetTerms', { financingId: str }),
    /** This org's copy of the terms, for an org admin identity (the read-model projector). */
    GetOrgTerms: read<OfferTerms>()('GetOrgTerms', { financingId: str }),
    Get: read<Financing>()('Get', { id: str }),
  },
  quotes: {
    /**
     * The voucher's holder asks 2 to 8 banks at once for offers until `validUntil`: one financing per
     * bank (offered, accepted, rejected through `financing:*` as any other), the voucher locked to the request.
     */
    RequestQuotes: write<QuoteRequest>()('RequestQuotes', {
      voucherId: str,
      bankIdsJson: json<string[]>(),
      validUntil: str,
    }),
    /** The applicant withdraws an open request: its open financings WITHDRAWN, the voucher free. */
    WithdrawQuoteRequest: write<QuoteRequest>()('WithdrawQuoteRequest', { requestId: str }),
    /** Anyone closes an open request past its deadline: its open financings LAPSED, the voucher free. */
    ExpireQuoteRequest: write<QuoteRequest>()('ExpireQuoteRequest', { requestId: str }),
    GetQuoteRequest: read<QuoteRequest>()('GetQuoteRequest', { id: str }),
  },
  recourse: {
    /**
     * The bank's approver demands that the applicant buy back an overdue financed voucher; the offer
     * terms as stored (`GetTerms`) come in the transient map, checked against the public hash.
     */
    Demand: write<Financing>()<{ financingId: string }, { terms: OfferTerms }>(
      'Demand',
      { financingId: str },
      { terms: json<OfferTerms>() },
    ),
    /** The bank's approver confirms receipt of the buy-back price: the applicant holds the voucher again. */
    RecordBuyBack: write<Financing>()('RecordBuyBack', { financingId: str, paymentReference: str }),
  },
  settlement: {
    Pay: write<Voucher>()('Pay', { voucherId: str, paymentReference: str }),
    SweepOverdue: write<SweepResult>()('SweepOverdue', { limit: int }),
    /** The debtor's approver disputes part (or all) of a voucher, saying why (decree 802 Art. 15). */
    Dispute: write<DisputeResult>()('Dispute', { voucherId: str, amount: str, reason: str }),
    /** The holder's approver accepts or withdraws a dispute; the debtor's may withdraw its own. */
    ResolveDispute: write<Voucher>()('ResolveDispute', {
      voucherId: str,
      resolution: oneOf<DisputeResolution>(),
    }),
    /** Late interest accrued on a voucher as of the transaction's business date. */
    LateInterest: read<AccruedLateInterest>()('LateInterest', { voucherId: str }),
  },
  exposure: {
    /** A core enterprise's consortium-wide figures and cap; for banks, the auditor and the debtor itself. */
    Get: read<DebtorExposure>()('Get', { debtorId: str }),
  },
  charter: {
    Establish: write<Charter>()('Establish', { termsJson: json<CharterTerms>() }),
    Get: read<Charter>()('Get', noArgs),
    Propose: write<CharterProposal>()('Propose', { termsJson: json<CharterTerms>() }),
    Approve: write<CharterProposal>()('Approve', { proposalId: str }),
    GetProposal: read<CharterProposal>()('GetProposal', { proposalId: str }),
  },
  approval: {
    /**
     * Anyone of an enterprise prepares a money-moving action; `argsJson`: its arguments by name, as on
     * the wire. An offer's terms come only in the transient map (`terms`), absent for other actions.
     */
    Prepare: write<Approval>()<
      { action: ApprovalAction; argsJson: Record<string, string> },
      { terms: OfferTermsInput | undefined }
    >(
      'Prepare',
      { action: oneOf<ApprovalAction>(), argsJson: json<Record<string, string>>() },
      { terms: optionalJson<OfferTermsInput>() },
    ),
    /**
     * Another identity, an approver of the same enterprise, approves: the action runs as the approver.
     * `registrationJson`: a disbursement's registration, registered only now; absent for other actions.
     * An offer's prepared terms come again in the transient map (`terms`), checked against the hash.
     */
    Approve: write<Approval>()<
      { id: string; registrationJson: RegistrationInput | undefined },
      { terms: OfferTermsInput | undefined }
    >(
      'Approve',
      { id: str, registrationJson: optionalJson<RegistrationInput>() },
      { terms: optionalJson<OfferTermsInput>() },
    ),
    /** An approver of the enterprise refuses a prepared action, saying why. */
    Reject: write<Approval>()('Reject', { id: str, reason: str }),
    /** The preparer takes back its own prepared action. */
    Withdraw: write<Approval>()('Withdraw', { id: str }),
    Get: read<Approval>()('Get', { id: str }),
    /** A prepared offer's terms, from the bank org's own collection: for the bank's users, on its peer. */
    GetTerms: read<OfferTermsInput>()('GetTerms', { id: str }),
  },
  earlypay: {
    /**
     * A core enterprise's approver publishes its early-payment offer: annual discount rate, rates by
     * supplier tier (`{}` for none), budget in fen, last business date (absent: until closed).
     */
    Publish: write<EarlyPaymentOffer>()('Publish', {
      annualDiscountBps: int,
      tierRatesJson: json<Record<string, number>>(),
      budget: str,
      validUntil: optionalText,
    }),
    /** Its debtor's approver closes an open offer. */
    Close: write<EarlyPaymentOffer>()('Close', { offerId: str }),
    /** A holder's approver takes the named offer for one voucher: the debtor pays it now, discounted; it is SETTLED. */
    Take: write<Voucher>()('Take', { offerId: str, voucherId: str }),
    Get: read<EarlyPaymentOffer>()('Get', { id: str }),
  },
  writeoff: {
    /**
     * A bank's approver sets its write-off stages, in the transient map only (with a fresh salt): they
     * are kept in the bank org's own collection and the public ledger learns nothing of them.
     */
    SetStages: write<WriteOffBookRef>()<Record<string, never>, { stages: WriteOffStagesInput }>(
      'SetStages',
      noArgs,
      { stages: json<WriteOffStagesInput>() },
    ),
    /**
     * The disbursing bank's approver writes off a DISBURSED financing whose voucher is overdue, saying
     * why; financing, reason and salt travel in the transient map and are kept privately like the stages.
     */
    Record: write<WriteOffBookRef>()<Record<string, never>, { writeOff: WriteOffInput }>('Record', noArgs, {
      writeOff: json<WriteOffInput>(),
    }),
    /** The bank's own book, for a user of that bank on a peer of its org. */
    GetBook: read<WriteOffBook>()('GetBook', { bankId: str }),
    /** The book of a bank the caller's org hosts, for an org admin identity (the read-model projector). */
    GetOrgBook: read<WriteOffBook>()('GetOrgBook', { bankId: str }),
  },
  creditnote: {
    /** The invoice's seller registers a credit note (dilution) on it: amount in fen, why, its document's hash. */
    Register: write<CreditNote>()('Register', {
      invoiceId: str,
      amount: str,
      reasonKind: oneOf<CreditNoteReason>(),
      reason: str,
      documentHash: str,
    }),
    /** The buyer's approver accepts it: the invoice is credited and its voucher pieces diluted. */
    Accept: write<CreditNote>()('Accept', { creditNoteId: str }),
    /** The buyer's approver declines it, saying why. */
    Decline: write<CreditNote>()('Decline', { creditNoteId: str, reason: str }),
    /** The seller takes back a credit note the buyer has not decided on. */
    Withdraw: write<CreditNote>()('Withdraw', { creditNoteId: str }),
    /** One credit note, for its seller and buyer. */
    Get: read<CreditNote>()('Get', { id: str }),
    /** One dilution claim, for its creditor and its debtor (the seller). */
    GetClaim: read<DilutionClaim>()('GetClaim', { id: str }),
  },
  warehouse: {
    /** The keeper (a logistics enterprise) issues a receipt for goods it holds for their owner. */
    Issue: write<WarehouseReceipt>()('Issue', {
      number: str,
      ownerId: str,
      goods: str,
      quantity: int,
      unit: str,
      location: str,
      inspectionDocHash: str,
    }),
    /** The owner's approver passes an ISSUED receipt to another supplier or core enterprise. */
    Transfer: write<WarehouseReceipt>()('Transfer', { receiptId: str, toOwnerId: str }),
    /**
     * The owner applies to a bank for `amount` fen until `maturityDate` on its receipt: an APPLIED
     * financing (offered, accepted and disbursed like a voucher's), the receipt PLEDGED.
     */
    Pledge: write<Financing>()('Pledge', { receiptId: str, bankId: str, amount: str, maturityDate: str }),
    /** The pledgee bank's approver consents to release goods while its financing is open. */
    ConsentRelease: write<WarehouseReceipt>()('ConsentRelease', { receiptId: str }),
    /** The owner's approver asks for its goods (with the bank's consent while pledged). */
    RequestRelease: write<WarehouseReceipt>()('RequestRelease', { receiptId: str }),
    /** The keeper confirms the goods went out: RELEASED. */
    ConfirmOut: write<WarehouseReceipt>()('ConfirmOut', { receiptId: str }),
    /** The bank's approver records the owner's repayment: the financing SETTLED, the receipt free. */
    Repay: write<Financing>()('Repay', { financingId: str, paymentReference: str }),
    Get: read<WarehouseReceipt>()('Get', { id: str }),
  },
  ledger: {
    /** Every stored version of one record, oldest first. */
    GetHistory: read<unknown[]>()('GetHistory', { type: oneOf<ObjectType>(), id: str }),
    /** Every record of one type, a page at a time (reconcile). */
    ListAll: read<Page<LedgerRecord>>()('ListAll', {
      type: oneOf<ObjectType>(),
      pageSize: int,
      bookmark: str,
    }),
  },
  smoke: {
    WhoAmI: read<Caller>()('WhoAmI', noArgs),
  },
  /** Only on a chaincode started with SCF_CHAINCODE_TEST_CONTRACTS=1. */
  test: {
    PutNote: write<Note>()('PutNote', { key: str, text: str }),
    GetNote: read<Note>()('GetNote', { key: str }),
    EmitRaw: write<RawEventMark>()('EmitRaw', { eventName: str, payloadJson: str }),
  },
} as const;

export type Namespace = keyof typeof Transactions;

/** Arguments, result and transient inputs of a transaction spec. */
export type ArgsOf<S> = S extends TransactionSpec<infer A, unknown, object> ? A : never;
export type ResultOf<S> = S extends TransactionSpec<object, infer R, object> ? R : never;
export type TransientOf<S> = S extends TransactionSpec<object, unknown, infer T> ? T : never;

/** The wire arguments of a call, in the chaincode's order. */
export function encodeArgs<A extends object>(spec: TransactionSpec<A, unknown, object>, args: A): string[] {
  const codecs: Record<string, Arg<unknown>> = spec.args;
  const values = args as Record<string, unknown>;
  return Object.keys(codecs).map((key) => (codecs[key] as Arg<unknown>).encode(values[key]));
}

/** The wire arguments of a call by name, as an approval carries a prepared action's (approval:Prepare). */
export function encodeNamedArgs<A extends object>(
  spec: TransactionSpec<A, unknown, object>,
  args: A,
): Record<string, string> {
  const wire = encodeArgs(spec, args);
  return Object.fromEntries(Object.keys(spec.args).map((key, index) => [key, wire[index] ?? '']));
}

/**
 * The transient map of a call, each value encoded; an absent one (encoded as the empty string) is
 * left out, so that a call with nothing private carries no transient map at all.
 */
export function encodeTransient<T extends object>(
  spec: TransactionSpec<object, unknown, T>,
  transient: T,
): Record<string, string> {
  const codecs: Record<string, Arg<unknown>> = spec.transient;
  const values = transient as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(codecs)
      .map((key) => [key, (codecs[key] as Arg<unknown>).encode(values[key])] as const)
      .filter(([, value]) => value !== ''),
  );
}
