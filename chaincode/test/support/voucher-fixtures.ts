import { KeyEndorsementPolicy } from 'fabric-shim';
import { EnterpriseContract } from '../../src/contracts/enterprise-contract';
import { VoucherContract } from '../../src/contracts/voucher-contract';
import { txTime } from '../../src/lib/dates';
import {
  type EnterpriseKind,
  type Fen,
  type Invoice,
  type InvoiceStatus,
  type ObjectType,
  ObjectTypes,
  type Voucher,
  unmarshal,
} from '@scf/ledger-contract';
import { invoiceFingerprint, saveInvoice } from '../../src/repositories/invoices';
import { newRootVoucher, saveVoucher } from '../../src/repositories/vouchers';
import { creditCode, ENTERPRISES, MSP, orgAdmin, registerEnterprises, withMemberKinds } from './fixtures';
import type { MemoryLedger, TestCaller } from './memory-stub';

export const voucherContract = new VoucherContract();

/** Enterprises the voucher tests add to the demo consortium. */
export const VOUCHER_ENTERPRISES = {
  /** A second core enterprise, which may hold (and pass on) the first one's vouchers. */
  core2: { id: creditCode('91350200MA0000008'), kind: 'CORE', msp: MSP.core, name: 'Second Core' },
  /** A supplier hosted by the core firm's own org: its pieces are owned by a single org. */
  inHouse: { id: creditCode('91350200MA0000009'), kind: 'SUPPLIER', msp: MSP.core, name: 'In-house Parts' },
} as const satisfies Record<string, { id: string; kind: EnterpriseKind; msp: string; name: string }>;

const ALL_ENTERPRISES = { ...ENTERPRISES, ...VOUCHER_ENTERPRISES };
export type Party = keyof typeof ALL_ENTERPRISES;

/** A credit code no enterprise is registered under. */
export const UNREGISTERED_ID = creditCode('91350200MA0000010');

export const ids = Object.fromEntries(
  Object.entries(ALL_ENTERPRISES).map(([name, enterprise]) => [name, enterprise.id]),
) as Record<Party, string>;

/** A user acting for any fixture enterprise (the demo ones and the voucher tests' own). */
export function actor(party: Party, role: 'clerk' | 'approver' | 'admin' = 'approver'): TestCaller {
  const enterprise = ALL_ENTERPRISES[party];
  return { mspId: enterprise.msp, attrs: { 'scf.enterpriseId': enterprise.id, 'scf.role': role } };
}

function mspOf(enterpriseId: string): string {
  const enterprise = Object.values(ALL_ENTERPRISES).find((candidate) => candidate.id === enterpriseId);
  if (!enterprise) throw new Error(`no fixture enterprise ${enterpriseId}`);
  return enterprise.msp;
}

/** Registers the demo consortium and the voucher tests' extra enterprises (the core firm's org also hosts suppliers). */
export async function registerVoucherEnterprises(ledger: MemoryLedger): Promise<void> {
  await registerEnterprises(ledger, withMemberKinds(MSP.core, ['CORE', 'SUPPLIER']));
  const contract = new EnterpriseContract();
  for (const enterprise of Object.values(VOUCHER_ENTERPRISES)) {
    await ledger.submit(orgAdmin(enterprise.msp), (ctx) =>
      contract.Register(ctx, enterprise.id, enterprise.name, enterprise.kind),
    );
  }
}

export interface InvoiceSeed {
  seller: Party;
  buyer: Party;
  number: string;
  amount: Fen;
  paidAmount?: Fen;
  status?: InvoiceStatus;
  currency?: string;
}

/** Writes an invoice straight to the ledger, as the invoice contract would have registered it. */
export async function seedInvoice(ledger: MemoryLedger, seed: InvoiceSeed): Promise<Invoice> {
  const sellerId = ids[seed.seller];
  const buyerId = ids[seed.buyer];
  return ledger.submit(actor(seed.seller, 'admin'), async (ctx) => {
    const invoice: Invoice = {
      docType: ObjectTypes.Invoice,
      id: invoiceFingerprint(sellerId, buyerId, seed.number),
      number: seed.number,
      sellerId,
      buyerId,
      amount: seed.amount,
      currency: seed.currency ?? 'CNY',
      issueDate: '2026-01-02',
      dueDate: '2026-06-30',
      documentHash: 'ab'.repeat(32),
      status: seed.status ?? 'REGISTERED',
      paidAmount: seed.paidAmount ?? '0',
      createdAt: txTime(ctx),
      updatedAt: '',
      txId: '',
      updatedBy: '',
    };
    return saveInvoice(ctx, invoice, txTime(ctx), [mspOf(sellerId), mspOf(buyerId)]);
  });
}

