import type { LedgerRecord } from './record.ts';

export const ShipmentStatuses = ['PICKED_UP', 'DELIVERED'] as const;
export type ShipmentStatus = (typeof ShipmentStatuses)[number];

/** Goods moving for an invoice, recorded by a logistics enterprise. */
export interface Shipment extends LedgerRecord {
  docType: 'shipment';
  invoiceId: string;
  logisticsId: string;
  waybillNumber: string;
  origin: string;
  destination: string;
  documentHash: string;
  status: ShipmentStatus;
  pickedUpAt: string;
  deliveredAt?: string;
  deliveryDocumentHash?: string;
}
