import { VoucherContract } from '../../src/contracts/voucher-contract';
import { txTime } from '../../src/lib/dates';
import {
  type Fen,
  type Invoice,
  type IsoDate,
  ObjectTypes,
  type Voucher,
  type VoucherStatus,
} from '@scf/ledger-contract';
import { newRootVoucher, saveVoucher } from '../../src/repositories/vouchers';
import { orgAdmin, userOf } from './callers';
import { withMemberKinds } from './charter';
import { sha256 } from './digests';
import { ENTERPRISES, type EnterpriseName, ids, MSP, mspOf } from './enterprises';
import { seedInvoice } from './invoices';
import { stored } from './ledger-state';
import type { MemoryLedger } from './memory-stub';
import { parse } from './parse';
import { registerEnterprises } from './registration';

export const voucherContract = new VoucherContract();

/** Ninety days after the ledger's first business date: when `coreVoucher`s mature. */
export const MATURITY = '2026-04-05';
/** When `rootVoucherOf` vouchers mature: the due date of seeded invoices. */
export const ROOT_MATURITY = '2026-06-30';
export const ROOT_AMOUNT = '1000000';

export interface VoucherSeed {
  label?: string;
  holder?: EnterpriseName;
  amount?: Fen;
  maturityDate?: IsoDate;
  status?: VoucherStatus;
}

/** A root voucher the core enterprise owes, for an invoice no test registered (its id is the label's digest). */
export function coreVoucher(seed: VoucherSeed = {}): Voucher {
  const id = sha256(seed.label ?? 'invoice-1');
  return {
    docType: ObjectTypes.Voucher,
    id,
    debtorId: ENTERPRISES.core.id,
    holderId: ENTERPRISES[seed.holder ?? 'tier1'].id,
    amount: seed.amount ?? '100000000',
    currency: 'CNY',
    maturityDate: seed.maturityDate ?? MATURITY,
    rootId: id,
    tier: 0,
    status: seed.status ?? 'ACTIVE',
    invoiceId: id,
    childIds: [],
    createdAt: '',
    updatedAt: '',
    txId: '',
    updatedBy: '',
  };
}

/** The root voucher the buyer (a CORE enterprise) issued on confirming the invoice, held by the seller. */
export function rootVoucherOf(invoice: Invoice, changes: Partial<Voucher> = {}): Voucher {
  return { ...newRootVoucher(invoice, ''), maturityDate: ROOT_MATURITY, ...changes };
}

/** Writes any voucher straight to the ledger (roots, or odd shapes the contract never produces). */
export async function seedVoucher(ledger: MemoryLedger, voucher: Voucher = coreVoucher()): Promise<Voucher> {
  return ledger.submit(orgAdmin(MSP.core), (ctx) =>
    saveVoucher(ctx, { ...voucher, createdAt: txTime(ctx) }, txTime(ctx), {
      holderMsp: mspOf(voucher.holderId),
      debtorMsp: mspOf(voucher.debtorId),
    }),
  );
}

/** Overwrites a stored voucher (to build states the contracts under test would never produce). */
export async function patchVoucher(
  ledger: MemoryLedger,
  id: string,
  changes: Partial<Voucher>,
): Promise<void> {
  const voucher = stored<Voucher>(ledger, ObjectTypes.Voucher, id);
  await ledger.submit(orgAdmin(MSP.core), async (ctx) => {
    const owners = { holderMsp: MSP.supplier, debtorMsp: MSP.core };
    await saveVoucher(ctx, { ...voucher, ...changes }, txTime(ctx), owners, voucher);
  });
}

/** Registers the consortium and the voucher tests' extra enterprises (the core firm's org also hosts suppliers). */
export async function registerVoucherEnterprises(ledger: MemoryLedger): Promise<void> {
  await registerEnterprises(ledger, {
    terms: withMemberKinds(MSP.core, ['CORE', 'SUPPLIER']),
    extra: ['core2', 'inHouse'],
  });
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
  to: EnterpriseName,
  invoice: Invoice | string,
): { amount: Fen; toEnterpriseId: string; invoiceId: string } => ({
  amount,
  toEnterpriseId: ids[to],
  invoiceId: typeof invoice === 'string' ? invoice : invoice.id,
});

/** The recipient's approver accepts a piece transferred to it. */
export async function acceptPiece(
  ledger: MemoryLedger,
  recipient: EnterpriseName,
  id: string,
): Promise<Voucher> {
  return parse<Voucher>(
    await ledger.submit(userOf(recipient), (ctx) => voucherContract.AcceptTransfer(ctx, id)),
  );
}
