import type {
  BenchmarkRate,
  Charter,
  CharterProposal,
  CreditLine,
  Enterprise,
  Financing,
  Invoice,
  LedgerRecord,
  OfferTerms,
  Shipment,
  Voucher,
} from '@scf/ledger-contract';
import type { Database } from '../db/client.ts';
import type { Prisma } from '../db/generated/client.ts';

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

/** The read-model table (Prisma delegate) of each ledger object type. */
export const TABLES = {
  enterprise: 'enterprise',
  invoice: 'invoice',
  shipment: 'shipment',
  voucher: 'voucher',
  creditline: 'creditLine',
  rate: 'benchmarkRate',
  financing: 'financing',
  charter: 'charter',
  charterproposal: 'charterProposal',
} as const satisfies Record<LedgerRecord['docType'], string>;

export type Table = (typeof TABLES)[keyof typeof TABLES];
export type Row = Record<string, unknown> & { id: string };

/** The row a ledger record becomes in its table (the projector writes it; reconcile compares it). */
export function toRow(record: LedgerRecord, blockNumber: bigint): Row {
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
      return row;
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
      return row;
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
      return row;
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
      return row;
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
      return row;
    }
    case 'rate': {
      // A rate written before the quorum rule has neither: it was in force on one bank's word.
      const r = record as Omit<BenchmarkRate, 'status' | 'attestations'> & Partial<BenchmarkRate>;
      const row = {
        id,
        tenor: r.tenor,
        rateBps: r.rateBps,
        effectiveDate: day(r.effectiveDate),
        publishedBy: r.publishedBy,
        status: r.status ?? 'PUBLISHED',
        attestations: (r.attestations ?? []).map((a) => ({ ...a })),
        ...proof(r, blockNumber),
      };
      return row;
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
      return row;
    }
    case 'charter': {
      const r = record as Charter;
      const row = {
        id,
        version: r.version,
        members: r.members.map((m) => ({ mspId: m.mspId, kinds: [...m.kinds] })),
        ratePublishers: [...r.ratePublishers],
        rateQuorum: r.rateQuorum,
        ...proof(r, blockNumber),
      };
      return row;
    }
    case 'charterproposal': {
      const r = record as CharterProposal;
      const row = {
        id,
        baseVersion: r.baseVersion,
        terms: {
          members: r.terms.members.map((m) => ({ mspId: m.mspId, kinds: [...m.kinds] })),
          ratePublishers: [...r.terms.ratePublishers],
          rateQuorum: r.terms.rateQuorum,
        },
        approvals: [...r.approvals],
        status: r.status,
        proposedBy: r.proposedBy,
        ...proof(r, blockNumber),
      };
      return row;
    }
  }
}

interface Upserter {
  upsert: (args: { where: { id: string }; create: Row; update: Row }) => Promise<unknown>;
}

/**
 * Writes one ledger record, as the chaincode event carried it, into its table. Upserts: the
 * checkpoint written in the same SQL transaction guarantees each event is applied once, and an
 * upsert keeps a replay after a crash between commit and acknowledgement harmless too.
 */
export async function projectRecord(tx: Tx, record: LedgerRecord, blockNumber: bigint): Promise<void> {
  const row = toRow(record, blockNumber);
  const table = tx[TABLES[record.docType]] as unknown as Upserter;
  await table.upsert({ where: { id: row.id }, create: row, update: row });
}

/** The private offer terms this org holds, as a row of `offer_terms`. */
export function termsRow(terms: OfferTerms, termsHash: string): Prisma.OfferTermsUncheckedCreateInput {
  return {
    financingId: terms.financingId,
    faceAmount: BigInt(terms.faceAmount),
    advanceRateBps: terms.advanceRateBps,
    financedAmount: BigInt(terms.financedAmount),
    lprTenor: terms.lprTenor,
    lprBps: terms.lprBps,
    spreadBps: terms.spreadBps,
    annualRateBps: terms.annualRateBps,
    days: terms.days,
    discountInterest: BigInt(terms.discountInterest),
    fees: BigInt(terms.fees),
    netProceeds: BigInt(terms.netProceeds),
    validUntil: day(terms.validUntil),
    termsHash,
    fetchedAt: new Date(),
  };
}
