import type {
  Approval,
  BenchmarkRate,
  Charter,
  CharterProposal,
  CreditLine,
  CreditNote,
  DilutionClaim,
  EarlyPaymentOffer,
  Enterprise,
  Financing,
  Invoice,
  LedgerRecord,
  ObjectType,
  OfferTerms,
  QuoteRequest,
  Shipment,
  Voucher,
  WarehouseReceipt,
} from '@scf/ledger-contract';
import { lateInterestRateOf } from '@scf/ledger-contract';
import type { Tx } from '../db/client.ts';
import type { Prisma } from '../db/generated/client.ts';
import { upsertRow } from './row-upsert.ts';
import { ENTITY_KINDS, type EntityOf, type ReadEntity, type WriteRows } from '../read-model/entity-kinds.ts';

const day = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);
const optionalDay = (iso: string | undefined): Date | null => (iso ? day(iso) : null);
const optionalInstant = (iso: string | undefined): Date | null => (iso ? new Date(iso) : null);

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

/** A voucher's late-interest rate and what its settlement paid on top of the principal (decree 802 Art. 17). */
function lateInterestColumns(r: Voucher) {
  const rate = lateInterestRateOf(r);
  const paid = r.settlement?.lateInterest;
  return {
    lateRateBasis: rate.basis,
    lateRateBps: rate.basis === 'AGREED' ? rate.annualBps : rate.dailyBps,
    lateAgreedBps: rate.basis === 'AGREED' ? rate.agreedAnnualBps : null,
    lateFloorBps: rate.basis === 'AGREED' ? rate.lprFloorBps : null,
    paidLateInterest: paid ? BigInt(paid.amount) : null,
    paidLateDays: paid ? paid.days : null,
    paidTotal: r.settlement?.total ? BigInt(r.settlement.total) : null,
  };
}

/** The debtor's dispute carried by the piece holding the disputed amount (Art. 15). */
function disputeColumns(r: Voucher) {
  const dispute = r.dispute;
  return {
    disputeStatus: dispute?.status ?? null,
    disputedAmount: dispute ? BigInt(dispute.amount) : null,
    disputeReason: dispute?.reason ?? null,
    disputedBy: dispute?.raisedBy ?? null,
    disputedAt: optionalInstant(dispute?.raisedAt),
    undisputedId: dispute?.undisputedId ?? null,
    disputeEndedBy: dispute?.resolvedBy ?? null,
    disputeEndedAt: optionalInstant(dispute?.resolvedAt),
  };
}

/** A voucher paid early under its debtor's offer (dynamic discounting): what the payment was priced with. */
function earlyPaymentColumns(r: Voucher) {
  const early = r.settlement?.earlyPayment;
  return {
    earlyOfferId: early?.offerId ?? null,
    earlyRateBps: early?.rateBps ?? null,
    earlyDays: early?.days ?? null,
    earlyDiscount: early ? BigInt(early.discount) : null,
  };
}

/** The ledger's record type of each object type. */
interface LedgerRecords {
  enterprise: Enterprise;
  invoice: Invoice;
  shipment: Shipment;
  voucher: Voucher;
  creditline: CreditLine;
  // A rate written before the quorum rule has neither: it was in force on one bank's word.
  rate: Omit<BenchmarkRate, 'status' | 'attestations'> & Partial<BenchmarkRate>;
  financing: Financing;
  quoterequest: QuoteRequest;
  charter: Charter;
  charterproposal: CharterProposal;
  approval: Approval;
  earlypayoffer: EarlyPaymentOffer;
  creditnote: CreditNote;
  dilutionclaim: DilutionClaim;
  warehousereceipt: WarehouseReceipt;
}

/** A row the projector writes, of any entity. */
export type Row = WriteRows[ReadEntity];

/**
 * How each ledger record becomes a row of its table, typed with Prisma's create input for that table
 * (see ENTITY_KINDS): a column renamed in the Prisma schema fails to compile here.
 */
