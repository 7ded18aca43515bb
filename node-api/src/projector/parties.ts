import type { LedgerRecord } from '@scf/ledger-contract';
import type { Change } from '../services/change-feed.ts';
import type { Tx } from './rows.ts';

/** Enterprises an object names, straight from its record; a shipment also names its invoice's parties. */
export async function partiesOf(tx: Tx, record: LedgerRecord): Promise<string[]> {
  const r = record as unknown as Record<string, unknown>;
  const named = ['sellerId', 'buyerId', 'holderId', 'debtorId', 'applicantId', 'bankId', 'logisticsId']
    .map((field) => r[field])
    .filter((value): value is string => typeof value === 'string');
  if (record.docType === 'shipment' && typeof r.invoiceId === 'string') {
    const invoice = await tx.invoice.findUnique({
      where: { id: r.invoiceId },
      select: { sellerId: true, buyerId: true },
    });
    if (invoice) named.push(invoice.sellerId, invoice.buyerId);
  }
  if (record.docType === 'voucher' && typeof r.financingId === 'string') {
    const financing = await tx.financing.findUnique({
      where: { id: r.financingId },
      select: { bankId: true },
    });
    if (financing) named.push(financing.bankId);
  }
  return [...new Set(named)];
}

export function changeOf(
  record: LedgerRecord,
  parties: string[],
  position: { transactionId: string; blockNumber: bigint },
): Change {
  return { type: record.docType, id: record.id, parties, ...position };
}
