import type { LedgerRecord } from './record.ts';

export const WarehouseReceiptStatuses = ['ISSUED', 'PLEDGED', 'RELEASE_REQUESTED', 'RELEASED'] as const;
export type WarehouseReceiptStatus = (typeof WarehouseReceiptStatuses)[number];

/** The pledgee bank's consent to release goods while its financing of the receipt is open. */
export interface ReleaseConsent {
  bankId: string;
  financingId: string;
  consentedAt: string;
}

/**
 * An electronic warehouse receipt (仓单): goods a logistics enterprise keeps for their owner. The owner
 * may pledge it to a bank (a financing names it as `receiptId`); while that financing is open the
 * receipt is PLEDGED and names it (`financingId`).
 */
export interface WarehouseReceipt extends LedgerRecord {
  docType: 'warehousereceipt';
  /** The keeper's own receipt number, unique to the keeper. */
  number: string;
  /** The LOGISTICS enterprise that keeps the goods and issued the receipt. */
  keeperId: string;
  /** The SUPPLIER or CORE enterprise that owns the goods. */
  ownerId: string;
  goods: string;
  /** Whole units of `unit`. */
  quantity: number;
  unit: string;
  location: string;
  /** SHA-256 of the inspection document the keeper holds. */
  inspectionDocHash: string;
  status: WarehouseReceiptStatus;
  issuedAt: string;
  /** The open financing the receipt is pledged for. */
  financingId?: string;
  releaseConsent?: ReleaseConsent;
  releaseRequestedAt?: string;
  releasedAt?: string;
}
