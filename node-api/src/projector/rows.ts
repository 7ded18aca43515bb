import type { BenchmarkRate } from '../../../chaincode/src/model/benchmark-rate.ts';
import type { CreditLine } from '../../../chaincode/src/model/credit-line.ts';
import type { Enterprise } from '../../../chaincode/src/model/enterprise.ts';
import type { Financing } from '../../../chaincode/src/model/financing.ts';
import type { Invoice } from '../../../chaincode/src/model/invoice.ts';
import type { LedgerRecord } from '../../../chaincode/src/model/record.ts';
import type { Shipment } from '../../../chaincode/src/model/shipment.ts';
import type { Voucher } from '../../../chaincode/src/model/voucher.ts';
import type { Database } from '../db/client.ts';

/** The interactive-transaction client Prisma passes to `$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Database['$transaction']>[0]>[0];

const day = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);
const optionalDay = (iso: string | undefined): Date | null => (iso ? day(iso) : null);

/** Columns every ledger row carries: when, by whom, and its proof (transaction and block). */
function proof(record: LedgerRecord, blockNumber: bigint) {
  return {
    createdAt: new Date(record.createdAt),
    updatedAt: new Date(record.updatedAt),
    updatedBy: record.updatedBy,
    txId: record.txId,
    blockNumber,
  };
}

/**
 * Writes one ledger record, as the chaincode event carried it, into its table. Upserts: the
 * checkpoint written in the same SQL transaction guarantees each event is applied once, and an
 * upsert keeps a replay after a crash between commit and acknowledgement harmless too.
 */
export async function projectRecord(tx: Tx, record: LedgerRecord, blockNumber: bigint): Promise<void> {
  const id = record.id;
  switch (record.docType) {
    case 'enterprise': {
      const r = record as Enterprise;
      const row = {
        id,
        name: r.name,
        kind: r.kind,
        hostMsp: r.hostMsp,
        status: r.status,
        ...proof(r, blockNumber),
      };
      await tx.enterprise.upsert({ where: { id }, create: row, update: row });
      return;
    }
    case 'invoice': {
      const r = record as Invoice;
      const row = {
        id,
        number: r.number,
        sellerId: r.sellerId,
        buyerId: r.buyerId,
        amount: BigInt(r.amount),
        paidAmount: BigInt(r.paidAmount),
        currency: r.currency,
        issueDate: day(r.issueDate),
        dueDate: day(r.dueDate),
        documentHash: r.documentHash,
        purchaseOrderNumber: r.purchaseOrderNumber ?? null,
        status: r.status,
        deliveryWaived: r.deliveryWaived ?? false,
        rejectionReason: r.rejectionReason ?? null,
        voucherId: r.voucherId ?? null,
        ...proof(r, blockNumber),
      };
      await tx.invoice.upsert({ where: { id }, create: row, update: row });
      return;
    }
    case 'shipment': {
      const r = record as Shipment;
      const row = {
        id,
        invoiceId: r.invoiceId,
        logisticsId: r.logisticsId,
        waybillNumber: r.waybillNumber,
        origin: r.origin,
        destination: r.destination,
        documentHash: r.documentHash,
        status: r.status,
        pickedUpAt: new Date(r.pickedUpAt),
        deliveredAt: r.deliveredAt ? new Date(r.deliveredAt) : null,
        deliveryDocumentHash: r.deliveryDocumentHash ?? null,
        ...proof(r, blockNumber),
      };
      await tx.shipment.upsert({ where: { id }, create: row, update: row });
      return;
    }
    case 'voucher': {
      const r = record as Voucher;
      const row = {
        id,
        debtorId: r.debtorId,
        holderId: r.holderId,
        amount: BigInt(r.amount),
        currency: r.currency,
        maturityDate: day(r.maturityDate),
        rootId: r.rootId,
        parentId: r.parentId ?? null,
        tier: r.tier,
        status: r.status,
        invoiceId: r.invoiceId,
        financingId: r.financingId ?? null,
        paidTo: r.settlement?.paidTo ?? null,
        paymentReference: r.settlement?.paymentReference ?? null,
        paidAt: r.settlement ? new Date(r.settlement.paidAt) : null,
        ...proof(r, blockNumber),
      };
      await tx.voucher.upsert({ where: { id }, create: row, update: row });
      return;
    }
    case 'creditline': {
      const r = record as CreditLine;
      const row = {
        id,
        bankId: r.bankId,
        debtorId: r.debtorId,
        limit: BigInt(r.limit),
        used: BigInt(r.used),
        expiryDate: day(r.expiryDate),
        status: r.status,
        ...proof(r, blockNumber),
      };
      await tx.creditLine.upsert({ where: { id }, create: row, update: row });
      return;
    }
    case 'rate': {
      const r = record as BenchmarkRate;
      const row = {
        id,
        tenor: r.tenor,
        rateBps: r.rateBps,
        effectiveDate: day(r.effectiveDate),
        publishedBy: r.publishedBy,
        ...proof(r, blockNumber),
      };
      await tx.benchmarkRate.upsert({ where: { id }, create: row, update: row });
      return;
    }
    case 'financing': {
      const r = record as Financing;
      const row = {
        id,
        voucherId: r.voucherId,
        applicantId: r.applicantId,
        bankId: r.bankId,
        debtorId: r.debtorId,
        amount: BigInt(r.amount),
        maturityDate: day(r.maturityDate),
        status: r.status,
        termsHash: r.termsHash ?? null,
        offerValidUntil: optionalDay(r.offerValidUntil),
        paymentReference: r.paymentReference ?? null,
        rejectionReason: r.rejectionReason ?? null,
        ...proof(r, blockNumber),
      };
      await tx.financing.upsert({ where: { id }, create: row, update: row });
      return;
    }
  }
}
