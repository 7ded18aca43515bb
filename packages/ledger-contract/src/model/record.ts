/** Object types on the ledger; each is also the composite-key prefix of its records. */
export const ObjectTypes = {
  Enterprise: 'enterprise',
  Invoice: 'invoice',
  Shipment: 'shipment',
  Voucher: 'voucher',
  CreditLine: 'creditline',
  BenchmarkRate: 'rate',
  Financing: 'financing',
  Charter: 'charter',
  CharterProposal: 'charterproposal',
  Approval: 'approval',
  EarlyPaymentOffer: 'earlypayoffer',
  CreditNote: 'creditnote',
  DilutionClaim: 'dilutionclaim',
  WarehouseReceipt: 'warehousereceipt',
  QuoteRequest: 'quoterequest',
} as const;

export type ObjectType = (typeof ObjectTypes)[keyof typeof ObjectTypes];

/** Fields every ledger record carries; the store stamps the last four on every write. */
export interface LedgerRecord {
  docType: ObjectType;
  id: string;
  createdAt: string;
  updatedAt: string;
  /** The transaction that last wrote the record. */
  txId: string;
  /** Who last wrote it: enterprise id, role and MSP of the caller. */
  updatedBy: string;
}
