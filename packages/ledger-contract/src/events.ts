import type { ExposureDelta } from './model/exposure.ts';
import type { LedgerRecord } from './model/record.ts';

/**
 * Chaincode event names. Every write emits exactly one; its payload is an EventPayload: the records
 * the transaction wrote, as stored. The node API's projector reads them.
 */
export const Events = {
  NotePut: 'NotePut',
  EnterpriseRegistered: 'EnterpriseRegistered',
  EnterpriseStatusChanged: 'EnterpriseStatusChanged',
  InvoiceRegistered: 'InvoiceRegistered',
  InvoiceConfirmed: 'InvoiceConfirmed',
  InvoiceRejected: 'InvoiceRejected',
  InvoiceCancelled: 'InvoiceCancelled',
  ShipmentPickedUp: 'ShipmentPickedUp',
  ShipmentDelivered: 'ShipmentDelivered',
  VoucherSplit: 'VoucherSplit',
  VoucherTransferAccepted: 'VoucherTransferAccepted',
  VoucherTransferDeclined: 'VoucherTransferDeclined',
  VoucherTransferWithdrawn: 'VoucherTransferWithdrawn',
  CreditLineGranted: 'CreditLineGranted',
  CreditLineChanged: 'CreditLineChanged',
  BenchmarkRateProposed: 'BenchmarkRateProposed',
  BenchmarkRatePublished: 'BenchmarkRatePublished',
  FinancingApplied: 'FinancingApplied',
  FinancingOffered: 'FinancingOffered',
  FinancingAccepted: 'FinancingAccepted',
  FinancingDisbursed: 'FinancingDisbursed',
  FinancingRejected: 'FinancingRejected',
  FinancingWithdrawn: 'FinancingWithdrawn',
  FinancingExpired: 'FinancingExpired',
  /** A request for quotes opened: the request, one financing per bank, the locked voucher. */
  QuotesRequested: 'QuotesRequested',
  /** A request's offer accepted: the financing, its lapsed siblings, the request and the voucher. */
  QuoteAccepted: 'QuoteAccepted',
  /** A request withdrawn by its applicant: its open financings, the request and the freed voucher. */
  QuoteRequestWithdrawn: 'QuoteRequestWithdrawn',
  /** A request closed after its deadline: its lapsed financings, the request and the freed voucher. */
  QuoteRequestExpired: 'QuoteRequestExpired',
  RecourseDemanded: 'RecourseDemanded',
  FinancingBoughtBack: 'FinancingBoughtBack',
  VoucherSettled: 'VoucherSettled',
  VouchersOverdue: 'VouchersOverdue',
  VoucherDisputed: 'VoucherDisputed',
  VoucherDisputeResolved: 'VoucherDisputeResolved',
  CharterEstablished: 'CharterEstablished',
  CharterProposed: 'CharterProposed',
  CharterProposalApproved: 'CharterProposalApproved',
  CharterAmended: 'CharterAmended',
  EnterpriseFourEyesChanged: 'EnterpriseFourEyesChanged',
  ApprovalPrepared: 'ApprovalPrepared',
  ApprovalApproved: 'ApprovalApproved',
  ApprovalRejected: 'ApprovalRejected',
  ApprovalWithdrawn: 'ApprovalWithdrawn',
  EarlyPaymentOfferPublished: 'EarlyPaymentOfferPublished',
  EarlyPaymentOfferClosed: 'EarlyPaymentOfferClosed',
  EarlyPaymentTaken: 'EarlyPaymentTaken',
  /** A bank's private write-off book changed (stages set, or a write-off recorded): no records. */
  WriteOffBookChanged: 'WriteOffBookChanged',
  CreditNoteRegistered: 'CreditNoteRegistered',
  CreditNoteAccepted: 'CreditNoteAccepted',
  CreditNoteDeclined: 'CreditNoteDeclined',
  CreditNoteWithdrawn: 'CreditNoteWithdrawn',
  WarehouseReceiptIssued: 'WarehouseReceiptIssued',
  WarehouseReceiptTransferred: 'WarehouseReceiptTransferred',
  /** The owner applied to a bank on a receipt: the new financing and the PLEDGED receipt. */
  WarehouseReceiptPledged: 'WarehouseReceiptPledged',
  WarehouseReceiptReleaseConsented: 'WarehouseReceiptReleaseConsented',
  WarehouseReceiptReleaseRequested: 'WarehouseReceiptReleaseRequested',
  WarehouseReceiptReleased: 'WarehouseReceiptReleased',
  /** The bank recorded the owner's repayment: the SETTLED financing and the freed receipt. */
  WarehouseFinancingRepaid: 'WarehouseFinancingRepaid',
} as const;

export type EventName = (typeof Events)[keyof typeof Events];

export interface EventPayload {
  records: LedgerRecord[];
  /** What the transaction changed in debtors' consortium-wide figures; absent when nothing. */
  exposure?: ExposureDelta[];
  /**
   * Banks whose private write-off book the transaction changed: each bank's own node fetches its book
   * from its org's collection; the event says nothing else of it.
   */
  writeOffBooks?: string[];
}
