import type { Context } from 'fabric-contract-api';
import type { LedgerRecord } from '../model/record';
import { marshal } from './json';

/**
 * Chaincode event names. Every write emits exactly one; the node API imports these names. The
 * payload is an EventPayload: the records the transaction wrote, as stored.
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
  VoucherSettled: 'VoucherSettled',
  VouchersOverdue: 'VouchersOverdue',
  CharterEstablished: 'CharterEstablished',
  CharterProposed: 'CharterProposed',
  CharterProposalApproved: 'CharterProposalApproved',
  CharterAmended: 'CharterAmended',
} as const;

export type EventName = (typeof Events)[keyof typeof Events];

export interface EventPayload {
  records: LedgerRecord[];
}

/** Emits the transaction's one event. Fabric keeps only the last event of a transaction. */
export function emit(ctx: Context, name: EventName, records: LedgerRecord[]): void {
  const payload: EventPayload = { records };
  ctx.stub.setEvent(name, Buffer.from(marshal(payload)));
}