/** Writes any voucher straight to the ledger (roots, or odd shapes the contract never produces). */
export async function seedVoucher(ledger: MemoryLedger, voucher: Voucher): Promise<Voucher> {
  return ledger.submit(orgAdmin(MSP.core), (ctx) =>
    saveVoucher(ctx, { ...voucher, createdAt: txTime(ctx) }, txTime(ctx), {
      holderMsp: mspOf(voucher.holderId),
      debtorMsp: mspOf(voucher.debtorId),
    }),
  );
}

export const MATURITY = '2026-06-30';

/** The root voucher the buyer (a CORE enterprise) issued on confirming the invoice, held by the seller. */
export function rootVoucherOf(invoice: Invoice, changes: Partial<Voucher> = {}): Voucher {
  return { ...newRootVoucher(invoice, ''), maturityDate: MATURITY, ...changes };
}

export interface Chain {
  /** tier1 → core, CONFIRMED: the root voucher's invoice. */
  rootInvoice: Invoice;
  root: Voucher;
  /** tier2 → tier1: backs transfers from tier1 to tier2. */
  tier2Invoice: Invoice;
  /** tier3 → tier2: backs transfers from tier2 to tier3. */
  tier3Invoice: Invoice;
}

export const ROOT_AMOUNT = '1000000';

/** The consortium, a confirmed 10,000-yuan invoice with its root voucher, and the trades below tier 1. */
export async function seedChain(ledger: MemoryLedger): Promise<Chain> {
  await registerVoucherEnterprises(ledger);
  const rootInvoice = await seedInvoice(ledger, {
    seller: 'tier1',
    buyer: 'core',
    number: 'INV-T1-001',
    amount: ROOT_AMOUNT,
    status: 'CONFIRMED',
  });
  const root = await seedVoucher(ledger, rootVoucherOf(rootInvoice));
  const tier2Invoice = await seedInvoice(ledger, {
    seller: 'tier2',
    buyer: 'tier1',
    number: 'INV-T2-001',
    amount: '800000',
  });
  const tier3Invoice = await seedInvoice(ledger, {
    seller: 'tier3',
    buyer: 'tier2',
    number: 'INV-T3-001',
    amount: '500000',
  });
  return { rootInvoice, root, tier2Invoice, tier3Invoice };
}

/** A kept piece. */
export const kept = (amount: Fen): { amount: Fen } => ({ amount });

/** A transferred piece. */
export const paid = (
  amount: Fen,
  to: Party,
  invoice: Invoice | string,
): { amount: Fen; toEnterpriseId: string; invoiceId: string } => ({
  amount,
  toEnterpriseId: ids[to],
  invoiceId: typeof invoice === 'string' ? invoice : invoice.id,
});

/** Reads a committed record straight from the ledger state. */
export function stored<T>(ledger: MemoryLedger, type: ObjectType, id: string): T | undefined {
  const bytes = ledger.state.get(`\u0000${type}\u0000${id}\u0000`);
  return bytes ? unmarshal<T>(bytes) : undefined;
}

/** Every committed record of one type, in key order. */
export function storedAll<T>(ledger: MemoryLedger, type: ObjectType): T[] {
  return ledger.keysOfType(type).map((key) => unmarshal<T>(ledger.state.get(key) ?? '{}'));
}

/** The orgs whose peers must endorse a write to the record's key (empty: the chaincode policy applies). */
export function endorsingOrgs(ledger: MemoryLedger, type: ObjectType, id: string): string[] {
  const policy = ledger.validationParameters.get(`\u0000${type}\u0000${id}\u0000`);
  return policy ? new KeyEndorsementPolicy(policy).listOrgs().sort() : [];
}

/** Everything a transaction can change, copied, to prove a rejected one changed nothing. */
export function snapshot(ledger: MemoryLedger): unknown {
  const copy = (map: Map<string, Uint8Array>): [string, string][] =>
    [...map.entries()].map(([key, value]) => [key, Buffer.from(value).toString('hex')]);
  return {
    state: copy(ledger.state),
    privateState: [...ledger.privateState.entries()].map(([name, map]) => [name, copy(map)]),
    validationParameters: copy(ledger.validationParameters),
    events: ledger.events.map((event) => ({ ...event })),
  };
}