const ROWS: { [T in ObjectType]: (record: LedgerRecords[T], blockNumber: bigint) => WriteRows[EntityOf<T>] } =
  {
    enterprise: (r, blockNumber) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      hostMsp: r.hostMsp,
      status: r.status,
      fourEyes: r.fourEyes ?? false,
      ...proof(r, blockNumber),
    }),
    invoice: (r, blockNumber) => ({
      id: r.id,
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
      deliveredOn: optionalDay(r.deliveredOn),
      paymentTermExceeded: r.paymentTermExceeded ?? false,
      creditedAmount: BigInt(r.creditedAmount ?? '0'),
      ...proof(r, blockNumber),
    }),
    shipment: (r, blockNumber) => ({
      id: r.id,
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
    }),
    voucher: (r, blockNumber) => ({
      id: r.id,
      number: r.number ?? null,
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
      quoteRequestId: r.quoteRequestId ?? null,
      paidTo: r.settlement?.paidTo ?? null,
      paymentReference: r.settlement?.paymentReference ?? null,
      paidAt: r.settlement ? new Date(r.settlement.paidAt) : null,
      longTerm: r.longTerm ?? false,
      transferredFrom: r.transfer?.fromId ?? null,
      consentStatus: r.transfer?.status ?? null,
      consentDecidedAt: r.transfer?.decidedAt ? new Date(r.transfer.decidedAt) : null,
      declineReason: r.transfer?.reason ?? null,
      returnedAs: r.transfer?.returnedAs ?? null,
      returnOf: r.returnOf ?? null,
      ...lateInterestColumns(r),
      ...disputeColumns(r),
      ...earlyPaymentColumns(r),
      dilutionNoteId: r.dilution?.creditNoteId ?? null,
      dilutedAmount: r.dilution ? BigInt(r.dilution.amount) : null,
      ...proof(r, blockNumber),
    }),
    creditline: (r, blockNumber) => ({
      id: r.id,
      bankId: r.bankId,
      debtorId: r.debtorId,
      limit: BigInt(r.limit),
      used: BigInt(r.used),
      expiryDate: day(r.expiryDate),
      status: r.status,
      ...proof(r, blockNumber),
    }),
    rate: (r, blockNumber) => ({
      id: r.id,
      tenor: r.tenor,
      rateBps: r.rateBps,
      effectiveDate: day(r.effectiveDate),
      publishedBy: r.publishedBy,
      status: r.status ?? 'PUBLISHED',
      attestations: (r.attestations ?? []).map((a) => ({ ...a })),
      ...proof(r, blockNumber),
    }),
    financing: (r, blockNumber) => ({
      id: r.id,
      voucherId: r.voucherId ?? null,
      receiptId: r.receiptId ?? null,
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
      repaymentReference: r.repaymentReference ?? null,
      repaidAt: optionalInstant(r.repaidAt),
      registrationNumber: r.registration?.registrationNumber ?? null,
      registeredAt: optionalInstant(r.registration?.registeredAt),
      registrantId: r.registration?.registrantId ?? null,
      registrantMsp: r.registration?.registrantMsp ?? null,
      registrySearchedAt: optionalInstant(r.registration?.searchedAt),
      registrySearchResult: (r.registration?.searchResult ?? []).map((entry) => ({ ...entry })),
      noticedAt: optionalInstant(r.assignmentNotice?.noticedAt),
      recourseDemandedAt: optionalInstant(r.recourseDemand?.demandedAt),
      recourseDemandedBy: r.recourseDemand?.demandedBy ?? null,
      recourseAmount: r.recourseDemand ? BigInt(r.recourseDemand.amount) : null,
      boughtBackAt: optionalInstant(r.buyBack?.recordedAt),
      boughtBackBy: r.buyBack?.recordedBy ?? null,
      buyBackReference: r.buyBack?.paymentReference ?? null,
      quoteRequestId: r.quoteRequestId ?? null,
      ...proof(r, blockNumber),
    }),
    quoterequest: (r, blockNumber) => ({
      id: r.id,
      voucherId: r.voucherId,
      applicantId: r.applicantId,
      debtorId: r.debtorId,
      amount: BigInt(r.amount),
      maturityDate: day(r.maturityDate),
      bankIds: [...r.bankIds],
      financingIds: [...r.financingIds],
      validUntil: day(r.validUntil),
      status: r.status,
      acceptedFinancingId: r.acceptedFinancingId ?? null,
      ...proof(r, blockNumber),
    }),
    charter: (r, blockNumber) => ({
      id: r.id,
      version: r.version,
      members: r.members.map((m) => ({ mspId: m.mspId, kinds: [...m.kinds] })),
      ratePublishers: [...r.ratePublishers],
      rateQuorum: r.rateQuorum,
      exposureCaps: { ...r.exposureCaps },
      ...proof(r, blockNumber),
    }),
    charterproposal: (r, blockNumber) => ({
      id: r.id,
      baseVersion: r.baseVersion,
      terms: {
        members: r.terms.members.map((m) => ({ mspId: m.mspId, kinds: [...m.kinds] })),
        ratePublishers: [...r.terms.ratePublishers],
        rateQuorum: r.terms.rateQuorum,
        ...(r.terms.exposureCaps ? { exposureCaps: { ...r.terms.exposureCaps } } : {}),
      },
      approvals: [...r.approvals],
      status: r.status,
      proposedBy: r.proposedBy,
      ...proof(r, blockNumber),
    }),
    approval: (r, blockNumber) => ({
      id: r.id,
      enterpriseId: r.enterpriseId,
      action: r.action,
      args: { ...r.args },
      preparedByMsp: r.preparedByMsp,
      preparedBy: r.preparedBy,
      preparedAt: new Date(r.preparedAt),
      status: r.status,
      decidedByMsp: r.decidedByMsp ?? null,
      decidedBy: r.decidedBy ?? null,
      decidedAt: optionalInstant(r.decidedAt),
      reason: r.reason ?? null,
      resultId: r.resultId ?? null,
      ...proof(r, blockNumber),
    }),
    earlypayoffer: (r, blockNumber) => ({
      id: r.id,
      debtorId: r.debtorId,
      annualDiscountBps: r.annualDiscountBps,
      tierDiscountBps: { ...r.tierDiscountBps },
      budget: BigInt(r.budget),
      consumed: BigInt(r.consumed),
      taken: r.taken,
      status: r.status,
      validUntil: optionalDay(r.validUntil),
      closedAt: optionalInstant(r.closedAt),
      ...proof(r, blockNumber),
    }),
    creditnote: (r, blockNumber) => ({
      id: r.id,
      invoiceId: r.invoiceId,
      sellerId: r.sellerId,
      buyerId: r.buyerId,
      amount: BigInt(r.amount),
      reasonKind: r.reasonKind,
      reason: r.reason,
      documentHash: r.documentHash,
      status: r.status,
      declineReason: r.declineReason ?? null,
      decidedAt: optionalInstant(r.decidedAt),
      reductions: (r.dilution?.reductions ?? []).map((reduction) => ({ ...reduction })),
      claimIds: [...(r.dilution?.claimIds ?? [])],
      ...proof(r, blockNumber),
    }),
    dilutionclaim: (r, blockNumber) => ({
      id: r.id,
      creditNoteId: r.creditNoteId,
      invoiceId: r.invoiceId,
      kind: r.kind,
      creditorId: r.creditorId,
      debtorId: r.debtorId,
      amount: BigInt(r.amount),
      voucherId: r.voucherId ?? null,
      financingId: r.financingId ?? null,
      status: r.status,
      ...proof(r, blockNumber),
    }),
    warehousereceipt: (r, blockNumber) => ({
      id: r.id,
      number: r.number,
      keeperId: r.keeperId,
      ownerId: r.ownerId,
      goods: r.goods,
      quantity: r.quantity,
      unit: r.unit,
      location: r.location,
      inspectionDocHash: r.inspectionDocHash,
      status: r.status,
      issuedAt: new Date(r.issuedAt),
      financingId: r.financingId ?? null,
      releaseConsentBy: r.releaseConsent?.bankId ?? null,
      releaseConsentAt: optionalInstant(r.releaseConsent?.consentedAt),
      releaseRequestedAt: optionalInstant(r.releaseRequestedAt),
      releasedAt: optionalInstant(r.releasedAt),
      ...proof(r, blockNumber),
    }),
  };

/** The row a ledger record becomes in its table (the projector writes it; reconcile compares it). */
export function toRow(record: LedgerRecord, blockNumber: bigint): Row {
  // The docType names the record's type; the ledger's LedgerRecord does not narrow on it.
  const build = ROWS[record.docType] as (record: LedgerRecord, blockNumber: bigint) => Row;
  return build(record, blockNumber);
}

/**
 * Writes one ledger record, as the chaincode event carried it, into its table. Upserts: the
 * checkpoint written in the same SQL transaction guarantees each event is applied once, and an
 * upsert keeps a replay after a crash between commit and acknowledgement harmless too.
 */
export async function projectRecord(tx: Tx, record: LedgerRecord, blockNumber: bigint): Promise<void> {
  await upsertRow(tx, ENTITY_KINDS[record.docType].entity, toRow(record, blockNumber));
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
    recourse: terms.recourse,
    termsHash,
    fetchedAt: new Date(),
  };
}
