import { ObjectTypes, type ObjectType } from '@scf/ledger-contract';
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
  Prisma,
  QuoteRequest,
  Shipment,
  Voucher,
  WarehouseReceipt,
} from '../db/generated/client.ts';

/**
 * Each kind of ledger object as the node holds it: the ledger's object type (its `docType`, what
 * `history` and `changes` call it), the read model's Prisma delegate (`entity`) and SQL table, and its
 * GraphQL type. The one place these names are spelled; the projector, reconcile, visibility, history,
 * changes and the loaders all look them up here.
 */
export const ENTITY_KINDS = {
  [ObjectTypes.Enterprise]: { entity: 'enterprise', table: 'enterprises', graphqlType: 'Enterprise' },
  [ObjectTypes.Invoice]: { entity: 'invoice', table: 'invoices', graphqlType: 'Invoice' },
  [ObjectTypes.Shipment]: { entity: 'shipment', table: 'shipments', graphqlType: 'Shipment' },
  [ObjectTypes.Voucher]: { entity: 'voucher', table: 'vouchers', graphqlType: 'Voucher' },
  [ObjectTypes.CreditLine]: { entity: 'creditLine', table: 'credit_lines', graphqlType: 'CreditLine' },
  [ObjectTypes.BenchmarkRate]: {
    entity: 'benchmarkRate',
    table: 'benchmark_rates',
    graphqlType: 'BenchmarkRate',
  },
  [ObjectTypes.Financing]: { entity: 'financing', table: 'financings', graphqlType: 'Financing' },
  [ObjectTypes.QuoteRequest]: {
    entity: 'quoteRequest',
    table: 'quote_requests',
    graphqlType: 'QuoteRequest',
  },
  [ObjectTypes.Charter]: { entity: 'charter', table: 'charters', graphqlType: 'Charter' },
  [ObjectTypes.CharterProposal]: {
    entity: 'charterProposal',
    table: 'charter_proposals',
    graphqlType: 'CharterProposal',
  },
  [ObjectTypes.Approval]: { entity: 'approval', table: 'approvals', graphqlType: 'Approval' },
  [ObjectTypes.EarlyPaymentOffer]: {
    entity: 'earlyPaymentOffer',
    table: 'early_payment_offers',
    graphqlType: 'EarlyPaymentOffer',
  },
  [ObjectTypes.CreditNote]: { entity: 'creditNote', table: 'credit_notes', graphqlType: 'CreditNote' },
  [ObjectTypes.DilutionClaim]: {
    entity: 'dilutionClaim',
    table: 'dilution_claims',
    graphqlType: 'DilutionClaim',
  },
  [ObjectTypes.WarehouseReceipt]: {
    entity: 'warehouseReceipt',
    table: 'warehouse_receipts',
    graphqlType: 'WarehouseReceipt',
  },
} as const satisfies Record<ObjectType, EntityKind>;

interface EntityKind {
  /** The Prisma delegate (`db.<entity>`) of the read-model table. */
  entity: Uncapitalize<Prisma.ModelName>;
  /** The table's name in SQL. */
  table: string;
  graphqlType: string;
}

/** A read-model entity: the Prisma delegate of one kind of ledger object. */
export type ReadEntity = (typeof ENTITY_KINDS)[ObjectType]['entity'];

/** The read-model entity that holds objects of a ledger type. */
export type EntityOf<T extends ObjectType> = (typeof ENTITY_KINDS)[T]['entity'];

/** Each entity's table in SQL. */
export const TABLES = Object.fromEntries(
  Object.values(ENTITY_KINDS).map((kind) => [kind.entity, kind.table]),
) as Record<ReadEntity, string>;

/** Every ledger object type, in the order of the table above. */
export const OBJECT_TYPES = Object.keys(ENTITY_KINDS) as ObjectType[];

/** The row type (Prisma's model) of each entity, as reads return it. */
export interface ReadRows extends Record<ReadEntity, object> {
  enterprise: Enterprise;
  invoice: Invoice;
  shipment: Shipment;
  voucher: Voucher;
  financing: Financing;
  quoteRequest: QuoteRequest;
  creditLine: CreditLine;
  benchmarkRate: BenchmarkRate;
  charter: Charter;
  charterProposal: CharterProposal;
  approval: Approval;
  earlyPaymentOffer: EarlyPaymentOffer;
  creditNote: CreditNote;
  dilutionClaim: DilutionClaim;
  warehouseReceipt: WarehouseReceipt;
}

/** What the projector writes of each entity: Prisma's own create input, so a renamed column fails to compile. */
export interface WriteRows extends Record<ReadEntity, object> {
  enterprise: Prisma.EnterpriseUncheckedCreateInput;
  invoice: Prisma.InvoiceUncheckedCreateInput;
  shipment: Prisma.ShipmentUncheckedCreateInput;
  voucher: Prisma.VoucherUncheckedCreateInput;
  financing: Prisma.FinancingUncheckedCreateInput;
  quoteRequest: Prisma.QuoteRequestUncheckedCreateInput;
  creditLine: Prisma.CreditLineUncheckedCreateInput;
  benchmarkRate: Prisma.BenchmarkRateUncheckedCreateInput;
  charter: Prisma.CharterUncheckedCreateInput;
  charterProposal: Prisma.CharterProposalUncheckedCreateInput;
  approval: Prisma.ApprovalUncheckedCreateInput;
  earlyPaymentOffer: Prisma.EarlyPaymentOfferUncheckedCreateInput;
  creditNote: Prisma.CreditNoteUncheckedCreateInput;
  dilutionClaim: Prisma.DilutionClaimUncheckedCreateInput;
  warehouseReceipt: Prisma.WarehouseReceiptUncheckedCreateInput;
}

/** The methods the node calls on any entity's delegate, typed with that entity's rows. */
export interface RowDelegate<E extends ReadEntity> {
  findUnique(args: { where: { id: string } }): Promise<ReadRows[E] | null>;
  findMany(args: { where: { id: { in: string[] } } }): Promise<ReadRows[E][]>;
  findMany(args: { select: { id: true } }): Promise<{ id: string }[]>;
  upsert(args: { where: { id: string }; create: WriteRows[E]; update: WriteRows[E] }): Promise<unknown>;
}

/** Anything holding the delegates: the client, or a transaction's client. */
type Delegates = { [E in ReadEntity]: unknown };

/**
 * An entity's delegate. TypeScript cannot call a method on a union of Prisma delegates, so this is
 * the one place the node picks a delegate by name; the row types stay Prisma's.
 */
export function delegateOf<E extends ReadEntity>(db: Delegates, entity: E): RowDelegate<E> {
  return db[entity] as RowDelegate<E>;
}
