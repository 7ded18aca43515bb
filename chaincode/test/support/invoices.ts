import { InvoiceContract } from '../../src/contracts/invoice-contract';
import { txTime } from '../../src/lib/dates';
import { type Fen, type Invoice, type InvoiceStatus, ObjectTypes } from '@scf/ledger-contract';
import { invoiceFingerprint, saveInvoice } from '../../src/repositories/invoices';
import { userOf } from './callers';
import { sha256 } from './digests';
import { type EnterpriseName, ids, mspOf } from './enterprises';
import type { MemoryLedger, TestCaller } from './memory-stub';
import { parse } from './parse';

const invoices = new InvoiceContract();

/** Register's arguments in order; the default ledger date is 2026-01-05 in China. */
export interface InvoiceArgs {
  number: string;
  buyerId: string;
  amount: string;
  issueDate: string;
  dueDate: string;
  documentHash: string;
  purchaseOrderNumber: string;
}

export function invoiceArgs(buyerId: string, overrides: Partial<InvoiceArgs> = {}): InvoiceArgs {
  return {
    number: 'INV-2026/0001',
    buyerId,
    amount: '123456789',
    issueDate: '2026-01-04',
    dueDate: '2026-04-30',
    documentHash: sha256('invoice INV-2026/0001'),
    purchaseOrderNumber: 'PO_77',
    ...overrides,
  };
}

/** Submits InvoiceContract.Register as `caller`; resolves to the transaction's JSON result. */
export function registerInvoiceAs(
  ledger: MemoryLedger,
  caller: TestCaller,
  args: InvoiceArgs,
): Promise<string> {
  return ledger.submit(caller, (ctx) =>
    invoices.Register(
      ctx,
      args.number,
      args.buyerId,
      args.amount,
      args.issueDate,
      args.dueDate,
      args.documentHash,
      args.purchaseOrderNumber,
    ),
  );
}

/** Registers an invoice from tier-1 (a clerk) to `buyerId`. */
export async function registerInvoice(
  ledger: MemoryLedger,
  buyerId: string,
  overrides: Partial<InvoiceArgs> = {},
): Promise<Invoice> {
  return parse<Invoice>(
    await registerInvoiceAs(ledger, userOf('tier1', 'clerk'), invoiceArgs(buyerId, overrides)),
  );
}

export interface InvoiceSeed {
  seller: EnterpriseName;
  buyer: EnterpriseName;
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
  return ledger.submit(userOf(seed.seller, 'admin'), async (ctx) => {
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
